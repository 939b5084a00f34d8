package dev.streamcast.job;

import dev.streamcast.functions.Horizon;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.io.CsvLineParser;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.learn.GoldenTraces;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden inputs through the whole job on a MiniCluster (parallelism 2, RocksDB with the smallest model
 * cache, checkpoints): every forecast record equals creme's trace (LM columns exactly, KNN within 1e-9).
 */
class ForecastPipelineGoldenTest {
    static final List<String> SETS = GoldenTraces.SETS;
    /** A model cache of one: every other series' event evicts (writes back) the cached model. */
    static final int MODEL_CACHE = 1;

    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @FieldSource("SETS")
    void everyForecastRecordEqualsTheGoldenTrace(String set) throws Exception {
        Path input = JobTestSupport.copyResource("/golden/" + set + "/input.csv", tmp.resolve("in/input.csv"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobTestSupport.rocksDbConfig(tmp.resolve("chk"), "200ms"));
        env.setParallelism(2);
        ForecastPipeline.Outputs outputs = ForecastPipeline.build(JobTestSupport.fileLines(env, input),
                new ForecastPipeline.Settings(new CsvLineParser(), LearnerParams.seed(), KeyMode.SERIES,
                        Duration.ZERO, true, new LearnFunction.Options(28, Horizon.NONE, false, MODEL_CACHE, null)));
        FileOutputs.attach(outputs, tmp.resolve("out").toString(), OutputFormat.CSV);
        env.execute("golden " + set);

        List<String> forecasts = JobTestSupport.committedLines(tmp.resolve("out/forecasts"), true);
        List<String[]> trace = GoldenTraces.read(set, "trace");
        assertThat(forecasts).hasSize(trace.size() - 1);
        Map<String, String[]> byIdAndDate = new HashMap<>();
        for (String line : forecasts) {
            String[] f = line.split(",", -1);
            assertThat(byIdAndDate.put(f[0] + "," + f[1], f)).as("duplicate " + line).isNull();
        }
        for (String[] expected : trace.subList(1, trace.size())) {
            // forecasts name the series without creme's _validation suffix
            String[] f = byIdAndDate.get(KeyMode.SERIES.keyOf(expected[0]) + "," + expected[1]);
            assertThat(f).as("forecast of " + expected[0] + " " + expected[1]).isNotNull();
            // id,date,y,pred_knn,pred_lm,model,prediction,mae_knn,mae_lm,n
            assertThat(f[2]).isEqualTo(expected[2]);
            assertThat(Double.parseDouble(f[4])).isEqualTo(Double.parseDouble(expected[4]));
            assertThat(Double.parseDouble(f[8])).isEqualTo(Double.parseDouble(expected[6]));
            assertThat(GoldenTraces.relativeDifference(Double.parseDouble(f[3]), Double.parseDouble(expected[3])))
                    .isLessThanOrEqualTo(1e-9);
            assertThat(GoldenTraces.relativeDifference(Double.parseDouble(f[7]), Double.parseDouble(expected[5])))
                    .isLessThanOrEqualTo(1e-9);
            assertThat(f[6]).isEqualTo(f[5].equals("knn") ? f[3] : f[4]);
        }

        // the last snapshot of each series (interval snapshots may precede it) matches creme's summary
        Map<String, String[]> lastSnapshot = new HashMap<>();
        for (String line : JobTestSupport.committedLines(tmp.resolve("out/series"), true)) {
            String[] f = line.split(",", -1);
            lastSnapshot.merge(f[0], f, (a, b) -> Long.parseLong(a[2]) >= Long.parseLong(b[2]) ? a : b);
        }
        List<String[]> summary = GoldenTraces.read(set, "summary");
        assertThat(lastSnapshot).hasSize(summary.size() - 1);
        for (String[] s : summary.subList(1, summary.size())) {
            String[] f = lastSnapshot.get(s[0]);
            assertThat(f).as("snapshot of " + s[0]).isNotNull();
            assertThat(f[2]).isEqualTo(s[1]);
            assertThat(Double.parseDouble(f[4])).isEqualTo(Double.parseDouble(s[3]));
            assertThat(f[5]).isEqualTo(s[4]);
        }
        assertThat(JobTestSupport.committedLines(tmp.resolve("out/dead-letters"), true)).isEmpty();
        assertThat(JobTestSupport.committedLines(tmp.resolve("out/late"), true)).isEmpty();
        assertThat(JobTestSupport.committedLines(tmp.resolve("out/metrics"), true)).isNotEmpty();
    }
}
