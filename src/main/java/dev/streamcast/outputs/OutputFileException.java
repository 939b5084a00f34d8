package dev.streamcast.outputs;

import java.io.IOException;
import java.nio.file.Path;

/** A committed output file that cannot be read as its records: names the file and the line. */
public final class OutputFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputFileException(Path file, long line, String message) {
        super(file + (line > 0 ? " line " + line : "") + ": " + message);
    }
}
