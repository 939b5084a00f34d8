package dev.streamcast.cli;

import picocli.CommandLine.Command;

/** {@code streamcast state COMMAND}: tools for the job's savepoints and retained checkpoints. */
@Command(name = "state", description = "Tools for the job's savepoints and retained checkpoints.",
        subcommands = {StateInspectCommand.class, StateBootstrapCommand.class, StateDropCommand.class,
            StateRescaleCommand.class})
final class StateCommand extends Subcommand {
    /** {@code streamcast state} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(cli.err);
        return Cli.USAGE;
    }
}
