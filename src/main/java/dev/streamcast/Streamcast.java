package dev.streamcast;

import dev.streamcast.cli.Cli;

/** The command-line entry, {@code streamcast COMMAND [OPTIONS]} (the commands: {@link Cli}). */
public final class Streamcast {
    private Streamcast() {
    }

    public static void main(String[] args) {
        // exits even if threads linger (e.g. after a job that failed)
        System.exit(Cli.execute(args, System.out, System.err));
    }
}
