package dev.streamcast.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Set;

/** {@code streamcast state rescale SAVEPOINT --max-parallelism N --out NEW}: the state at another max parallelism. */
@Command(name = "rescale", description = {"A new savepoint with the learn operator's state at another maximum "
        + "parallelism (its number of key groups).",
        "Resume the job from it with the same maximum parallelism (runtime.flink.pipeline.max-parallelism). The "
        + "keyed state of other keyed operators (the daily metrics' windows) is not carried."})
final class StateRescaleCommand extends StateEditCommand {
    @Option(names = "--max-parallelism", required = true, paramLabel = "N", description = "the new maximum "
            + "parallelism, 1 to 32768")
    int maxParallelism;

    @Override
    public Integer call() throws Exception {
        if (maxParallelism < 1 || maxParallelism > 32768) {
            throw new UsageException("--max-parallelism must be 1 to 32768, got " + maxParallelism);
        }
        return edit(Set.of(), maxParallelism);
    }
}
