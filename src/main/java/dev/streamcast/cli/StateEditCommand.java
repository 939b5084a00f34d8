package dev.streamcast.cli;

import dev.streamcast.state.StateEdit;
import dev.streamcast.state.StateInspector;
import dev.streamcast.state.StateSummary;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * What {@code state drop} and {@code state rescale} share: a savepoint in, a new one out ({@link StateEdit}), then
 * what the new one holds (as {@code state inspect} reads it).
 */
abstract class StateEditCommand extends SavepointCommand {
    @Option(names = "--out", required = true, paramLabel = "NEW", description = "the new savepoint's directory "
            + "(must not exist)")
    Path out;

    /** Writes the new savepoint without {@code drop}, at {@code maxParallelism} (null: unchanged). */
    Integer edit(Set<String> drop, Integer maxParallelism) throws Exception {
        StateEdit.Result r;
        try {
            r = StateEdit.copy(savepoint, out, drop, maxParallelism);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintStream printed = state.cli.out;
        printed.printf("streamcast: wrote %s from %s: maximum parallelism %d%s%n", out, savepoint,
                r.maxParallelism(), r.droppedOperators().isEmpty() ? "" : "; the keyed state of "
                + r.droppedOperators().size() + " other operator(s) (windows) is not carried to another maximum "
                + "parallelism: " + String.join(", ", r.droppedOperators()));
        StateSummary.of(StateInspector.read(out)).lines().forEach(printed::println);
        return 0;
    }
}
