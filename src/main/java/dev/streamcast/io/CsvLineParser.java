package dev.streamcast.io;

import dev.streamcast.records.RawLine;

/**
 * The long CSV format {@code id,date,y}: line 1 of each file is the header; empty y is a request. A header line
 * anywhere else (files concatenated) is {@link Reason#BAD_HEADER}; the fields are checked by {@link EventParser}.
 */
public final class CsvLineParser implements LineParser {
    private static final long serialVersionUID = 1L;
    private final Validation validation;

    /** A parser with {@link Validation#LENIENT} rules. */
    public CsvLineParser() {
        this(Validation.LENIENT);
    }

    public CsvLineParser(Validation validation) {
        this.validation = validation;
    }

    @Override
    public void parse(RawLine line, EventSink sink) {
        if (line.line() == 1) {
            if (!EventParser.stripLineEnd(line.text()).strip().equals(EventParser.CSV_HEADER)) {
                sink.reject(Reason.BAD_HEADER, "the first line must be the header '" + EventParser.CSV_HEADER
                        + "'", null);
            }
            return;
        }
        try {
            sink.event(EventParser.parseCsvLine(line.text(), validation));
        } catch (BadInputException e) {
            sink.reject(e.reason(), e.getMessage(), null);
        }
    }
}
