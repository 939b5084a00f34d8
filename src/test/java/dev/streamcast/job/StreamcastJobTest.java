package dev.streamcast.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.functions.ExactSum;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import dev.streamcast.functions.LearnMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shipped job file run end to end as a user runs it ({@code run --local}, embedded cluster): the job file
 * and overrides become the Flink configuration, the M5 subset is read for the chosen days, outputs and the
 * summary agree with each other.
 */
class StreamcastJobTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    JobConfig demo(String... overrides) {
        List<String> all = new java.util.ArrayList<>(List.of("source.lastDay=d_1791", "output.path=" + tmp.resolve("out"),
                "runtime.webUi=false", "runtime.checkpointDir=" + tmp.resolve("chk"), "runtime.checkpointInterval=1s"));
        all.addAll(List.of(overrides));
        return JobConfig.load(Path.of("jobs/demo.yaml"), all);
    }

    @Test
    void jobFileBecomesTheFlinkConfiguration() {
        Configuration conf = StreamcastJob.flinkConfiguration(demo("runtime.stateBackend=hashmap",
                "runtime.parallelism=3", "runtime.flink.pipeline.max-parallelism=64"));
        assertThat(conf.toMap()).containsEntry("state.backend.type", "hashmap")
                .containsEntry("parallelism.default", "3")
                .containsEntry("execution.checkpointing.interval", "1 s")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("restart-strategy.type", "fixed-delay")
                .containsEntry("pipeline.generic-types", "false")
                .containsEntry("pipeline.max-parallelism", "64");
        assertThat(conf.toMap().get("execution.checkpointing.dir")).startsWith("file:").endsWith("chk");
        assertThat(StreamcastJob.flinkConfiguration(demo("runtime.checkpointInterval=off")).toMap())
                .doesNotContainKey("execution.checkpointing.interval");
    }

    @Test
    void inputRecordsCountsWideRowsTimesDaysAndLongLinesWithoutHeaderAlsoGzipped() throws Exception {
        assertThat(StreamcastJob.inputRecords(demo().source()).get()).isEqualTo(300L * 30); // d_1762..d_1791
        Path csv = tmp.resolve("in.csv");
        java.nio.file.Files.writeString(csv, "id,date,y\na,2016-01-01,1\nb,2016-01-01,2\nc,2016-01-01,3");
        assertThat(StreamcastJob.inputRecords(demo("source.format=csv", "source.path=" + csv, "source.calendar=",
                "source.lastDay=").source()).get()).isEqualTo(3L);
        Path gz = tmp.resolve("in.jsonl.gz");
        try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
            out.write("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1}\n{}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(StreamcastJob.inputRecords(demo("source.format=jsonl", "source.path=" + gz, "source.calendar=",
                "source.lastDay=").source()).get()).isEqualTo(2L);
    }

    @Test
    void everyFlinkKeyTheRuntimeSetsIsReservedWithItsDeprecatedNames() {
        Configuration conf = new Configuration();
        RuntimeConfig.defaults().applyTo(conf);

        assertThat(RuntimeConfig.RESERVED_FLINK_KEYS).containsKeys(conf.keySet().toArray(String[]::new))
                .containsEntry("state.backend", "runtime.stateBackend")
                .containsEntry("state.checkpoints.dir", "runtime.checkpointDir")
                .containsEntry("restart-strategy", "runtime.restartAttempts")
                .containsEntry("execution.runtime-mode", "runtime.mode");
        assertThat(conf.keySet()).hasSize(9);
    }

    @Test
    void demoJobRunsLocallyAndItsSummaryAgreesWithItsOutputs() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StreamcastJob.run(demo(), true, new PrintStream(console, true, StandardCharsets.UTF_8));

        Path out = tmp.resolve("out");
        List<String> forecasts = JobTestSupport.committedLines(out.resolve(FileOutputs.FORECASTS), false);
        assertThat(forecasts).hasSize(300 * 30);
        List<String> metrics = JobTestSupport.committedLines(out.resolve(FileOutputs.METRICS), false);
        assertThat(metrics).hasSize(30);

        // each day's metrics are exactly the mean absolute errors of that day's forecasts
        Map<String, ExactSum> errKnn = new HashMap<>();
        Map<String, Integer> events = new HashMap<>();
        for (String line : forecasts) {
            JsonNode f = JSON.readTree(line);
            String date = f.get("date").asText();
            errKnn.computeIfAbsent(date, d -> new ExactSum()).add(Math.abs(f.get("y").asInt() - f.get("pred_knn").asDouble()));
            events.merge(date, 1, Integer::sum);
        }
        for (String line : metrics) {
            JsonNode m = JSON.readTree(line);
            String date = m.get("date").asText();
            assertThat(m.get("events").asInt()).isEqualTo(300).isEqualTo(events.get(date));
            assertThat(m.get("mae_knn").asDouble()).isEqualTo(errKnn.get(date).value() / 300);
        }

        RunSummary summary = RunSummary.fromOutputs(out, dev.streamcast.io.OutputFormat.JSONL);
        assertThat(summary.events()).isEqualTo(9000);
        assertThat(summary.series()).isEqualTo(300);
        assertThat(summary.deadLetters()).isZero();
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("job 'demo' started").contains("9,000 events learned").contains("300 series");
    }

    @Test
    void csvOutputWithHeapStateGivesTheSameForecastsAsJsonWithRocksDb() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        StreamcastJob.run(demo("source.lastDay=d_1771"), true, quiet);
        Map<String, String> json = new HashMap<>();
        for (String line : JobTestSupport.committedLines(tmp.resolve("out").resolve(FileOutputs.FORECASTS), false)) {
            JsonNode f = JSON.readTree(line);
            json.put(f.get("id").asText() + "," + f.get("date").asText(),
                    f.get("pred_knn").asText() + "," + f.get("pred_lm").asText() + "," + f.get("prediction").asText());
        }
        StreamcastJob.run(demo("source.lastDay=d_1771", "output.path=" + tmp.resolve("csv"), "output.format=csv",
                "runtime.stateBackend=hashmap", "runtime.parallelism=1"), true, quiet);
        List<String> csv = JobTestSupport.committedLines(tmp.resolve("csv").resolve(FileOutputs.FORECASTS), true);
        assertThat(csv).hasSize(300 * 10).hasSameSizeAs(json.keySet());
        for (String line : csv) {
            String[] f = line.split(",", -1); // id,date,y,pred_knn,pred_lm,model,prediction,mae_knn,mae_lm,n
            assertThat(f).hasSize(10);
            assertThat(f[3] + "," + f[4] + "," + f[6]).isEqualTo(json.get(f[0] + "," + f[1]));
        }
    }

    @Test
    void missingInputFailsAtStartNamingTheKey() {
        assertThatThrownBy(() -> StreamcastJob.run(demo("source.path=" + tmp.resolve("nope.csv")), true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(JobConfigException.class).hasMessageContaining("source.path");
    }

    @Test
    void kafkaJobFilesBuildTheirDataflow() throws Exception {
        // building needs no broker: sources and sinks connect when the job runs
        JobConfig live = JobConfig.load(Path.of("jobs/kafka-live.yaml"), List.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                StreamcastJob.flinkConfiguration(live));
        StreamcastJob.build(env, live);
        StreamGraph graph = env.getStreamGraph();
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getOperatorName)
                .anyMatch(n -> n.startsWith("Source: kafka: sales"))
                .anyMatch(n -> n.startsWith("forecasts → kafka forecasts"))
                .anyMatch(n -> n.startsWith("dead-letters → kafka dead-letters"))
                .noneMatch(n -> n.contains("→ files"));

        JobConfig backfill = JobConfig.load(Path.of("jobs/m5-backfill-then-kafka.yaml"), List.of());
        env = StreamExecutionEnvironment.getExecutionEnvironment(StreamcastJob.flinkConfiguration(backfill));
        StreamcastJob.build(env, backfill);
        graph = env.getStreamGraph();
        Map<String, Integer> parallelism = new HashMap<>();
        for (StreamNode n : graph.getStreamNodes()) {
            parallelism.put(n.getOperatorName(), n.getParallelism());
        }
        assertThat(parallelism).as("one ordered reader: each series' history before its live events")
                .containsEntry("Source: files: sales_subset.csv, then kafka: sales", 1)
                .containsEntry("parse", 1)
                .containsEntry("learn", 2);
    }

    @Test
    void kafkaOnlyRunsSummariseFromTheAccumulators() {
        org.apache.flink.api.common.JobExecutionResult result = new org.apache.flink.api.common.JobExecutionResult(
                new org.apache.flink.api.common.JobID(), 1000, Map.of(
                        LearnMetrics.ACC_LEARNED, org.apache.flink.util.OptionalFailure.of((Object) 200L),
                        LearnMetrics.ACC_ERROR_KNN, org.apache.flink.util.OptionalFailure.of((Object) 100.0),
                        LearnMetrics.ACC_ERROR_LM, org.apache.flink.util.OptionalFailure.of((Object) 50.0),
                        LearnMetrics.ACC_ERROR_SERVED, org.apache.flink.util.OptionalFailure.of((Object) 40.0)));
        String summary = StreamcastJob.kafkaSummary(result,
                JobConfig.load(Path.of("jobs/kafka-live.yaml"), List.of()).output().kafka().orElseThrow(), 2.0);
        assertThat(summary).isEqualTo("streamcast: done in 2.0 s: 200 events learned (100 events/s); MAE knn 0.5000, "
                + "lm 0.2500, served 0.2000; outputs in Kafka topics forecasts, metrics, series, dead-letters, late "
                + "(localhost:9092)");
    }
}
