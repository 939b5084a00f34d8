package dev.streamcast.io;

import dev.streamcast.records.RawLine;

/**
 * M5's wide sales files: line 1 of each file is its header (already validated when the job was built,
 * see {@link M5WideFormat}); every other line is one series, streamed into one event per selected day.
 */
public final class M5WideLineParser implements LineParser {
    private static final long serialVersionUID = 1L;
    private final M5WideFormat format;
    private final Validation validation;

    /** A parser with {@link Validation#LENIENT} rules. */
    public M5WideLineParser(M5WideFormat format) {
        this(format, Validation.LENIENT);
    }

    public M5WideLineParser(M5WideFormat format, Validation validation) {
        this.format = format;
        this.validation = validation;
    }

    @Override
    public void parse(RawLine line, EventSink sink) {
        if (line.line() > 1) {
            format.parseRow(line.text(), validation, sink);
        }
    }
}
