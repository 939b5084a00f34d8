package dev.streamcast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.job.KafkaTestBroker;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay tool: M5 wide files and long CSV to JSON events in date order, keyed by series, rate-limited. */
class ReplayCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SALES = Path.of("data/m5/sales_subset.csv");
    static final Path CALENDAR = Path.of("data/m5/calendar.csv");

    @TempDir
    Path tmp;

    @Test
    void m5WideRowsBecomeJsonEventsInDateOrderKeyedBySeries() throws Exception {
        ReplayCommand.Events events = ReplayCommand.read(SALES, CALENDAR, "d_1852", "d_1853", null);
        assertThat(events.size()).isEqualTo(600);
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        ReplayCommand.Summary s = ReplayCommand.publish(events, producer, "sales", 0, null);

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(600);
        LocalDate previous = LocalDate.MIN;
        for (ProducerRecord<byte[], byte[]> r : sent) {
            JsonNode e = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
            assertThat(r.topic()).isEqualTo("sales");
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.get("id").asText());
            assertThat(r.timestamp()).as("Kafka's write time, not the old event date").isNull();
            LocalDate date = LocalDate.parse(e.get("date").asText());
            assertThat(date).isAfterOrEqualTo(previous);
            previous = date;
        }
        // d_1852 is 2016-02-23 in the M5 calendar; the first row of the subset sold 0 that day
        assertThat(new String(sent.get(0).value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"HOBBIES_1_001_CA_1_evaluation\",\"date\":\"2016-02-23\",\"y\":"
                        + JSON.readTree(new String(sent.get(0).value(), StandardCharsets.UTF_8)).get("y").asInt() + "}");
        assertThat(s.events()).isEqualTo(600);
        assertThat(s.series()).isEqualTo(300);
        assertThat(s.describe("sales")).startsWith("replay: 600 events (300 series, 2016-02-23..2016-02-24) to topic "
                + "'sales' in ");
    }

    @Test
    void longCsvIsSortedByDateStablyAndRequestsHaveNoY() throws Exception {
        Path csv = tmp.resolve("in.csv");
        Files.writeString(csv, "id,date,y\nb,2016-01-02,1\na,2016-01-01,3\nb,2016-01-01,\nbad line\nc,2016-01-01,2\n");
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        ReplayCommand.Events events = ReplayCommand.read(csv, null, null, null,
                new PrintStream(warnings, true, StandardCharsets.UTF_8));

        assertThat(events.size()).isEqualTo(4);
        assertThat(events.rejected()).isEqualTo(1);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("in.csv:5:");
        assertThat(List.of(events.json(0), events.json(1), events.json(2), events.json(3))).containsExactly(
                "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":3}", "{\"id\":\"b\",\"date\":\"2016-01-01\"}",
                "{\"id\":\"c\",\"date\":\"2016-01-01\",\"y\":2}", "{\"id\":\"b\",\"date\":\"2016-01-02\",\"y\":1}");
    }

    @Test
    void rateLimitsThePace() throws Exception {
        ReplayCommand.Events events = ReplayCommand.read(SALES, CALENDAR, "d_1852", "d_1852", null);
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ReplayCommand.Summary s = ReplayCommand.publish(events, producer, "sales", 1000,
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(s.seconds()).isBetween(0.25, 2.0); // 300 events at 1,000 per second
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[##############################] 100% 300/300");
    }

    @Test
    void replayCreatesTheTopicOnARealBrokerWithProducerOnlyPropertiesKeptFromTheAdminClient() throws Exception {
        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            CliRun run = CliRun.of("replay", SALES.toString(), "--calendar", CALENDAR.toString(), "--first-day",
                    "d_1852", "--last-day", "d_1852", "--topic", "fresh", "--partitions", "3", "--quiet",
                    "--bootstrap-servers", broker.bootstrapServers(), "--property", "linger.ms=1",
                    "--property", "compression.type=gzip");
            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(run.out()).startsWith("replay: 300 events (300 series, 2016-02-23..2016-02-23) to topic 'fresh'");
            assertThat(broker.ends("fresh")).contains("fresh-2=");
            assertThat(broker.committedValues("fresh")).hasSize(300);
            // the topic exists now: a second replay publishes into it
            assertThat(CliRun.of("replay", SALES.toString(), "--calendar", CALENDAR.toString(), "--first-day",
                    "d_1852", "--last-day", "d_1852", "--topic", "fresh", "--quiet", "--bootstrap-servers",
                    broker.bootstrapServers()).code()).isZero();
            assertThat(broker.committedValues("fresh")).hasSize(600);
        }
        assertThat(CliRun.of("replay", SALES.toString(), "--topic", "t", "--partitions", "0").error())
                .contains("--partitions", "'0'", "positive whole number");
    }

    @Test
    void usageErrors() {
        CliRun noTopic = CliRun.of("replay", SALES.toString());
        assertThat(noTopic.code()).isEqualTo(2);
        assertThat(noTopic.error()).isEqualTo("streamcast replay: Missing required option: '--topic=TOPIC'");
        assertThatThrownBy(() -> ReplayCommand.read(SALES, null, null, null, null))
                .isInstanceOf(UsageException.class).hasMessageContaining("give its --calendar");
        assertThat(CliRun.of("replay", SALES.toString(), "--topic", "t", "--rate", "x").error())
                .isEqualTo("streamcast replay: Invalid value for option '--rate': 'x' is not a double");
        assertThat(CliRun.of("replay", SALES.toString(), "--topic", "t", "--rate", "-1").error())
                .isEqualTo("streamcast: --rate must be 0 (as fast as possible) or more, got -1.0");
        assertThat(CliRun.of("replay", "no/such.csv", "--topic", "t").error())
                .isEqualTo("streamcast: cannot read input file no/such.csv");
        assertThatThrownBy(() -> ReplayCommand.read(SALES, CALENDAR, "d_1", null, null))
                .isInstanceOf(UsageException.class).hasMessageContaining("d_1 is not one of the file's day columns");
    }
}
