package dev.streamcast.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the evaluation commands with their output captured (for tests in other packages). */
public final class CommandsForTests {
    private CommandsForTests() {
    }

    public static void submission(String[] args, ByteArrayOutputStream out) throws Exception {
        try (PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            SubmissionCommand.run(args, p);
        }
    }
}
