package dev.streamcast.functions;

import dev.streamcast.io.CsvLineParser;
import dev.streamcast.io.JsonLineParser;
import dev.streamcast.io.Reason;
import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Malformed input becomes dead letters with source, line, raw text and reason, counted per reason; valid input
 * flows on.
 */
class ParseFunctionTest {
    static final int DAY = (int) LocalDate.of(2016, 3, 1).toEpochDay();

    @Test
    void csvLinesParseAndBadOnesAreDeadLettered() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawLine, SalesEvent> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction(new CsvLineParser()))) {
            h.processElement(new StreamRecord<>(new RawLine("a.csv", 1, "id,date,y", false)));
            h.processElement(new StreamRecord<>(new RawLine("a.csv", 2, "X_1_001_CA_1,2016-03-01,4", false)));
            h.processElement(new StreamRecord<>(new RawLine("a.csv", 3, "X_1_001_CA_1,2016-03-02,", false)));
            h.processElement(new StreamRecord<>(new RawLine("a.csv", 4, "X_1_001_CA_1,2016-13-01,4", false)));
            h.processElement(new StreamRecord<>(new RawLine("a.csv", 5, "X_1_001_CA_1,2016-03-03,-2", false)));
            h.processElement(new StreamRecord<>(new RawLine("a.csv", 6, "xxxx", true)));

            assertThat(h.extractOutputValues()).containsExactly(new SalesEvent("X_1_001_CA_1", DAY, 4),
                    SalesEvent.request("X_1_001_CA_1", DAY + 1));
            assertThat(h.getSideOutput(ParseFunction.DEAD_LETTERS)).extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::source, DeadLetter::line, DeadLetter::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a.csv", 4L, "bad_date"),
                            org.assertj.core.groups.Tuple.tuple("a.csv", 5L, "negative_y"),
                            org.assertj.core.groups.Tuple.tuple("a.csv", 6L, "line_too_long"));
            DeadLetter first = h.getSideOutput(ParseFunction.DEAD_LETTERS).peek().getValue();
            assertThat(first.raw()).isEqualTo("X_1_001_CA_1,2016-13-01,4");
            assertThat(first.message()).contains("2016-13-01");
        }
    }

    @Test
    void linesCutAtTheCapOrNotUtf8AreRejectedBeforeTheirFormatIsLookedAt() throws Exception {
        byte[] latin1 = "X_1_001_CA_1,2016-03-01,4 caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        try (OneInputStreamOperatorTestHarness<RawLine, SalesEvent> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction(new CsvLineParser()))) {
            h.processElement(new StreamRecord<>(RawLine.fromUtf8("a.csv", 1, latin1, latin1.length, false)));
            h.processElement(new StreamRecord<>(new RawLine("a.csv", 2, "X_1_001_CA_1,2016-03-01,4", true)));
            h.processElement(new StreamRecord<>(new RawLine("a.csv", 3, "X_1_001_CA_1,2016-03-01,4", false)));

            assertThat(h.extractOutputValues()).containsExactly(new SalesEvent("X_1_001_CA_1", DAY, 4));
            assertThat(h.getSideOutput(ParseFunction.DEAD_LETTERS)).extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::line, DeadLetter::reason)
                    .containsExactly(tuple(1L, "invalid_utf8"), tuple(2L, "line_too_long"));
            DeadLetter utf8 = h.getSideOutput(ParseFunction.DEAD_LETTERS).peek().getValue();
            assertThat(utf8.raw()).isEqualTo("X_1_001_CA_1,2016-03-01,4 caf\uFFFD"); // readable, bad byte marked
            assertThat(utf8.message()).contains("UTF-8");
        }
    }

    @Test
    void deadLettersAreCountedInTotalAndPerReasonCode() {
        MetricListener listener = new MetricListener();
        ParseFunction.DeadLetterCounters counters = new ParseFunction.DeadLetterCounters(listener.getMetricGroup());
        counters.count(Reason.BAD_DATE.code());
        counters.count(Reason.INVALID_UTF8.code());
        counters.count(Reason.BAD_DATE.code());

        assertThat(listener.getCounter("deadLetters")).map(Counter::getCount).contains(3L);
        assertThat(listener.getCounter("reason", "bad_date", "deadLetters")).map(Counter::getCount).contains(2L);
        assertThat(listener.getCounter("reason", "invalid_utf8", "deadLetters")).map(Counter::getCount).contains(1L);
        assertThat(listener.getCounter("reason", "bad_y", "deadLetters")).isEmpty();
    }

    @Test
    void jsonLinesWithoutYAreRequestsAndWrongTypesAreDeadLettered() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawLine, SalesEvent> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction(new JsonLineParser()))) {
            h.processElement(new StreamRecord<>(new RawLine("e.jsonl", 1,
                    "{\"id\":\"X_1_001_CA_1\",\"date\":\"2016-03-01\",\"y\":3}", false)));
            h.processElement(new StreamRecord<>(new RawLine("e.jsonl", 2,
                    "{\"id\":\"X_1_001_CA_1\",\"date\":\"2016-03-01\"}", false)));
            h.processElement(new StreamRecord<>(new RawLine("e.jsonl", 3,
                    "{\"id\":\"X_1_001_CA_1\",\"date\":\"2016-03-01\",\"y\":\"3\"}", false)));
            h.processElement(new StreamRecord<>(new RawLine("e.jsonl", 4, "{\"id\":", false)));
            h.processElement(new StreamRecord<>(new RawLine("e.jsonl", 5,
                    "{\"id\":\"X_1_001_CA_1\",\"date\":\"2016-03-01\",\"y\":2.5}", false)));

            assertThat(h.extractOutputValues()).containsExactly(new SalesEvent("X_1_001_CA_1", DAY, 3),
                    SalesEvent.request("X_1_001_CA_1", DAY));
            assertThat(h.getSideOutput(ParseFunction.DEAD_LETTERS)).extracting(r -> r.getValue().reason())
                    .containsExactly("wrong_type", "bad_json", "bad_y");
        }
    }
}
