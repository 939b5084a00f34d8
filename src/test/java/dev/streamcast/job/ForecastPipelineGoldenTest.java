package dev.streamcast.job;

import dev.streamcast.functions.DailyMetricsAggregate;
import dev.streamcast.functions.Horizon;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.io.CsvLineParser;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.RecordEncoder;
import dev.streamcast.learn.GoldenTraces;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.Learner;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.ForecastRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden inputs through the whole job on a MiniCluster (parallelism 2, RocksDB with the smallest model
 * cache, checkpoints): every forecast record equals creme's trace (LM columns exactly, KNN within 1e-9). The
 * item-keyed set too, from its long CSV (sorted by date, then id) and from the same sales in M5's wide layout,
 * whose rows hold one series each (an item's stores far apart): keyed by item, the job learns each item's events
 * day by day, a day's series in id order, as the trace did.
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
        assertGoldenOutputs(runOnCsv(set, KeyMode.SERIES, false), set, KeyMode.SERIES);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void itemKeyedCsvGivesTheItemKeyedTrace(boolean reorder) throws Exception {
        assertGoldenOutputs(runOnCsv(GoldenTraces.ITEM_SET, KeyMode.ITEM, reorder), GoldenTraces.ITEM_SET,
                KeyMode.ITEM);
    }

    /** Runs the golden set's long CSV through the job keyed by {@code mode}; returns the output directory. */
    private Path runOnCsv(String set, KeyMode mode, boolean reorder) throws Exception {
        Path input = JobTestSupport.copyResource("/golden/" + set + "/input.csv", tmp.resolve("in/input.csv"));
        StreamExecutionEnvironment env = environment();
        ForecastPipeline.Outputs outputs = ForecastPipeline.build(JobTestSupport.fileLines(env, input),
                new ForecastPipeline.Settings(new CsvLineParser(), LearnerParams.seed(), mode, Duration.ZERO, true,
                        new LearnFunction.Options(28, Horizon.NONE, reorder, MODEL_CACHE, null)));
        FileOutputs.attach(outputs, tmp.resolve("out").toString(), OutputFormat.CSV);
        env.execute("golden " + set);
        return tmp.resolve("out");
    }

    @Test
    void itemKeyedM5WideRowsAreLearnedDayByDay() throws Exception {
        String set = GoldenTraces.ITEM_SET;
        Path input = JobTestSupport.copyResource("/golden/" + set + "/sales_wide.csv", tmp.resolve("in/sales.csv"));
        StreamExecutionEnvironment env = environment();
        ForecastPipeline.Outputs outputs = ForecastPipeline.build(JobTestSupport.fileLines(env, input),
                new ForecastPipeline.Settings(Inputs.m5WideParser(input, Path.of("data/m5/calendar.csv"), null, null),
                        LearnerParams.seed(), KeyMode.ITEM, Duration.ZERO, false,
                        new LearnFunction.Options(28, Horizon.NONE, true, MODEL_CACHE, null)));
        FileOutputs.attach(outputs, tmp.resolve("out").toString(), OutputFormat.CSV);
        env.execute("golden wide " + set);
        assertGoldenOutputs(tmp.resolve("out"), set, KeyMode.ITEM);
    }

    private StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobTestSupport.rocksDbConfig(tmp.resolve("chk"), "200ms"));
        env.setParallelism(2);
        return env;
    }

    /**
     * A run's committed outputs against the golden set learned with {@code mode}: one forecast per input row equal
     * to the trace; each series' last snapshot has its own count of events and its model's (series' or item's)
     * final MAEs and choice; no dead letters, no late events; the daily metrics are the observations' by day.
     */
    static void assertGoldenOutputs(Path out, String set, KeyMode mode) {
        List<String> forecasts = JobTestSupport.committedLines(out.resolve("forecasts"), true);
        List<String[]> trace = GoldenTraces.read(set, "trace");
        assertThat(forecasts).hasSize(trace.size() - 1);
        Map<String, String[]> byIdAndDate = new HashMap<>();
        for (String line : forecasts) {
            String[] f = line.split(",", -1);
            assertThat(byIdAndDate.put(f[0] + "," + f[1], f)).as("duplicate " + line).isNull();
        }
        Map<String, Long> events = new HashMap<>();
        for (String[] expected : trace.subList(1, trace.size())) {
            // forecasts name the series without creme's _validation suffix
            String series = KeyMode.SERIES.keyOf(expected[0]);
            events.merge(series, 1L, Long::sum);
            String[] f = byIdAndDate.get(series + "," + expected[1]);
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

        // the last snapshot of each series (interval snapshots may precede it) matches creme's summary of its model
        Map<String, String[]> lastSnapshot = new HashMap<>();
        for (String line : JobTestSupport.committedLines(out.resolve("series"), true)) {
            String[] f = line.split(",", -1);
            lastSnapshot.merge(f[0], f, (a, b) -> Long.parseLong(a[2]) >= Long.parseLong(b[2]) ? a : b);
        }
        Map<String, String[]> summary = new HashMap<>();
        GoldenTraces.read(set, "summary").stream().skip(1).forEach(r -> summary.put(r[0], r));
        assertThat(lastSnapshot.keySet()).isEqualTo(events.keySet());
        for (Map.Entry<String, Long> e : events.entrySet()) {
            String[] f = lastSnapshot.get(e.getKey());
            String[] s = summary.get(mode.keyOf(e.getKey()));
            assertThat(s).as("summary of " + e.getKey()).isNotNull();
            assertThat(Long.parseLong(f[2])).as("events of " + e.getKey()).isEqualTo(e.getValue());
            if (mode == KeyMode.SERIES) {
                assertThat(f[2]).isEqualTo(s[1]);
            }
            assertThat(Double.parseDouble(f[4])).isEqualTo(Double.parseDouble(s[3]));
            assertThat(f[5]).isEqualTo(s[4]);
        }
        assertThat(JobTestSupport.committedLines(out.resolve("dead-letters"), true)).isEmpty();
        assertThat(JobTestSupport.committedLines(out.resolve("late"), true)).isEmpty();
        // the daily metrics (partial sums sent by the learn subtasks, merged per day) equal the job's own
        // observations aggregated day by day
        Map<Integer, DailyMetricsAggregate.Accumulator> days = new TreeMap<>();
        DailyMetricsAggregate aggregate = new DailyMetricsAggregate();
        for (String[] f : byIdAndDate.values()) {
            ForecastRecord r = new ForecastRecord(f[0], (int) LocalDate.parse(f[1]).toEpochDay(), Integer.parseInt(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), f[5].equals("knn") ? Learner.KNN : Learner.LM,
                    Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]), Long.parseLong(f[9]));
            days.compute(r.day(), (d, acc) -> DailyMetricsAggregate.addObservation(r,
                    acc == null ? aggregate.createAccumulator() : acc));
        }
        RecordEncoder<DailyMetrics> encoder = RecordEncoder.metrics(OutputFormat.CSV);
        assertThat(JobTestSupport.committedLines(out.resolve("metrics"), true)).containsExactlyInAnyOrderElementsOf(
                days.values().stream().map(acc -> encoder.encode(aggregate.getResult(acc))).toList());
    }
}
