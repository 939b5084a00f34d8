package dev.streamcast.cli;

/** A command-line mistake or bad input file: printed as one clear line, never as a stack trace. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
