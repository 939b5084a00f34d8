package dev.streamcast.io;

/** A record that cannot be turned into an event, with the reason and a human message. */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    public BadInputException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
