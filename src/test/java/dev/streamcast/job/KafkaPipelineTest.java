package dev.streamcast.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.cli.ReplayCommand;
import dev.streamcast.learn.GoldenTraces;
import dev.streamcast.learn.KeyMode;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka in and out on a real (in-JVM KRaft) broker and a MiniCluster: the golden input through Kafka → job →
 * Kafka gives exactly the golden forecasts, once each, read with {@code read_committed}; bad records become dead
 * letters; a failure injected mid-stream with the exactly-once sinks leaves committed outputs identical to an
 * uninterrupted run's.
 */
class KafkaPipelineTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SALES = Path.of("data/m5/sales_subset.csv");
    static final Path CALENDAR = Path.of("data/m5/calendar.csv");
    static final int DAYS = 30;

    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();

    static KafkaTestBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void goldenInputThroughKafkaGivesTheGoldenForecastsOnceEachAndBadRecordsBecomeDeadLetters() throws Exception {
        broker.createTopic("golden-in", 2);
        Path input = JobTestSupport.copyResource("/golden/public/input.csv", tmp.resolve("input.csv"));
        ReplayCommand.Events events = ReplayCommand.read(input, null, null, null, null);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            ReplayCommand.publish(events, producer, "golden-in", 0, null);
        }
        List<byte[]> bad = new ArrayList<>();
        bad.add("not json".getBytes(StandardCharsets.UTF_8));
        bad.add(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
        bad.add(null);
        bad.add("{\"id\":\"FOODS_3_090_CA_3_validation\",\"date\":\"2011-13-01\",\"y\":1}".getBytes(StandardCharsets.UTF_8));
        broker.send("golden-in", bad);

        JobConfig job = JobConfig.parse("""
                name: golden-kafka
                source:
                  kafka: {bootstrapServers: '%s', topics: [golden-in], bounded: true}
                output:
                  kafka:
                    bootstrapServers: '%s'
                    topics: {forecasts: g-forecasts, metrics: g-metrics, series: g-series, deadLetters: g-dead, late: g-late}
                runtime: {checkpointInterval: 500ms, checkpointDir: '%s', parallelism: 2}
                """.formatted(broker.bootstrapServers(), broker.bootstrapServers(), tmp.resolve("chk").toUri()),
                "jobs/golden-kafka.yaml", List.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                StreamcastJob.flinkConfiguration(job));
        StreamcastJob.build(env, job);
        env.execute("golden through kafka");

        List<Map.Entry<String, String>> forecasts = broker.readCommitted("g-forecasts");
        List<String[]> trace = GoldenTraces.read("public", "trace");
        assertThat(forecasts).hasSize(trace.size() - 1);
        Map<String, JsonNode> byIdAndDate = new HashMap<>();
        for (Map.Entry<String, String> r : forecasts) {
            JsonNode f = JSON.readTree(r.getValue());
            assertThat(r.getKey()).as("keyed by series id").isEqualTo(f.get("id").asText());
            assertThat(byIdAndDate.put(f.get("id").asText() + "," + f.get("date").asText(), f))
                    .as("duplicate " + r.getValue()).isNull();
        }
        for (String[] expected : trace.subList(1, trace.size())) {
            JsonNode f = byIdAndDate.get(KeyMode.SERIES.keyOf(expected[0]) + "," + expected[1]);
            assertThat(f).as("forecast of " + expected[0] + " " + expected[1]).isNotNull();
            assertThat(f.get("y").asText()).isEqualTo(expected[2]);
            assertThat(f.get("pred_lm").asDouble()).isEqualTo(Double.parseDouble(expected[4]));
            assertThat(f.get("mae_lm").asDouble()).isEqualTo(Double.parseDouble(expected[6]));
            assertThat(GoldenTraces.relativeDifference(f.get("pred_knn").asDouble(), Double.parseDouble(expected[3])))
                    .isLessThanOrEqualTo(1e-9);
            assertThat(GoldenTraces.relativeDifference(f.get("mae_knn").asDouble(), Double.parseDouble(expected[5])))
                    .isLessThanOrEqualTo(1e-9);
        }
        Map<String, JsonNode> lastSnapshot = new HashMap<>();
        for (String v : broker.committedValues("g-series")) {
            JsonNode s = JSON.readTree(v);
            lastSnapshot.merge(s.get("key").asText(), s, (a, b) -> a.get("n").asLong() >= b.get("n").asLong() ? a : b);
        }
        List<String[]> summary = GoldenTraces.read("public", "summary");
        assertThat(lastSnapshot).hasSize(summary.size() - 1);
        for (String[] s : summary.subList(1, summary.size())) {
            assertThat(lastSnapshot.get(s[0]).get("n").asText()).isEqualTo(s[1]);
            assertThat(lastSnapshot.get(s[0]).get("chosen").asText()).isEqualTo(s[4]);
        }
        assertThat(broker.committedValues("g-metrics")).hasSize(100);

        List<String> reasons = new ArrayList<>();
        for (String v : broker.committedValues("g-dead")) {
            JsonNode d = JSON.readTree(v);
            assertThat(d.get("source").asText()).startsWith("golden-in-");
            reasons.add(d.get("reason").asText());
        }
        assertThat(reasons).containsExactlyInAnyOrder("bad_json", "invalid_utf8", "empty_line", "bad_date");
        assertThat(broker.committedValues("g-late")).isEmpty();
    }

    @Test
    void failureMidStreamWithExactlyOnceSinksCommitsTheSameOutputsAsAnUninterruptedRun(
            @InjectMiniCluster MiniCluster mini) throws Exception {
        broker.createTopic("m5-in", 2);
        ReplayCommand.Events events = ReplayCommand.read(SALES, CALENDAR, null, "d_1791", null);
        assertThat(events.size()).isEqualTo(300 * DAYS);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            ReplayCommand.publish(events, producer, "m5-in", 0, null);
        }

        run("clean", false, mini);
        AccessExecutionGraph failed = run("failed", true, mini);

        assertThat(FailOnce.failed).as("the failure was injected").isTrue();
        assertThat(failed.getCheckpointStatsSnapshot().getLatestRestoredCheckpoint())
                .as("the job restored from a checkpoint").isNotNull();
        for (String stream : KafkaTestJob.STREAMS) {
            List<String> clean = broker.committedValues("clean-" + stream);
            List<String> afterFailure = broker.committedValues("failed-" + stream);
            JobTestSupport.assertSameLines(stream, afterFailure, clean);
        }
        List<String> forecasts = broker.committedValues("clean-forecasts");
        assertThat(forecasts).hasSize(300 * DAYS).doesNotHaveDuplicates();
        assertThat(broker.committedValues("clean-metrics")).hasSize(DAYS);
        assertThat(broker.committedValues("clean-series")).filteredOn(s -> s.contains("\"n\":" + DAYS + ",")).hasSize(300);
    }

    private AccessExecutionGraph run(String name, boolean fail, MiniCluster mini) throws Exception {
        FailOnce.reset(fail);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobTestSupport.rocksDbConfig(tmp.resolve("chk-" + name), "500ms"));
        env.setParallelism(2);
        KafkaTestJob.build(env, broker, "m5-in", name, true, new FailOnce(2, 1_000));
        JobClient client = env.executeAsync("kafka exactly-once " + name);
        JobID id = client.getJobID();
        client.getJobExecutionResult().get();
        return mini.getExecutionGraph(id).get();
    }
}
