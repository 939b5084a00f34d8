package dev.streamcast.cli;

import dev.streamcast.state.StateEdit;
import dev.streamcast.state.StateInspector;
import dev.streamcast.state.StateSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code streamcast state COMMAND}: tools for the job's savepoints and retained checkpoints. {@code inspect} and
 * {@code bootstrap} are classes of their own; {@code drop} and {@code rescale}, which both copy a savepoint with
 * {@link StateEdit}, are methods here.
 */
@Command(name = "state", description = "Tools for the job's savepoints and retained checkpoints.",
        subcommands = {StateInspectCommand.class, StateBootstrapCommand.class})
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

    /** {@code streamcast state rescale SAVEPOINT --max-parallelism N --out NEW}: the state at another max parallelism. */
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

    /**
     * Writes the new savepoint {@code out} from {@code savepoint} without {@code drop}, at {@code maxParallelism}
     * (null: unchanged), then prints what it holds (as {@code state inspect} reads it).
     */
    private int edit(Path savepoint, Path out, Set<String> drop, Integer maxParallelism) throws Exception {
        StateEdit.Result r;
        try {
            r = StateEdit.copy(savepoint, out, drop, maxParallelism);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintStream printed = cli.out;
        printed.printf("streamcast: wrote %s from %s: maximum parallelism %d%s%n", out, savepoint,
                r.maxParallelism(), r.droppedOperators().isEmpty() ? "" : "; the keyed state of "
                + r.droppedOperators().size() + " other operator(s) (windows) is not carried to another maximum "
                + "parallelism: " + String.join(", ", r.droppedOperators()));
        StateSummary.of(StateInspector.read(out)).lines().forEach(printed::println);
        return 0;
    }
}
