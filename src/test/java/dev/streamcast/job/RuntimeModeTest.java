package dev.streamcast.job;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code runtime.mode: batch} gives the outputs of streaming on the bundled subset, every record (forecasts,
 * series snapshots, daily metrics), keyed by series and by item (with its horizon); only their order differs.
 * Unbounded inputs and processing-time TTL are refused in batch.
 */
class RuntimeModeTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"jobs/m5-seed.yaml", "jobs/m5-seed-item.yaml"})
    void batchGivesTheOutputsOfStreaming(String jobFile) throws Exception {
        Path streaming = run(jobFile, "streaming");
        Path batch = run(jobFile, "batch");
        for (String dir : List.of(FileOutputs.FORECASTS, FileOutputs.SERIES, FileOutputs.METRICS)) {
            List<String> expected = JobTestSupport.committedLines(streaming.resolve(dir), false);
            assertThat(expected).as(dir).isNotEmpty();
            JobTestSupport.assertSameLines(dir, JobTestSupport.committedLines(batch.resolve(dir), false), expected);
        }
    }

    @Test
    void batchNeedsABoundedInputAndNoTtl() {
        assertThatThrownBy(() -> JobConfig.load(Path.of("jobs/m5-seed.yaml"),
                List.of("runtime.mode=batch", "source.monitorInterval=1s")))
                .isInstanceOf(JobConfigException.class).hasMessageContaining("runtime.mode batch needs a bounded input");
        assertThatThrownBy(() -> JobConfig.load(Path.of("jobs/m5-seed.yaml"),
                List.of("runtime.mode=batch", "runtime.stateTtl=30d")))
                .isInstanceOf(JobConfigException.class).hasMessageContaining("set it off with mode batch");
        JobConfig batch = JobConfig.load(Path.of("jobs/m5-seed.yaml"), List.of("runtime.mode=batch"));
        assertThat(batch.runtime().checkpointingEnabled()).isFalse();
        assertThat(batch.runtime().effectiveModelCache()).isZero();
        assertThat(StreamcastJob.flinkConfiguration(batch).get(ExecutionOptions.RUNTIME_MODE))
                .isEqualTo(RuntimeExecutionMode.BATCH);
    }

    private Path run(String jobFile, String mode) throws Exception {
        Path out = tmp.resolve(mode);
        JobConfig job = JobConfig.load(Path.of(jobFile), List.of("output.path=" + out, "runtime.webUi=false",
                "runtime.checkpointDir=" + tmp.resolve("chk-" + mode), "runtime.checkpointInterval=1s",
                "runtime.mode=" + mode));
        StreamcastJob.run(job, true, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return out;
    }
}
