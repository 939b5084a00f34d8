package dev.streamcast.state;

import dev.streamcast.cli.CliRun;
import dev.streamcast.functions.LearnMetrics;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.job.JobConfig;
import dev.streamcast.job.JobTestSupport;
import dev.streamcast.job.StreamcastJob;
import dev.streamcast.learn.Learner;
import dev.streamcast.learn.SeriesModel;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.outputs.SnapshotRow;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code state inspect} reads what the real job leaves in its savepoints: the job (jobs/m5-seed.yaml on the bundled
 * subset, the input watched so it keeps running) learns every event, stops with a savepoint (draining, so it emits
 * its final series snapshots), and the inspected rows match those snapshots key by key, on RocksDB and hashmap,
 * canonical and native; a retained checkpoint taken after the last event (RocksDB incremental, hashmap full) gives
 * the same rows, also when the job keeps its state with a TTL; keyed by item, the rows are the golden item set's. The committed savepoint of layout v1 reads too.
 */
class StateInspectorTest {
    /** 300 series × d_1854..d_1913. */
    private static final long EVENTS = 300L * 60;

    /** The tests' cluster, keeping every checkpoint (a cluster setting: the job's own is not read). */
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
            .setConfiguration(Configuration.fromMap(Map.of("execution.checkpointing.num-retained", "1000"))).build());

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, {1} savepoint, state TTL {2}")
    @CsvSource({"rocksdb, CANONICAL, off", "hashmap, CANONICAL, off", "rocksdb, NATIVE, off",
            "rocksdb, CANONICAL, 1d", "hashmap, CANONICAL, 1d", "rocksdb, NATIVE, 1d"})
    void rowsAreTheJobsFinalSnapshotsOfEveryKey(String backend, SavepointFormatType format, String ttl)
            throws Exception {
        Path out = tmp.resolve("out");
        Run run = runAndStopWithSavepoint("jobs/m5-seed.yaml", EVENTS, out, format, "runtime.stateBackend=" + backend,
                "runtime.stateTtl=" + ttl);
        Path savepoint = run.savepoint();

        Map<String, SnapshotRow> last = new HashMap<>();
        CommittedOutputs.forEach(out.resolve(CommittedOutputs.SERIES), OutputFormat.JSONL, SnapshotRow.class,
                (row, file, line) -> last.merge(row.key(), row, (a, b) -> a.n() >= b.n() ? a : b));
        assertThat(last).hasSize(300);

        assertThat(StateInspector.keptWithTtl(SavepointLoader.loadSavepointMetadata(savepoint.toUri().toString())))
                .as("the learn state kept with a TTL").isEqualTo(!ttl.equals("off"));
        List<ModelStateRow> rows = StateInspector.read(savepoint);
        assertThat(rows).hasSize(last.size());
        for (ModelStateRow r : rows) {
            SnapshotRow s = last.get(r.key());
            assertThat(s).as(r.key()).isNotNull();
            assertThat(r.keyMode()).isEqualTo("series");
            assertThat(r.series()).isEqualTo(1);
            assertThat(r.n()).as(r.key()).isEqualTo(s.n()).isEqualTo(60);
            assertThat(r.lastDay()).as(r.key()).isEqualTo((int) s.date().toEpochDay());
            assertThat(r.maeKnn()).as(r.key()).isEqualTo(s.maeKnn());
            assertThat(r.maeLm()).as(r.key()).isEqualTo(s.maeLm());
            assertThat(r.chosen().label()).as(r.key()).isEqualTo(s.chosen());
            assertThat(r.layoutVersion()).isEqualTo(SeriesModel.LAYOUT_VERSION);
            assertThat(r.stateBytes()).isPositive();
        }
        assertThat(run.checkpointRows()).as("the retained checkpoint taken after the last event").isEqualTo(rows);
        StateSummary summary = StateSummary.of(rows);
        assertThat(summary.keys()).isEqualTo(300);
        assertThat(summary.events()).isEqualTo(EVENTS);
        long knn = last.values().stream().filter(s -> s.chosen().equals(Learner.KNN.label())).count();
        assertThat(summary.knnShare()).isEqualTo(knn / 300.0);
    }

    /**
     * Keyed by item (jobs/m5-seed-item.yaml on the golden item set: 2 items × 10 stores × 64 days, as CSV), a row
     * per item with each of its series' last day, and the golden summary's counts, MAEs and choice. A last line of a
     * third item two days later moves the watermark past the golden days (the job learns an item's events once the
     * watermark passes their day), so "all golden events learned" means the whole file was read.
     */
    @Test
    void itemKeysGiveOneRowPerItemWithItsSeriesLastDays() throws Exception {
        Path input = tmp.resolve("in/input.csv");
        JobTestSupport.copyResource("/golden/item-public/input.csv", input);
        Files.writeString(input, "FOODS_1_001_CA_1_evaluation,2016-04-26,1\n", StandardOpenOption.APPEND);
        // the item job on CSV: without the wide format's calendar and day range
        Path jobFile = tmp.resolve("item.yaml");
        Files.write(jobFile, Files.readAllLines(Path.of("jobs/m5-seed-item.yaml")).stream()
                .filter(l -> !l.matches("  (calendar|firstDay|lastDay):.*")).toList());
        Run run = runAndStopWithSavepoint(jobFile.toString(), 1280, tmp.resolve("out"),
                SavepointFormatType.CANONICAL, "source.format=csv", "source.path=" + input.getParent(),
                "runtime.parallelism=1", "forecast.horizon=0");
        List<ModelStateRow> rows = StateInspector.read(run.savepoint());
        assertThat(rows).extracting(ModelStateRow::key)
                .containsExactly("FOODS_1_001", "FOODS_2_197", "HOUSEHOLD_2_040");
        assertThat(run.checkpointRows()).isEqualTo(rows.subList(1, 3)); // before the drain: the golden items only

        Map<String, String[]> golden = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/golden/item-public/summary.csv"))
                .subList(1, 3)) {
            golden.put(line.split(",")[0], line.split(","));
        }
        for (ModelStateRow r : rows.subList(1, 3)) {
            String[] g = golden.get(r.key());
            assertThat(r.keyMode()).isEqualTo("item");
            assertThat(r.series()).isEqualTo(10);
            assertThat(r.n()).isEqualTo(Long.parseLong(g[1]));
            // KNN within a relative 1e-9 of creme's (golden NOTE.md)
            assertThat(r.maeKnn()).isCloseTo(Double.parseDouble(g[2]), Percentage.withPercentage(1e-7));
            assertThat(r.maeLm()).isEqualTo(Double.parseDouble(g[3]));
            assertThat(r.chosen().label()).isEqualTo(g[4]);
            assertThat(r.lastDay()).isEqualTo((int) LocalDate.parse("2016-04-24").toEpochDay());
            String[] days = r.seriesLastDays().split(" ");
            assertThat(days).hasSize(10).allSatisfy(d -> assertThat(d).startsWith(r.key() + "_")
                    .endsWith("=2016-04-24"));
        }
        assertThat(rows.get(0).n()).isEqualTo(1);
        assertThat(rows.get(0).seriesLastDays()).isEqualTo("FOODS_1_001_CA_1=2016-04-26");
    }

    @Test
    void readsTheCommittedSavepointOfLayoutV1() throws Exception {
        Path savepoint = Files.createDirectories(tmp.resolve("layout-v1"));
        JobTestSupport.copyResource("/savepoints/layout-v1/_metadata", savepoint.resolve("_metadata"));
        List<ModelStateRow> rows = StateInspector.read(savepoint);
        assertThat(rows).extracting(ModelStateRow::key)
                .containsExactly("FOODS_3_090_CA_3", "HOBBIES_1_001_CA_1", "HOUSEHOLD_1_118_TX_2");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.n()).isEqualTo(50);
            assertThat(r.layoutVersion()).isEqualTo(1);
            assertThat(r.keyMode()).isEqualTo("series");
        });
    }

    @Test
    void commandWritesRowsAndSummary() throws Exception {
        Path savepoint = Files.createDirectories(tmp.resolve("layout-v1"));
        JobTestSupport.copyResource("/savepoints/layout-v1/_metadata", savepoint.resolve("_metadata"));
        Path csv = tmp.resolve("models.csv");
        CliRun run = CliRun.of("state", "inspect", savepoint.toString(), "--out", csv.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("3 model keys").contains("keys: 3, events learned: 150")
                .contains("choosing KNN: 66.7%");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("key,key_mode,series,n,last_date,series_last_dates,mae_knn,mae_lm,chosen,"
                + "state_bytes,layout_version");
        assertThat(lines.get(1)).startsWith("FOODS_3_090_CA_3,series,1,50,2011-03-19,,").endsWith(",knn,8854,1");

        Path jsonl = tmp.resolve("models.jsonl");
        assertThat(CliRun.of("state", "inspect", savepoint.toString(), "--out", jsonl.toString()).code()).isZero();
        assertThat(Files.readAllLines(jsonl)).hasSize(3).first().asString()
                .startsWith("{\"key\":\"FOODS_3_090_CA_3\",\"key_mode\":\"series\",\"series\":1,\"n\":50,");
    }

    @Test
    void badSavepointsAreUsageErrors() {
        CliRun missing = CliRun.of("state", "inspect", tmp.resolve("nothing").toString());
        assertThat(missing.code()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.error()).contains("is not a savepoint or retained checkpoint");
        CliRun badOut = CliRun.of("state", "inspect", tmp.toString(), "--out", "rows.txt");
        assertThat(badOut.code()).isEqualTo(2);
        assertThat(badOut.error()).contains("name a .csv or .jsonl file");
    }

    /** The rows of a checkpoint taken after the job learned its last event, and the savepoint it stopped with. */
    private record Run(List<ModelStateRow> checkpointRows, Path savepoint) {
    }

    /**
     * Runs jobs/m5-seed.yaml, its input watched, until it has learned every event; inspects a checkpoint completed
     * after that (checkpoints are kept while it runs), then stops it with a savepoint.
     */
    private Run runAndStopWithSavepoint(String jobFile, long events, Path out, SavepointFormatType format,
                                        String... overrides) throws Exception {
        List<String> all = new ArrayList<>(List.of("output.path=" + out, "runtime.webUi=false",
                "runtime.checkpointDir=" + tmp.resolve("chk"), "runtime.checkpointInterval=300ms",
                "source.monitorInterval=1s"));
        all.addAll(List.of(overrides));
        JobConfig job = JobConfig.load(Path.of(jobFile), all);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                StreamcastJob.flinkConfiguration(job));
        StreamcastJob.build(env, job);
        JobClient client = env.executeAsync("state inspect test");
        try {
            return learnThenSavepoint(client, events, format);
        } finally {
            if (!client.getJobStatus().get().isTerminalState()) {
                client.cancel().get();
            }
        }
    }

    private Run learnThenSavepoint(JobClient client, long events, SavepointFormatType format) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (LearnMetrics.Progress.of(client.getAccumulators().get()).learned() < events) {
            assertThat(System.nanoTime()).as("learned every event in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        int after = lastCheckpoint() + 2; // the next one may have started before the last event
        while (lastCheckpoint() < after) {
            assertThat(System.nanoTime()).as("a checkpoint after the last event in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        List<ModelStateRow> checkpointRows = StateInspector.read(checkpoint(lastCheckpoint()));
        String location = client.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(), format).get();
        client.getJobExecutionResult().get();
        return new Run(checkpointRows, Path.of(URI.create(location)));
    }

    /** The id of the latest completed checkpoint (its _metadata written), 0 if none. */
    private int lastCheckpoint() throws Exception {
        return checkpoints().stream().mapToInt(d -> Integer.parseInt(d.getFileName().toString().substring(4)))
                .max().orElse(0);
    }

    private Path checkpoint(int id) throws Exception {
        return checkpoints().stream().filter(d -> d.getFileName().toString().equals("chk-" + id)).findFirst()
                .orElseThrow();
    }

    /** The completed checkpoints: CHECKPOINT_DIR/JOB_ID/chk-N holding _metadata (shared/ changes: not walked). */
    private List<Path> checkpoints() throws Exception {
        List<Path> found = new ArrayList<>();
        Path root = tmp.resolve("chk");
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (Stream<Path> jobs = Files.list(root)) {
            for (Path job : jobs.toList()) {
                try (Stream<Path> dirs = Files.list(job)) {
                    dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
                            .filter(d -> Files.isRegularFile(d.resolve("_metadata"))).forEach(found::add);
                }
            }
        }
        return found;
    }
}
