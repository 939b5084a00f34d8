package dev.streamcast.records;

/**
 * An input record that was rejected, with where it came from, its (capped) raw text and why.
 *
 * @param source  the file name or topic
 * @param line    the line number (or offset) in the source
 * @param raw     the raw text, capped at {@link #MAX_RAW} characters
 * @param reason  a machine-readable reason code (e.g. {@code bad_date})
 * @param message a human-readable explanation
 */
public record DeadLetter(String source, long line, String raw, String reason, String message) {
    /** Longest raw text kept in a dead letter. */
    public static final int MAX_RAW = 1024;

    /** Caps {@code raw}. */
    public DeadLetter {
        raw = raw != null && raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) : raw;
    }

    /** A dead letter of {@code line}, its text as the raw text. */
    public static DeadLetter of(RawLine line, String reason, String message) {
        return new DeadLetter(line.source(), line.line(), line.text(), reason, message);
    }
}
