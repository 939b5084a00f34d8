package dev.streamcast.functions;

import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.SalesEvent;
import dev.streamcast.records.SeriesSnapshot;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The learn operator with real RocksDB keyed state: its model store (the keyed state, or the write-back cache with
 * evictions) gives the same outputs, before and after a snapshot and restore, and a learn function run by any
 * other operator stops at open.
 */
class LearnOperatorTest {
    static final String[] IDS = {"FOODS_3_090_CA_3_validation", "FOODS_3_091_CA_3_validation",
            "HOBBIES_1_001_CA_1_validation", "HOBBIES_1_002_CA_1_validation", "HOUSEHOLD_1_001_TX_2_validation"};
    static final int DAY0 = (int) LocalDate.of(2016, 1, 1).toEpochDay();
    static final int DAYS = 24;
    /** Snapshot and restore after this many days. */
    static final int CUT = 13;

    /** Outputs of one run: forecast records, then snapshots. */
    record Outputs(List<ForecastRecord> forecasts, List<SeriesSnapshot> snapshots) {
    }

    static int y(int series, int day) {
        return (series * 7 + day * 3 + day * day % 5) % 9;
    }

    static LearnFunction function(int modelCache) {
        return new LearnFunction(LearnerParams.seed(), new LearnFunction.Options(7, Horizon.NONE, false, modelCache,
                null));
    }

    static KeyedOneInputStreamOperatorTestHarness<String, SalesEvent, ForecastRecord> harness(int modelCache,
            OperatorSubtaskState restoreFrom) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new LearnOperator(function(modelCache)),
                e -> KeyMode.SERIES.keyOf(e.id()), Types.STRING);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        h.setup();
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    /** Every series' events of days {@code from} to {@code to} (exclusive), day by day, the series interleaved. */
    static void feed(KeyedOneInputStreamOperatorTestHarness<String, SalesEvent, ForecastRecord> h, int from, int to)
            throws Exception {
        for (int d = from; d < to; d++) {
            for (int s = 0; s < IDS.length; s++) {
                h.processElement(new StreamRecord<>(new SalesEvent(IDS[s], DAY0 + d, y(s, d)),
                        (DAY0 + d) * LearnFunction.DAY_MS));
            }
            // a request of a series learned a while ago: its model is evicted from a small cache by now
            h.processElement(new StreamRecord<>(SalesEvent.request(IDS[d % IDS.length], DAY0 + d + 1),
                    (DAY0 + d + 1) * LearnFunction.DAY_MS));
        }
    }

    static Outputs outputs(KeyedOneInputStreamOperatorTestHarness<String, SalesEvent, ForecastRecord> h) {
        return new Outputs(new ArrayList<>(h.extractOutputValues()),
                h.getSideOutput(LearnFunction.SNAPSHOTS).stream().map(StreamRecord::getValue).toList());
    }

    /** The run without a cache and without a restore. */
    static Outputs uninterrupted() throws Exception {
        try (var h = harness(0, null)) {
            feed(h, 0, DAYS);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            return outputs(h);
        }
    }

    @ParameterizedTest(name = "cache {0} before the snapshot, cache {1} after the restore")
    @CsvSource({"0, 0", "2, 2", "1, 0", "0, 3", "100, 2"})
    void outputsAreTheSameWithAndWithoutTheCacheAcrossEvictionsAndARestore(int cacheBefore, int cacheAfter)
            throws Exception {
        Outputs expected = uninterrupted();
        assertThat(expected.forecasts()).hasSize(DAYS * (IDS.length + 1));
        assertThat(expected.snapshots()).hasSize(IDS.length * (DAYS / 7 + 1));

        List<ForecastRecord> forecasts = new ArrayList<>();
        List<SeriesSnapshot> snapshots = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (var h = harness(cacheBefore, null)) {
            feed(h, 0, CUT);
            h.prepareSnapshotPreBarrier(1L); // what the task does before the barrier: the cache writes back
            checkpoint = h.snapshot(1L, 1L);
            forecasts.addAll(outputs(h).forecasts());
            snapshots.addAll(outputs(h).snapshots());
            feed(h, CUT, CUT + 2); // learned after the checkpoint: lost with the failure below
        }
        try (var h = harness(cacheAfter, checkpoint)) {
            feed(h, CUT, DAYS);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            forecasts.addAll(outputs(h).forecasts());
            snapshots.addAll(outputs(h).snapshots());
        }
        assertThat(forecasts).isEqualTo(expected.forecasts());
        assertThat(snapshots).isEqualTo(expected.snapshots());
    }

    @Test
    void aLearnFunctionRunByAnotherOperatorStopsAtOpenNamingTheLearnOperator() {
        assertThatThrownBy(() -> ProcessFunctionTestHarnesses.forKeyedProcessFunction(function(2),
                e -> KeyMode.SERIES.keyOf(e.id()), Types.STRING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LearnOperator")
                .hasMessageContaining("modelCache");
    }

    @Test
    void dailyPartialSumsGoOutBeforeEachWatermarkAndBarrierAndAddUpToTheObservations() throws Exception {
        DailyMetricsAggregate aggregate = new DailyMetricsAggregate();
        try (var h = harness(2, null)) {
            feed(h, 0, 3);
            assertThat(h.getSideOutput(LearnOperator.DAILY_PARTIALS)).as("held until a watermark or barrier").isNull();
            h.processWatermark(new Watermark((DAY0 + 1) * LearnFunction.DAY_MS));
            // the sums of days 0..2 went out before the watermark, one record per day stamped with its day
            List<Object> out = new ArrayList<>(h.getOutput());
            Object watermark = out.stream().filter(o -> o instanceof Watermark).findFirst().orElseThrow();
            var sent = h.getSideOutput(LearnOperator.DAILY_PARTIALS);
            assertThat(sent).hasSize(3);
            for (StreamRecord<DailyMetricsAggregate.Accumulator> r : sent) {
                assertThat(r.getTimestamp()).isEqualTo(r.getValue().day * LearnFunction.DAY_MS);
                assertThat(r.getValue().events).isEqualTo(IDS.length);
            }
            assertThat(out.indexOf(watermark)).as("every observation before the watermark").isEqualTo(out.size() - 1);

            feed(h, 3, 5);
            h.prepareSnapshotPreBarrier(1L);
            assertThat(h.getSideOutput(LearnOperator.DAILY_PARTIALS)).as("days 3 and 4 before the barrier").hasSize(5);

            // merged per day, the partial sums are the daily metrics of the observations themselves
            for (int d = 0; d < 5; d++) {
                int day = DAY0 + d;
                DailyMetricsAggregate.Accumulator merged = aggregate.createAccumulator();
                for (StreamRecord<DailyMetricsAggregate.Accumulator> r : h.getSideOutput(LearnOperator.DAILY_PARTIALS)) {
                    if (r.getValue().day == day) {
                        aggregate.merge(merged, r.getValue());
                    }
                }
                DailyMetricsAggregate.Accumulator direct = aggregate.createAccumulator();
                for (ForecastRecord f : h.extractOutputValues()) {
                    if (f.day() == day) {
                        DailyMetricsAggregate.addObservation(f, direct);
                    }
                }
                assertThat(aggregate.getResult(merged)).isEqualTo(aggregate.getResult(direct));
            }
        }
    }
}
