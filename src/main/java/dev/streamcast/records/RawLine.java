package dev.streamcast.records;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One line of an input file (or one Kafka record) as read, before parsing: where it came from and its text.
 *
 * @param source      the file's name (or the topic of a Kafka record)
 * @param line        the 1-based line number in the file (or the record's offset)
 * @param text        the line without its line end; at most the reader's cap (see {@link #truncated}); invalid UTF-8
 *                    decoded to U+FFFD (see {@link #invalidUtf8})
 * @param truncated   true if the line was longer than the cap and {@code text} holds only its beginning
 * @param invalidUtf8 true if the line's bytes are not valid UTF-8; {@code text} then shows each invalid sequence as
 *                    U+FFFD, so it stays readable in a dead letter
 */
public record RawLine(String source, long line, String text, boolean truncated, boolean invalidUtf8) {

    /** A line of valid UTF-8 (or already decoded text). */
    public RawLine(String source, long line, String text, boolean truncated) {
        this(source, line, text, truncated, false);
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
        return new RawLine(newSource, line, text, truncated, invalidUtf8);
    }
}
