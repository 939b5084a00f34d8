package dev.streamcast.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.HashSet;
import java.util.List;

/** {@code streamcast state drop SAVEPOINT --series ID[,ID..] --out NEW}: a savepoint without the listed keys. */
@Command(name = "drop", description = {"A new savepoint without the state of the listed model keys.",
        "The keys' models, buffers and timers go: a job resumed from it learns them again from their next event, "
        + "as new series. The other keys' state is carried as is."})
final class StateDropCommand extends StateEditCommand {
    @Option(names = "--series", required = true, split = ",", paramLabel = "ID", description = "the model keys to "
            + "drop: series ids (FOODS_3_090_CA_3), or item ids (FOODS_3_090) for a job keyed by item")
    List<String> keys;

    @Override
    public Integer call() throws Exception {
        return edit(new HashSet<>(keys), null);
    }
}
