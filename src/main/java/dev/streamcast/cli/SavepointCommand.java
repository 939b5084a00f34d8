package dev.streamcast.cli;

import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** What the {@code state} commands that read a savepoint share: their parent command and the savepoint given. */
abstract class SavepointCommand implements Callable<Integer> {
    @ParentCommand
    StateCommand state;

    @Parameters(index = "0", paramLabel = "SAVEPOINT", description = "a savepoint or retained checkpoint directory "
            + "(the one holding _metadata)")
    Path savepoint;
}
