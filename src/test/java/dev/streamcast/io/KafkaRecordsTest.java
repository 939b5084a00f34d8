package dev.streamcast.io;

import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.ParseFunction;
import dev.streamcast.functions.RecordEventTime;
import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Kafka records to lines, each parsed once by the deserializer (never failing), their origin explicit (a file named
 * like a topic partition stays a file), event time read at the source.
 */
class KafkaRecordsTest {
    static final String JSON = "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1}";

    static List<RawLine> deserialize(byte[] value, int cap) {
        List<RawLine> out = new ArrayList<>();
        new RawLineDeserializer(cap, Validation.LENIENT).deserialize(new ConsumerRecord<>("sales", 3, 42L, null, value),
                new org.apache.flink.util.Collector<>() {
                    @Override
                    public void collect(RawLine record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {
                    }
                });
        return out;
    }

    static RawLine deserialize(String value) {
        return deserialize(value.getBytes(StandardCharsets.UTF_8), 1024).get(0);
    }

    @Test
    void everyRecordBecomesOneLineNamedByTopicPartitionAndOffsetParsedOnce() {
        RawLine line = deserialize(JSON);
        SalesEvent event = new SalesEvent("a", (int) LocalDate.parse("2016-01-01").toEpochDay(), 1);
        assertThat(line).isEqualTo(new RawLine(RawLine.Origin.KAFKA, "sales-3", 42L, JSON, false, false, event, null));

        assertThat(deserialize(null, 1024)).extracting(RawLine::source, RawLine::line, RawLine::text, RawLine::event)
                .containsExactly(tuple("sales-3", 42L, "", null));
        RawLine invalid = deserialize(new byte[] {(byte) 0xc3, (byte) 0x28, 'x'}, 1024).get(0);
        assertThat(invalid.text()).isEqualTo("\uFFFD(x");
        assertThat(invalid.invalidUtf8()).isTrue();
        assertThat(invalid.rejected().reason()).isEqualTo(Reason.INVALID_UTF8.code());
        assertThat(deserialize("caf\u00e9 \uFFFD").invalidUtf8()).as("a real U+FFFD is valid UTF-8").isFalse();
        RawLine cut = deserialize("0123456789".getBytes(StandardCharsets.UTF_8), 4).get(0);
        assertThat(cut.text()).isEqualTo("0123");
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.rejected().reason()).isEqualTo(Reason.LINE_TOO_LONG.code());
    }

    @Test
    void badRecordsAreRejectedNeverThrown() {
        for (byte[] value : new byte[][] {null, {(byte) 0xff, (byte) 0xfe}, "[1,2]".getBytes(StandardCharsets.UTF_8),
            "{\"id\":1,\"date\":\"2016-01-01\"}".getBytes(StandardCharsets.UTF_8)}) {
            RawLine line = deserialize(value, 1024).get(0);
            assertThat(line.origin()).isEqualTo(RawLine.Origin.KAFKA);
            assertThat(line.event()).isNull();
            assertThat(line.rejected()).isEqualTo(DeadLetter.of(line, line.rejected().reason(),
                    line.rejected().message()));
        }
    }

    @Test
    void aFileNamedLikeATopicPartitionIsReadAsAFile() throws Exception {
        int day = (int) LocalDate.parse("2016-03-01").toEpochDay();
        try (OneInputStreamOperatorTestHarness<RawLine, SalesEvent> h = ProcessFunctionTestHarnesses.forProcessFunction(
                new ParseFunction(new CsvLineParser()))) {
            h.processElement(new StreamRecord<>(new RawLine("sales-0", 2, "FOODS_3_090_CA_3,2016-03-01,4", false)));
            h.processElement(new StreamRecord<>(deserialize(JSON)));
            h.processElement(new StreamRecord<>(deserialize("{\"id\":\"a\"}")));
            // the CSV parser reads it: its second field is no date
            h.processElement(new StreamRecord<>(new RawLine("sales-0", 3, JSON, false)));
            assertThat(h.extractOutputValues()).containsExactly(new SalesEvent("FOODS_3_090_CA_3", day, 4),
                    new SalesEvent("a", day - 60, 1));
            assertThat(h.getSideOutput(ParseFunction.DEAD_LETTERS)).extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::source, DeadLetter::line, DeadLetter::reason)
                    .containsExactly(tuple("sales-3", 42L, Reason.BAD_DATE.code()),
                            tuple("sales-0", 3L, Reason.BAD_DATE.code()));
        }
    }

    @Test
    void eventTimeComesFromTheRecordsDateAndFileLinesHaveNone() {
        RecordEventTime time = new RecordEventTime();
        long day = LocalDate.parse("2016-03-01").toEpochDay();

        assertThat(time.extractTimestamp(deserialize("{\"id\":\"a\",\"date\":\"2016-03-01\"}"), 0))
                .isEqualTo(day * LearnFunction.DAY_MS);
        assertThat(time.extractTimestamp(deserialize("garbage"), 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(time.extractTimestamp(new RawLine("sales-1", 2, "{\"id\":\"a\",\"date\":\"2016-03-01\"}",
                false), 0)).as("a file named like a topic partition").isEqualTo(Long.MIN_VALUE);
    }
}
