package dev.streamcast.io;

import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;

import java.io.Serializable;

/** Turns one input line into events, or says why not. One implementation per input format. */
public interface LineParser extends Serializable {

    /** Parses {@code line}, reporting each event and each rejected part to {@code sink}. */
    void parse(RawLine line, EventSink sink);

    /** Receives what a parser makes of a line. */
    interface EventSink {
        void event(SalesEvent event);

        /**
         * A rejected record (or part of one).
         *
         * @param raw the rejected text, or {@code null} for the whole line
         */
        void reject(Reason reason, String message, String raw);
    }
}
