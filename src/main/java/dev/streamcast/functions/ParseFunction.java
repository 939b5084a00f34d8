package dev.streamcast.functions;

import dev.streamcast.io.BadInputException;
import dev.streamcast.io.EventParser;
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

import java.util.HashMap;
import java.util.Map;

/**
 * Parses raw input lines of files into events; everything it cannot use goes to the {@link #DEAD_LETTERS} side
 * output with the source, line, raw text and reason. Never fails on input. A line the reader cut at its cap or
 * could not decode as UTF-8 is rejected before its format is looked at ({@link EventParser#checkLine}). Kafka
 * records come parsed by their deserializer: their event or dead letter is passed on. Counts dead letters in total
 * and per reason code (metric group {@code reason}, see {@link DeadLetterCounters}).
 */
public final class ParseFunction extends ProcessFunction<RawLine, SalesEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    private final LineParser parser;
    private transient DeadLetterCounters counters;

    /** @param parser the parser of file lines (null if the input is only Kafka records) */
    public ParseFunction(LineParser parser) {
        this.parser = parser;
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RawLine line, Context ctx, Collector<SalesEvent> out) {
        if (line.origin() == RawLine.Origin.KAFKA) {
            if (line.event() != null) {
                out.collect(line.event());
            } else {
                counters.count(line.rejected().reason());
                ctx.output(DEAD_LETTERS, line.rejected());
            }
            return;
        }
        LineParser.EventSink sink = new LineParser.EventSink() {
            @Override
            public void event(SalesEvent event) {
                out.collect(event);
            }

            @Override
            public void reject(Reason reason, String message, String raw) {
                counters.count(reason.code());
                ctx.output(DEAD_LETTERS, new DeadLetter(line.source(), line.line(), raw == null ? line.text() : raw,
                        reason.code(), message));
            }
        };
        try {
            EventParser.checkLine(line);
        } catch (BadInputException e) {
            sink.reject(e.reason(), e.getMessage(), null);
            return;
        }
        parser.parse(line, sink);
    }

    /**
     * The dead-letter counters of one parse subtask: {@code deadLetters} in total and
     * {@code reason.<code>.deadLetters} per reason code, registered when a reason first occurs.
     */
    static final class DeadLetterCounters {
        private final MetricGroup metrics;
        private final Counter total;
        private final Map<String, Counter> perReason = new HashMap<>();

        DeadLetterCounters(MetricGroup metrics) {
            this.metrics = metrics;
            this.total = metrics.counter("deadLetters");
        }

        /** One dead letter of reason {@code code} ({@link Reason#code()}). */
        void count(String code) {
            total.inc();
            perReason.computeIfAbsent(code, c -> metrics.addGroup("reason", c).counter("deadLetters")).inc();
        }
    }
}
