package dev.streamcast.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.cli.CliRun;
import dev.streamcast.job.FileOutputs;
import dev.streamcast.job.JobConfig;
import dev.streamcast.job.JobTestSupport;
import dev.streamcast.job.StreamcastJob;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code state bootstrap}: a job resumed from the savepoint it writes for the first part of an input, fed the rest,
 * gives the very forecasts (every field, as text: the same doubles), late events and final series snapshots of the
 * same job streaming the whole input. On the bundled subset keyed by series (M5 wide, the seed's job, a chained
 * creme horizon at the end, RocksDB and hashmap, with and without a state TTL), on creme's golden sets keyed by
 * series and on the golden item set keyed by item (CSV); the bootstrap at another parallelism than the resumed job.
 */
class StateBootstrapTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, state TTL {1}")
    @CsvSource({"rocksdb, off", "hashmap, off", "rocksdb, 1d", "hashmap, 1d"})
    void seriesKeysResumeAsIfStreamedThrough(String backend, String ttl) throws Exception {
        String job = "jobs/m5-seed.yaml";
        List<String> common = List.of("forecast.horizon=7", "forecast.protocol=creme",
                "runtime.stateBackend=" + backend, "runtime.stateTtl=" + ttl);
        Outputs all = run(tmp, job, "all", common, "source.firstDay=d_1854", "source.lastDay=d_1913");

        Path savepoint = tmp.resolve("savepoint");
        StateBootstrap.Result r = StateBootstrap.write(JobConfig.load(Path.of(job), with(common,
                "source.firstDay=d_1854", "source.lastDay=d_1893", "runtime.parallelism=1")), savepoint);
        assertThat(r.deadLetters()).isZero();
        Outputs resumed = run(tmp, job, "resumed", common, "source.firstDay=d_1894", "source.lastDay=d_1913",
                "runtime.flink.execution.state-recovery.path=" + savepoint.toUri());

        LocalDate split = LocalDate.of(2011, 1, 29).plusDays(1893); // d_1894
        assertResumedAsStreamed(all, resumed, split, 300 * 20 + 300 * 7);
        List<ModelStateRow> rows = StateInspector.read(savepoint);
        assertThat(rows).hasSize(300).allSatisfy(row -> assertThat(row.n()).isEqualTo(40));
        assertThat(StateInspector.keptWithTtl(SavepointLoader.loadSavepointMetadata(savepoint.toUri().toString())))
                .as("kept with a TTL as the job keeps it").isEqualTo(!ttl.equals("off"));
    }

    @Test
    void itemKeysResumeAsIfStreamedThrough() throws Exception {
        Path jobFile = csvJob("jobs/m5-seed-item.yaml");
        Split split = split("/golden/item-public/input.csv", LocalDate.parse("2016-04-01"));
        List<String> common = List.of("source.format=csv", "forecast.horizon=28");

        Outputs all = run(tmp, jobFile.toString(), "all", common, "source.path=" + split.all());
        Path savepoint = tmp.resolve("savepoint");
        StateBootstrap.write(JobConfig.load(jobFile, with(common, "source.path=" + split.head(),
                "runtime.parallelism=1")), savepoint);
        Outputs resumed = run(tmp, jobFile.toString(), "resumed", common, "source.path=" + split.tail(),
                "runtime.flink.execution.state-recovery.path=" + savepoint.toUri());

        assertResumedAsStreamed(all, resumed, split.day(), split.tailEvents() + 20 * 28);
        assertThat(StateInspector.read(savepoint)).extracting(ModelStateRow::key)
                .containsExactly("FOODS_2_197", "HOUSEHOLD_2_040");
    }

    /**
     * creme's golden sets keyed by series (the demo job on CSV, a chained creme horizon): {@code public}, and
     * {@code edge} (zero variance, KNN distance ties, a series starting after the split, one whose events are weeks
     * apart), split inside every series' span but the late one's.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"public, 2011-03-20", "edge, 2011-04-01"})
    void goldenSetsResumeAsIfStreamedThrough(String set, LocalDate day) throws Exception {
        Path jobFile = csvJob("jobs/demo.yaml");
        Split split = split("/golden/" + set + "/input.csv", day);
        List<String> common = List.of("source.format=csv", "forecast.horizon=7", "forecast.protocol=creme");

        Outputs all = run(tmp, jobFile.toString(), "all", common, "source.path=" + split.all());
        Path savepoint = tmp.resolve("savepoint");
        StateBootstrap.Result r = StateBootstrap.write(JobConfig.load(jobFile, with(common,
                "source.path=" + split.head())), savepoint);
        assertThat(r.deadLetters()).isZero();
        Outputs resumed = run(tmp, jobFile.toString(), "resumed", common, "source.path=" + split.tail(),
                "runtime.flink.execution.state-recovery.path=" + savepoint.toUri());

        assertResumedAsStreamed(all, resumed, day, split.tailEvents() + 3 * 7);
    }

    @Test
    void commandWritesTheSavepointAndSaysWhatItHolds() {
        Path savepoint = tmp.resolve("sp");
        CliRun run = CliRun.of("state", "bootstrap", "jobs/m5-seed.yaml", "--out", savepoint.toString(),
                "--set", "source.lastDay=d_1863");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("bootstrap of job 'm5-seed' wrote " + savepoint)
                .contains("keys: 300, events learned: 3,000");
        CliRun again = CliRun.of("state", "bootstrap", "jobs/m5-seed.yaml", "--out", savepoint.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.error()).contains("exists and is not an empty directory");
        CliRun pooled = CliRun.of("state", "bootstrap", "jobs/m5-seed.yaml", "--out", tmp.resolve("p").toString(),
                "--set", "forecast.serving=pooled", "--set", "forecast.horizon=7");
        assertThat(pooled.code()).as(pooled.toString()).isEqualTo(2);
        assertThat(pooled.error()).contains("forecast.serving: pooled");
    }

    /** A job run's committed forecasts by series and date (each record's JSON line), late events, final snapshots. */
    record Outputs(Map<String, String> forecasts, List<String> late, Map<String, String> finalSnapshots) {
    }

    private void assertResumedAsStreamed(Outputs all, Outputs resumed, LocalDate split, int expected) {
        Map<String, String> after = new TreeMap<>();
        all.forecasts().forEach((key, line) -> {
            if (!LocalDate.parse(key.substring(key.indexOf(' ') + 1)).isBefore(split)) {
                after.put(key, line);
            }
        });
        assertThat(resumed.forecasts()).hasSize(expected);
        assertThat(resumed.forecasts()).isEqualTo(after);
        assertThat(resumed.late()).isEqualTo(all.late()).isEmpty();
        assertThat(resumed.finalSnapshots()).isEqualTo(all.finalSnapshots());
    }

    /** The directories of a long CSV's rows: all, those before {@code day} and the others, with the header each. */
    private record Split(Path all, Path head, Path tail, LocalDate day, int tailEvents) {
    }

    private Split split(String resource, LocalDate day) throws Exception {
        List<String> lines = Files.readAllLines(JobTestSupport.copyResource(resource, tmp.resolve("in-all/input.csv")));
        List<String> head = new ArrayList<>(List.of(lines.get(0)));
        List<String> tail = new ArrayList<>(List.of(lines.get(0)));
        for (String l : lines.subList(1, lines.size())) {
            (LocalDate.parse(l.split(",")[1]).isBefore(day) ? head : tail).add(l);
        }
        assertThat(head).hasSizeGreaterThan(1);
        assertThat(tail).hasSizeGreaterThan(1);
        return new Split(tmp.resolve("in-all"), write("head", head), write("tail", tail), day, tail.size() - 1);
    }

    private Path write(String name, List<String> lines) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in-" + name));
        Files.write(dir.resolve("input.csv"), lines);
        return dir;
    }

    /** {@code jobFile} for long CSV input: without the wide format's calendar and day range. */
    private Path csvJob(String jobFile) throws Exception {
        return Files.write(tmp.resolve("csv-" + Path.of(jobFile).getFileName()), Files.readAllLines(Path.of(jobFile))
                .stream().filter(l -> !l.matches("  (calendar|firstDay|lastDay):.*")).toList());
    }

    static List<String> with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all;
    }

    static Outputs run(Path tmp, String jobFile, String name, List<String> common, String... more)
            throws Exception {
        Path out = tmp.resolve("out-" + name);
        List<String> overrides = with(common, more);
        overrides.addAll(List.of("output.path=" + out, "runtime.webUi=false",
                "runtime.checkpointDir=" + tmp.resolve("chk-" + name)));
        StreamcastJob.run(JobConfig.load(Path.of(jobFile), overrides), true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Map<String, String> forecasts = new TreeMap<>();
        for (String line : JobTestSupport.committedLines(out.resolve(FileOutputs.FORECASTS), false)) {
            JsonNode f = JSON.readTree(line);
            assertThat(forecasts.put(f.get("id").asText() + " " + f.get("date").asText(), line)).as(line).isNull();
        }
        Map<String, String> snapshots = new TreeMap<>();
        Map<String, Long> n = new TreeMap<>();
        for (String line : JobTestSupport.committedLines(out.resolve(FileOutputs.SERIES), false)) {
            JsonNode s = JSON.readTree(line);
            String key = s.get("key").asText();
            if (s.get("n").asLong() >= n.getOrDefault(key, -1L)) {
                n.put(key, s.get("n").asLong());
                snapshots.put(key, line);
            }
        }
        return new Outputs(forecasts, JobTestSupport.committedLines(out.resolve(FileOutputs.LATE), false), snapshots);
    }
}
