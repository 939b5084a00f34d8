package dev.streamcast.records;

/**
 * One line of an input file as read, before parsing: where it came from and its text.
 *
 * @param source the file's name (or the topic of a Kafka record)
 * @param line   the 1-based line number in the file (or the record's offset)
 * @param text   the line without its line end; at most the reader's cap (see {@link #truncated})
 * @param truncated true if the line was longer than the cap and {@code text} holds only its beginning
 */
public record RawLine(String source, long line, String text, boolean truncated) {
}
