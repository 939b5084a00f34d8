package dev.streamcast;

import dev.streamcast.cli.Cli;

import java.io.PrintStream;

/** The command-line entry, {@code streamcast COMMAND [OPTIONS]} (the commands: {@link Cli}). */
public final class Streamcast {
    private Streamcast() {
    }

    public static void main(String[] args) {
        // exits even if threads linger (e.g. after a job that failed)
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command printing to {@code out} and {@code err}; returns the exit code (0 ok, 1 failed, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.execute(args, out, err);
    }
}
