package dev.streamcast.cli;

import dev.streamcast.job.JobConfig;
import dev.streamcast.state.StateBootstrap;
import dev.streamcast.state.StateEdit;
import dev.streamcast.state.StateInspector;
import dev.streamcast.state.StateSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code streamcast state COMMAND}: tools for the job's savepoints and retained checkpoints. {@code inspect} reads
 * one ({@link StateInspectCommand}); the methods here write one and then print what it holds ({@link StateSummary}):
 * {@code bootstrap} from a job file's input files ({@link StateBootstrap}), {@code drop} and {@code rescale} as a
 * changed copy ({@link StateEdit}).
 */
@Command(name = "state", description = "Tools for the job's savepoints and retained checkpoints.",
        subcommands = StateInspectCommand.class)
final class StateCommand extends Subcommand {
    /** The description of a command's SAVEPOINT argument. */
    static final String SAVEPOINT = "a savepoint or retained checkpoint directory (the one holding _metadata)";
    private static final String NEW = "the new savepoint's directory (must not exist)";

    /** {@code streamcast state} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(cli.err);
        return Cli.USAGE;
    }

    /**
     * {@code streamcast state bootstrap JOB.yaml --out SAVEPOINT}: learns the job file's input files in batch and
     * writes the savepoint the streaming job resumes from, then prints what it holds.
     */
    @Command(name = "bootstrap", description = {"Learn a job file's input files in batch; write the savepoint the "
            + "streaming job resumes from.",
            "The job's own learn operator (same parameters, key mode, serializer, state backend and maximum "
            + "parallelism) learns each key's history in date order; the savepoint holds its state only. Resume the "
            + "job on the rest of the data with flink run -s SAVEPOINT, or locally with --set "
            + "runtime.flink.execution.state-recovery.path=SAVEPOINT."},
            footer = {"", "Not for forecast.serving: pooled, nor for a job without input files."})
    int bootstrap(@Mixin JobFile jobFile,
                  @Option(names = "--out", required = true, paramLabel = "SAVEPOINT", description = "the savepoint "
                          + "directory to write (new, or empty)") Path out) throws Exception {
        long start = System.nanoTime();
        JobConfig job = jobFile.load();
        StateBootstrap.Result result;
        try {
            result = StateBootstrap.write(job, out);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        cli.out.printf("streamcast: bootstrap of job '%s' wrote %s in %.1f s%s%n", job.name(), out,
                (System.nanoTime() - start) / 1e9, result.deadLetters() == 0 ? "" : String.format(
                        "; %,d bad input lines skipped (the job's dead letters: run it on the same input to see "
                        + "them)", result.deadLetters()));
        StateSummary.of(StateInspector.read(out)).lines().forEach(cli.out::println);
        return 0;
    }

    /** {@code streamcast state drop SAVEPOINT --series ID[,ID..] --out NEW}: a savepoint without the listed keys. */
    @Command(name = "drop", description = {"A new savepoint without the state of the listed model keys.",
            "The keys' models, buffers and timers go: a job resumed from it learns them again from their next event, "
            + "as new series. The other keys' state is carried as is."})
    int drop(@Parameters(paramLabel = "SAVEPOINT", description = SAVEPOINT) Path savepoint,
             @Option(names = "--out", required = true, paramLabel = "NEW", description = NEW) Path out,
             @Option(names = "--series", required = true, split = ",", paramLabel = "ID", description = "the model "
                     + "keys to drop: series ids (FOODS_3_090_CA_3), or item ids (FOODS_3_090) for a job keyed by "
                     + "item") List<String> keys) throws Exception {
        return edit(savepoint, out, new HashSet<>(keys), null);
    }

    /**
     * {@code streamcast state rescale SAVEPOINT --max-parallelism N --out NEW}: the state at another maximum
     * parallelism.
     */
    @Command(name = "rescale", description = {"A new savepoint with the learn operator's state at another maximum "
            + "parallelism (its number of key groups).",
            "Resume the job from it with the same maximum parallelism (runtime.flink.pipeline.max-parallelism). The "
            + "keyed state of other keyed operators (the daily metrics' windows) is not carried."})
    int rescale(@Parameters(paramLabel = "SAVEPOINT", description = SAVEPOINT) Path savepoint,
                @Option(names = "--out", required = true, paramLabel = "NEW", description = NEW) Path out,
                @Option(names = "--max-parallelism", required = true, paramLabel = "N", description = "the new "
                        + "maximum parallelism, 1 to 32768") int maxParallelism) throws Exception {
        if (maxParallelism < 1 || maxParallelism > 32768) {
            throw new UsageException("--max-parallelism must be 1 to 32768, got " + maxParallelism);
        }
        return edit(savepoint, out, Set.of(), maxParallelism);
    }

    /** Writes {@code out} from {@code savepoint} without {@code drop}, at {@code maxParallelism} (null: unchanged). */
    private int edit(Path savepoint, Path out, Set<String> drop, Integer maxParallelism) throws Exception {
        StateEdit.Result r;
        try {
            r = StateEdit.copy(savepoint, out, drop, maxParallelism);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        cli.out.printf("streamcast: wrote %s from %s: maximum parallelism %d%s%n", out, savepoint,
                r.maxParallelism(), r.droppedOperators().isEmpty() ? "" : "; the keyed state of "
                + r.droppedOperators().size() + " other operator(s) (windows) is not carried to another maximum "
                + "parallelism: " + String.join(", ", r.droppedOperators()));
        StateSummary.of(StateInspector.read(out)).lines().forEach(cli.out::println);
        return 0;
    }
}
