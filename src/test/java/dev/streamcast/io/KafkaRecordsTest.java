package dev.streamcast.io;

import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.RecordEventTime;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Kafka records to lines (never failing), lines routed to the right parser, event time read at the source. */
class KafkaRecordsTest {

    static List<RawLine> deserialize(byte[] value, int cap) {
        List<RawLine> out = new ArrayList<>();
        new RawLineDeserializer(cap).deserialize(new ConsumerRecord<>("sales", 3, 42L, null, value),
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

    @Test
    void everyRecordBecomesOneLineNamedByTopicPartitionAndOffset() {
        RawLine line = deserialize("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1}".getBytes(StandardCharsets.UTF_8),
                1024).get(0);
        assertThat(line).isEqualTo(new RawLine("sales-3", 42L, "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1}", false));

        assertThat(deserialize(null, 1024)).containsExactly(new RawLine("sales-3", 42L, "", false));
        RawLine invalid = deserialize(new byte[] {(byte) 0xc3, (byte) 0x28, 'x'}, 1024).get(0);
        assertThat(invalid.text()).isEqualTo("\uFFFD(x");
        assertThat(invalid.invalidUtf8()).isTrue();
        assertThat(deserialize("caf\u00e9 \uFFFD".getBytes(StandardCharsets.UTF_8), 1024).get(0).invalidUtf8())
                .as("a real U+FFFD is valid UTF-8").isFalse();
        RawLine cut = deserialize("0123456789".getBytes(StandardCharsets.UTF_8), 4).get(0);
        assertThat(cut.text()).isEqualTo("0123");
        assertThat(cut.truncated()).isTrue();
    }

    @Test
    void badRecordsAreRejectedNeverThrown() {
        JsonLineParser parser = new JsonLineParser();
        for (byte[] value : new byte[][] {null, {(byte) 0xff, (byte) 0xfe}, "[1,2]".getBytes(StandardCharsets.UTF_8),
            "{\"id\":1,\"date\":\"2016-01-01\"}".getBytes(StandardCharsets.UTF_8)}) {
            List<Reason> reasons = new ArrayList<>();
            parser.parse(deserialize(value, 1024).get(0), new LineParser.EventSink() {
                @Override
                public void event(SalesEvent event) {
                    throw new AssertionError("no event expected from " + event);
                }

                @Override
                public void reject(Reason reason, String message, String raw) {
                    reasons.add(reason);
                }
            });
            assertThat(reasons).hasSize(1);
        }
    }

    @Test
    void compositeParserSendsTopicRecordsToTheJsonParserAndFileLinesToTheFileParser() {
        List<String> seen = new ArrayList<>();
        LineParser json = (line, sink) -> seen.add("json:" + line.source());
        LineParser files = (line, sink) -> seen.add("file:" + line.source());
        CompositeLineParser p = new CompositeLineParser(List.of("sales", "sales-eu"), json, files);

        for (String source : List.of("sales-0", "sales-eu-12", "sales_subset.csv", "sales", "sales-", "sales-1a",
                "other-0", "sales-eu")) {
            p.parse(new RawLine(source, 1, "", false), null);
        }
        assertThat(seen).containsExactly("json:sales-0", "json:sales-eu-12", "file:sales_subset.csv", "file:sales",
                "file:sales-", "file:sales-1a", "file:other-0", "file:sales-eu");
        assertThat(CompositeLineParser.isTopicPartition(null, Set.of("a"))).isFalse();
    }

    @Test
    void eventTimeComesFromTheRecordsDateAndFileLinesHaveNone() {
        RecordEventTime time = new RecordEventTime(List.of("sales"));
        long day = LocalDate.parse("2016-03-01").toEpochDay();

        assertThat(time.extractTimestamp(new RawLine("sales-1", 7, "{\"id\":\"a\",\"date\":\"2016-03-01\"}", false), 0))
                .isEqualTo(day * LearnFunction.DAY_MS);
        assertThat(time.extractTimestamp(new RawLine("sales-1", 8, "garbage", false), 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(time.extractTimestamp(new RawLine("sales_subset.csv", 2, "{\"id\":\"a\",\"date\":\"2016-03-01\"}",
                false), 0)).isEqualTo(Long.MIN_VALUE);
    }
}
