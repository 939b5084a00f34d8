package dev.streamcast.functions;

import dev.streamcast.io.LineParser;
import dev.streamcast.io.Reason;
import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.EnumMap;
import java.util.Map;

/**
 * Parses raw input lines into events; everything it cannot use goes to the {@link #DEAD_LETTERS} side
 * output with the source, line, raw text and reason. Never fails on input. Counts dead letters in total
 * and per reason code (metric group {@code reason}).
 */
public final class ParseFunction extends ProcessFunction<RawLine, SalesEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    private final LineParser parser;
    private transient Counter deadLetters;
    private transient Map<Reason, Counter> perReason;
    private transient MetricGroup metrics;

    public ParseFunction(LineParser parser) {
        this.parser = parser;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = getRuntimeContext().getMetricGroup();
        deadLetters = metrics.counter("deadLetters");
        perReason = new EnumMap<>(Reason.class);
    }

    @Override
    public void processElement(RawLine line, Context ctx, Collector<SalesEvent> out) {
        LineParser.EventSink sink = new LineParser.EventSink() {
            @Override
            public void event(SalesEvent event) {
                out.collect(event);
            }

            @Override
            public void reject(Reason reason, String message, String raw) {
                deadLetters.inc();
                perReason.computeIfAbsent(reason, r -> metrics.addGroup("reason", r.code()).counter("deadLetters"))
                        .inc();
                DeadLetter letter = DeadLetter.of(line, reason.code(), message);
                ctx.output(DEAD_LETTERS, raw == null ? letter
                        : new DeadLetter(letter.source(), letter.line(), cap(raw), letter.reason(), message));
            }
        };
        if (line.truncated()) {
            sink.reject(Reason.LINE_TOO_LONG, "the line is longer than the reader's cap", null);
            return;
        }
        parser.parse(line, sink);
    }

    private static String cap(String raw) {
        return raw.length() > DeadLetter.MAX_RAW ? raw.substring(0, DeadLetter.MAX_RAW) : raw;
    }
}
