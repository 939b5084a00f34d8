package dev.streamcast.job;

import dev.streamcast.functions.Horizon;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure injected mid-stream, after a checkpoint: the job restarts from the checkpoint (RocksDB state
 * restored) and its committed outputs equal an uninterrupted run's: same records, none lost, none twice.
 */
class FailureRecoveryTest {
    static final Path SALES = Path.of("data/m5/sales_subset.csv");
    static final Path CALENDAR = Path.of("data/m5/calendar.csv");
    static final int SERIES = 300;
    static final int DAYS = 180;
    static final int FAIL_AFTER_ROWS = 150;

    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();

    @TempDir
    Path tmp;

    /** Without a model cache (every event writes RocksDB) and with one smaller than the series count. */
    @ParameterizedTest
    @ValueSource(ints = {0, 64})
    void outputsAfterAFailureAndRestoreEqualAnUninterruptedRun(int modelCache, @InjectMiniCluster MiniCluster mini)
            throws Exception {
        run(tmp.resolve("clean"), false, modelCache, mini);
        AccessExecutionGraph failed = run(tmp.resolve("failed"), true, modelCache, mini);

        assertThat(FailOnce.failed).as("the failure was injected").isTrue();
        assertThat(failed.getStateBackendName()).hasValue("EmbeddedRocksDBStateBackend");
        assertThat(failed.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints())
                .as("checkpoints completed with RocksDB").isGreaterThanOrEqualTo(2);
        assertThat(failed.getCheckpointStatsSnapshot().getLatestRestoredCheckpoint())
                .as("the job restored from a checkpoint").isNotNull();

        for (String output : List.of(FileOutputs.FORECASTS, FileOutputs.METRICS, FileOutputs.SERIES,
                FileOutputs.DEAD_LETTERS, FileOutputs.LATE)) {
            List<String> clean = JobTestSupport.committedLines(tmp.resolve("clean").resolve(output), false);
            List<String> afterFailure = JobTestSupport.committedLines(tmp.resolve("failed").resolve(output), false);
            JobTestSupport.assertSameLines(output, afterFailure, clean);
        }
        List<String> forecasts = JobTestSupport.committedLines(tmp.resolve("clean").resolve(FileOutputs.FORECASTS),
                false);
        assertThat(forecasts).hasSize(SERIES * DAYS).doesNotHaveDuplicates();
        assertThat(JobTestSupport.committedLines(tmp.resolve("clean").resolve(FileOutputs.SERIES), false))
                .filteredOn(l -> l.contains("\"n\":" + DAYS + ",")).hasSize(SERIES);
    }

    private AccessExecutionGraph run(Path out, boolean fail, int modelCache, MiniCluster mini) throws Exception {
        FailOnce.reset(fail);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobTestSupport.rocksDbConfig(tmp.resolve("chk-" + out.getFileName()), "150ms"));
        env.setParallelism(2);
        DataStream<RawLine> lines = Inputs.fileLines(env, SALES, null)
                .map(new FailOnce(8, FAIL_AFTER_ROWS)).name("slow, fails once").uid("fail-once");
        ForecastPipeline.Outputs outputs = ForecastPipeline.build(lines, new ForecastPipeline.Settings(
                Inputs.m5WideParser(SALES, CALENDAR, null, null), LearnerParams.seed(), KeyMode.SERIES,
                Duration.ZERO, false, new LearnFunction.Options(28, Horizon.NONE, false, modelCache, null)));
        FileOutputs.attach(outputs, out.toString(), OutputFormat.JSONL);
        JobClient client = env.executeAsync("recovery " + out.getFileName());
        JobID id = client.getJobID();
        client.getJobExecutionResult().get();
        return mini.getExecutionGraph(id).get();
    }
}
