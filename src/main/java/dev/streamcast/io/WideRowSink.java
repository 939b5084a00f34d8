package dev.streamcast.io;

import dev.streamcast.records.SalesEvent;

/**
 * Receives what {@link M5WideFormat#parseRow} makes of one row of a wide M5 sales file: one event per good cell, in
 * day order, and one report per bad cell or per rejected row.
 */
public interface WideRowSink {
    /** A good cell: units sold by series {@code e.id()} on day {@code e.day()}. */
    void event(SalesEvent e);

    /**
     * Something could not be turned into an event.
     *
     * @param reason  why, as a machine-readable reason
     * @param message a human message; for a cell it names the series id and the day column ({@code d_N})
     * @param rawText for a bad cell, the cell's text as found in the line (the rest of the row is still emitted);
     *                for a rejected row (wrong field count, empty id, empty line), the whole line without its line
     *                end (nothing of the row is emitted)
     */
    void bad(Reason reason, String message, String rawText);
}
