package dev.streamcast.cli;

/** A command-line mistake or bad input file: printed as one clear line, never as a stack trace. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }

    /** {@code file} if it can be read; else this exception, naming it as {@code what} ("input file", ...). */
    static java.nio.file.Path readable(java.nio.file.Path file, String what) throws UsageException {
        if (!java.nio.file.Files.isReadable(file)) {
            throw new UsageException("cannot read " + what + " " + file);
        }
        return file;
    }
}
