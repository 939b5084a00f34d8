package dev.streamcast.io;

import dev.streamcast.records.RawLine;

import java.util.List;
import java.util.Set;

/**
 * Parses lines from two kinds of input in one job: records of Kafka topics (their {@link RawLine#source()} is
 * {@code <topic>-<partition>} of one of {@link #topics}) with one parser, everything else (lines of files, named
 * by their file name) with another. Used by backfill-then-live jobs, whose files are M5 wide rows or CSV and
 * whose topic holds JSON events.
 */
public final class CompositeLineParser implements LineParser {
    private static final long serialVersionUID = 1L;

    private final Set<String> topics;
    private final LineParser recordParser;
    private final LineParser fileParser;

    /**
     * @param topics       the topics whose records {@code recordParser} parses
     * @param recordParser the parser of topic records (JSON events)
     * @param fileParser   the parser of all other lines
     */
    public CompositeLineParser(List<String> topics, LineParser recordParser, LineParser fileParser) {
        this.topics = Set.copyOf(topics);
        this.recordParser = recordParser;
        this.fileParser = fileParser;
    }

    @Override
    public void parse(RawLine line, EventSink sink) {
        (isRecord(line) ? recordParser : fileParser).parse(line, sink);
    }

    /** True if {@code line} is a record of one of the topics ({@code source} = {@code <topic>-<partition>}). */
    public boolean isRecord(RawLine line) {
        return isTopicPartition(line.source(), topics);
    }

    /** True if {@code source} is {@code <topic>-<partition number>} of one of {@code topics}. */
    public static boolean isTopicPartition(String source, Set<String> topics) {
        if (source == null) {
            return false;
        }
        int dash = source.lastIndexOf('-');
        if (dash <= 0 || dash == source.length() - 1) {
            return false;
        }
        for (int i = dash + 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return topics.contains(source.substring(0, dash));
    }
}
