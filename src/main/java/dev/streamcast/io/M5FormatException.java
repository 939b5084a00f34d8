package dev.streamcast.io;

import java.io.IOException;

/**
 * A whole M5 input cannot be used: a malformed calendar, a bad header of a wide sales file, or a day range that
 * the file or the calendar does not cover. Unlike {@link BadInputException} (one bad record, dead-lettered),
 * this stops the reading of the file. The message names the file line or the header column at fault.
 */
public final class M5FormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    public M5FormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
