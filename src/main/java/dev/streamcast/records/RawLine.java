package dev.streamcast.records;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One line of an input file, or one Kafka record, as read, before the parse step: where it came from and its text.
 * A Kafka record is parsed once, by its deserializer: it arrives with its {@link #event} or, if rejected, its
 * {@link #rejected} dead letter; a file line is parsed by the parse step.
 *
 * @param origin      a file line or a Kafka record
 * @param source      the file's name (or {@code <topic>-<partition>} of a Kafka record)
 * @param line        the 1-based line number in the file (or the record's offset)
 * @param text        the line without its line end; at most the reader's cap (see {@link #truncated}); invalid UTF-8
 *                    decoded to U+FFFD (see {@link #invalidUtf8})
 * @param truncated   true if the line was longer than the cap and {@code text} holds only its beginning
 * @param invalidUtf8 true if the line's bytes are not valid UTF-8; {@code text} then shows each invalid sequence as
 *                    U+FFFD, so it stays readable in a dead letter
 * @param event       a Kafka record's event; null for a file line and a rejected record
 * @param rejected    why a Kafka record was rejected; null for a file line and a parsed record
 */
public record RawLine(Origin origin, String source, long line, String text, boolean truncated, boolean invalidUtf8,
                      SalesEvent event, DeadLetter rejected) {

    /** Where a line comes from. */
    public enum Origin {
        FILE,
        KAFKA
    }

    /** A line of a file. */
    public RawLine(String source, long line, String text, boolean truncated, boolean invalidUtf8) {
        this(Origin.FILE, source, line, text, truncated, invalidUtf8, null, null);
    }

    /** A line of a file, of valid UTF-8 (or already decoded text). */
    public RawLine(String source, long line, String text, boolean truncated) {
        this(source, line, text, truncated, false);
    }

    /** This Kafka record, parsed: its event, or its dead letter. */
    public RawLine parsed(SalesEvent parsedEvent, DeadLetter rejection) {
        return new RawLine(Origin.KAFKA, source, line, text, truncated, invalidUtf8, parsedEvent, rejection);
    }

    /**
     * The line of the bytes {@code bytes[0..length)}, decoded as UTF-8 and flagged if they are not valid UTF-8. The
     * common case (valid text) costs one decoding; only a text holding U+FFFD is decoded a second time, strictly, to
     * tell invalid bytes from a U+FFFD that was really there.
     */
    public static RawLine fromUtf8(String source, long line, byte[] bytes, int length, boolean truncated) {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        boolean invalid = false;
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, length));
            } catch (CharacterCodingException e) {
                invalid = true;
            }
        }
        return new RawLine(source, line, text, truncated, invalid);
    }

    /** This line with another {@link #source}. */
    public RawLine withSource(String newSource) {
        return new RawLine(origin, newSource, line, text, truncated, invalidUtf8, event, rejected);
    }
}
