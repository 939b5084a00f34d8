package dev.streamcast.state;

import dev.streamcast.cli.CliRun;
import dev.streamcast.job.JobConfig;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code state drop} and {@code state rescale} on a bootstrap savepoint (the bundled subset's d_1854..d_1893, keyed
 * by series): dropped keys are gone and the others' rows unchanged; at a new maximum parallelism the rows are the
 * same, and the job resumed from it (at that maximum parallelism) forecasts the next 20 days exactly as the job
 * resumed from the original; the same with the state kept with a TTL, which the edits keep.
 */
class StateEditTest {
    private static final String JOB = "jobs/m5-seed.yaml";
    private static final List<String> COMMON = List.of("source.firstDay=d_1854");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "state TTL {0}")
    @ValueSource(strings = {"off", "1d"})
    void dropAndRescale(String ttl) throws Exception {
        List<String> stateTtl = List.of("runtime.stateTtl=" + ttl);
        Path original = tmp.resolve("original");
        StateBootstrap.write(JobConfig.load(Path.of(JOB), StateBootstrapTest.with(COMMON, "source.lastDay=d_1893",
                stateTtl.get(0))), original);
        List<ModelStateRow> rows = StateInspector.read(original);
        assertThat(rows).hasSize(300);

        Path dropped = tmp.resolve("dropped");
        CliRun drop = CliRun.of("state", "drop", original.toString(), "--series",
                rows.get(0).key() + "," + rows.get(7).key(), "--out", dropped.toString());
        assertThat(drop.code()).as(drop.toString()).isZero();
        assertThat(drop.out()).contains("keys: 298");
        List<ModelStateRow> kept = StateInspector.read(dropped);
        assertThat(kept).hasSize(298).doesNotContain(rows.get(0), rows.get(7));
        assertThat(rows).containsAll(kept);
        assertThat(StateInspector.keptWithTtl(SavepointLoader.loadSavepointMetadata(dropped.toUri().toString())))
                .as("written with a TTL as it was read").isEqualTo(!ttl.equals("off"));

        Path rescaled = tmp.resolve("rescaled");
        CliRun rescale = CliRun.of("state", "rescale", original.toString(), "--max-parallelism", "256", "--out",
                rescaled.toString());
        assertThat(rescale.code()).as(rescale.toString()).isZero();
        assertThat(StateInspector.read(rescaled)).isEqualTo(rows);
        for (OperatorState op : SavepointLoader.loadSavepointMetadata(rescaled.toUri().toString())
                .getOperatorStates()) {
            if (op.getOperatorID().equals(OperatorIdentifier.forUid(StateInspector.LEARN_UID).getOperatorId())) {
                assertThat(op.getMaxParallelism()).isEqualTo(256);
            }
        }

        StateBootstrapTest.Outputs fromOriginal = StateBootstrapTest.run(tmp, JOB, "from-original", stateTtl,
                "source.firstDay=d_1894", "runtime.flink.execution.state-recovery.path=" + original.toUri());
        StateBootstrapTest.Outputs fromRescaled = StateBootstrapTest.run(tmp, JOB, "from-rescaled", stateTtl,
                "source.firstDay=d_1894", "runtime.flink.pipeline.max-parallelism=256",
                "runtime.flink.execution.state-recovery.path=" + rescaled.toUri());
        assertThat(fromOriginal.forecasts()).hasSize(300 * 20);
        assertThat(fromRescaled).isEqualTo(fromOriginal);

        CliRun exists = CliRun.of("state", "rescale", original.toString(), "--max-parallelism", "64", "--out",
                rescaled.toString());
        assertThat(exists.code()).isEqualTo(2);
        assertThat(exists.error()).contains("exists");
    }
}
