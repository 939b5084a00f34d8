package dev.streamcast.cli;

import dev.streamcast.job.JobConfig;
import dev.streamcast.state.ModelStateRow;
import dev.streamcast.state.StateBootstrap;
import dev.streamcast.state.StateInspector;
import dev.streamcast.state.StateSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code streamcast state bootstrap JOB.yaml --out SAVEPOINT}: learns the job file's input files in batch and
 * writes the savepoint the streaming job resumes from ({@link StateBootstrap}), then prints what it holds (read
 * back as {@code state inspect} reads it).
 */
@Command(name = "bootstrap", description = {"Learn a job file's input files in batch; write the savepoint the "
        + "streaming job resumes from.",
        "The job's own learn operator (same parameters, key mode, serializer, state backend and maximum "
        + "parallelism) learns each key's history in date order; the savepoint holds its state only. Resume the job "
        + "on the rest of the data with flink run -s SAVEPOINT, or locally with --set "
        + "runtime.flink.execution.state-recovery.path=SAVEPOINT."},
        footer = {"", "Not for forecast.serving: pooled, nor for a job without input files."})
final class StateBootstrapCommand implements Callable<Integer> {
    @ParentCommand
    StateCommand state;

    @Mixin
    JobFile jobFile;

    @Option(names = "--out", required = true, paramLabel = "SAVEPOINT", description = "the savepoint directory to "
            + "write (new, or empty)")
    Path out;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        JobConfig job = jobFile.load();
        StateBootstrap.Result result;
        try {
            result = StateBootstrap.write(job, out);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintStream printed = state.cli.out;
        printed.printf("streamcast: bootstrap of job '%s' wrote %s in %.1f s%s%n", job.name(), out,
                (System.nanoTime() - start) / 1e9, result.deadLetters() == 0 ? "" : String.format(
                        "; %,d bad input lines skipped (the job's dead letters: run it on the same input to see "
                        + "them)", result.deadLetters()));
        List<ModelStateRow> rows = StateInspector.read(out);
        StateSummary.of(rows).lines().forEach(printed::println);
        return 0;
    }
}
