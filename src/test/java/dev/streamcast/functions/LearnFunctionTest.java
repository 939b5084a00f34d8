package dev.streamcast.functions;

import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.Learner;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.Prediction;
import dev.streamcast.learn.SeriesModel;
import dev.streamcast.learn.Serving;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.LateEvent;
import dev.streamcast.records.SalesEvent;
import dev.streamcast.records.SeriesSnapshot;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The keyed learning function through Flink's keyed test harness (run by its {@link LearnOperator}): learning,
 * requests, late data, snapshots.
 */
class LearnFunctionTest {
    static final String ID = "FOODS_3_090_CA_3_validation";
    /** The series of {@link #ID}, as forecasts and snapshots name it. */
    static final String SERIES = "FOODS_3_090_CA_3";
    static final int DAY0 = (int) LocalDate.of(2016, 1, 1).toEpochDay();

    private KeyedOneInputStreamOperatorTestHarness<String, SalesEvent, ForecastRecord> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harnessOf(new LearnFunction(LearnerParams.seed(), LearnFunction.Options.of(7)));
    }

    /** An open harness of {@code f} run by its operator. */
    static KeyedOneInputStreamOperatorTestHarness<String, SalesEvent, ForecastRecord> harnessOf(LearnFunction f)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new LearnOperator(f), e -> KeyMode.SERIES.keyOf(e.id()),
                Types.STRING);
        h.open();
        return h;
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String id, int day, int y) throws Exception {
        harness.processElement(new StreamRecord<>(new SalesEvent(id, day, y), day * LearnFunction.DAY_MS));
    }

    @Test
    void observationsAreLearnedAndForecastExactlyAsTheCoreDoes() throws Exception {
        SeriesModel reference = new SeriesModel(LearnerParams.seed());
        int[] ys = {3, 0, 5, 2, 7, 1, 4, 6, 0, 2};
        for (int i = 0; i < ys.length; i++) {
            send(ID, DAY0 + i, ys[i]);
            Prediction expected = reference.observe(DAY0 + i, ys[i]);
            ForecastRecord r = harness.extractOutputValues().get(i);
            assertThat(r).isEqualTo(new ForecastRecord(SERIES, DAY0 + i, ys[i], expected.predKnn(), expected.predLm(),
                    expected.served(), expected.value(), expected.maeKnn(), expected.maeLm(), i + 1));
        }
    }

    @Test
    void requestIsAnsweredWithoutChangingTheModel() throws Exception {
        send(ID, DAY0, 4);
        send(ID, DAY0 + 1, 6);
        harness.processElement(new StreamRecord<>(SalesEvent.request(ID, DAY0 + 2), (DAY0 + 2) * LearnFunction.DAY_MS));
        harness.processElement(new StreamRecord<>(SalesEvent.request(ID, DAY0 + 2), (DAY0 + 2) * LearnFunction.DAY_MS));
        send(ID, DAY0 + 2, 5);

        SeriesModel reference = new SeriesModel(LearnerParams.seed());
        reference.observe(DAY0, 4);
        reference.observe(DAY0 + 1, 6);
        Prediction forecast = reference.forecast(DAY0 + 2);
        Prediction learned = reference.observe(DAY0 + 2, 5);

        List<ForecastRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(5);
        assertThat(out.get(2).isRequest()).isTrue();
        assertThat(out.get(2).prediction()).isEqualTo(forecast.value());
        assertThat(out.get(2).n()).isEqualTo(2);
        assertThat(out.get(3)).isEqualTo(out.get(2));
        assertThat(out.get(4).predKnn()).isEqualTo(learned.predKnn());
        assertThat(out.get(4).n()).isEqualTo(3);
    }

    @Test
    void requestForAnUnknownSeriesGetsTheFreshModelsZeroAndCreatesNoState() throws Exception {
        harness.processElement(new StreamRecord<>(SalesEvent.request(ID, DAY0), DAY0 * LearnFunction.DAY_MS));
        ForecastRecord r = harness.extractOutputValues().get(0);
        assertThat(r.prediction()).isEqualTo(0.0);
        assertThat(r.model()).isEqualTo(Learner.LM);
        assertThat(r.n()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void duplicateAndOlderDaysGoToTheLateOutputAndAreNotLearned() throws Exception {
        send(ID, DAY0, 4);
        send(ID, DAY0 + 1, 6);
        send(ID, DAY0 + 1, 9);
        send(ID, DAY0, 1);
        send(ID, DAY0 + 2, 5);

        assertThat(harness.extractOutputValues()).extracting(ForecastRecord::n).containsExactly(1L, 2L, 3L);
        ConcurrentLinkedQueue<StreamRecord<LateEvent>> late = harness.getSideOutput(LearnFunction.LATE);
        assertThat(late).extracting(StreamRecord::getValue).containsExactly(
                new LateEvent(ID, DAY0 + 1, 9, DAY0 + 1, LateEvent.DUPLICATE_DAY),
                new LateEvent(ID, DAY0, 1, DAY0 + 1, LateEvent.BEFORE_LAST_LEARNED_DAY));
    }

    @Test
    void forecastsAndSnapshotsNameTheSeriesAlikeWithoutTheM5Suffix() throws Exception {
        send(ID, DAY0, 4);
        harness.processElement(new StreamRecord<>(SalesEvent.request("FOODS_3_090_CA_3_evaluation", DAY0 + 1),
                (DAY0 + 1) * LearnFunction.DAY_MS));
        send("FOODS_3_090_CA_3_evaluation", DAY0 + 1, 6);
        send(ID, DAY0, 1); // late: the rejected input as it came
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.extractOutputValues()).extracting(ForecastRecord::id, ForecastRecord::n)
                .containsExactly(tuple(SERIES, 1L), tuple(SERIES, 1L), tuple(SERIES, 2L));
        assertThat(harness.getSideOutput(LearnFunction.SNAPSHOTS)).extracting(r -> r.getValue().key())
                .containsExactly(SERIES);
        assertThat(harness.getSideOutput(LearnFunction.LATE)).extracting(r -> r.getValue().id()).containsExactly(ID);
    }

    @Test
    void seriesAreKeyedApart() throws Exception {
        send(ID, DAY0, 4);
        send("HOBBIES_1_001_CA_1_validation", DAY0, 0);
        send(ID, DAY0 + 1, 6);
        assertThat(harness.extractOutputValues()).extracting(ForecastRecord::n).containsExactly(1L, 1L, 2L);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void snapshotsAtEachNewIntervalAndAtTheEndOfInput() throws Exception {
        int monday = (int) LocalDate.of(2016, 1, 4).toEpochDay();
        int start = monday - Math.floorMod(monday, 7); // first day of a 7-day interval
        for (int d = 0; d < 10; d++) {
            send(ID, start + d, d);
        }
        ConcurrentLinkedQueue<StreamRecord<SeriesSnapshot>> snapshots = harness.getSideOutput(LearnFunction.SNAPSHOTS);
        assertThat(snapshots).extracting(r -> r.getValue().n()).containsExactly(7L);
        assertThat(snapshots.peek().getValue().day()).isEqualTo(start + 6);

        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(snapshots).extracting(r -> r.getValue().n()).containsExactly(7L, 10L);
        SeriesSnapshot last = harness.getSideOutput(LearnFunction.SNAPSHOTS).stream().toList().get(1).getValue();
        assertThat(last.key()).isEqualTo(SERIES);
        assertThat(last.day()).isEqualTo(start + 9);
        assertThat(last.chosen()).isEqualTo(Learner.choose(last.maeKnn(), last.maeLm()));
    }

    @Test
    void stateSurvivesASnapshotAndRestoreOfTheOperator() throws Exception {
        send(ID, DAY0, 4);
        send(ID, DAY0 + 1, 6);
        var snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new LearnOperator(new LearnFunction(LearnerParams.seed(), LearnFunction.Options.of(7))),
                e -> KeyMode.SERIES.keyOf(e.id()), Types.STRING);
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        send(ID, DAY0 + 1, 6);
        send(ID, DAY0 + 2, 5);

        assertThat(harness.getSideOutput(LearnFunction.LATE)).hasSize(1);
        assertThat(harness.extractOutputValues()).extracting(ForecastRecord::n).containsExactly(3L);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, SalesEvent, ForecastRecord> harnessWith(Horizon h)
            throws Exception {
        harness.close();
        harness = harnessOf(new LearnFunction(LearnerParams.seed(), new LearnFunction.Options(7, h, false, 0, null)));
        return harness;
    }

    private static SeriesModel referenceOf(int[] ys) {
        SeriesModel m = new SeriesModel(LearnerParams.seed());
        for (int i = 0; i < ys.length; i++) {
            m.observe(DAY0 + i, ys[i]);
        }
        return m;
    }

    static final int[] YS = {3, 0, 5, 2, 7, 1, 4, 6, 0, 2, 9, 1, 0, 3};

    @Test
    void frozenHorizonForecastsTheDaysAfterTheLastOneAtTheEndOfInput() throws Exception {
        harnessWith(new Horizon(5, Horizon.Protocol.FROZEN, false, Serving.SEED));
        for (int i = 0; i < YS.length; i++) {
            send(ID, DAY0 + i, YS[i]);
        }
        assertThat(harness.extractOutputValues()).hasSize(YS.length);
        harness.processWatermark(new Watermark(Long.MAX_VALUE));

        List<ForecastRecord> horizon = harness.extractOutputValues().subList(YS.length, YS.length + 5);
        SeriesModel reference = referenceOf(YS);
        for (int ahead = 1; ahead <= 5; ahead++) {
            ForecastRecord r = horizon.get(ahead - 1);
            Prediction expected = reference.forecast(DAY0 + YS.length - 1 + ahead);
            assertThat(r).isEqualTo(new ForecastRecord("FOODS_3_090_CA_3", DAY0 + YS.length - 1 + ahead,
                    SalesEvent.NO_VALUE, expected.predKnn(), expected.predLm(), expected.served(), expected.value(),
                    expected.maeKnn(), expected.maeLm(), YS.length));
        }
        assertThat(harness.extractOutputValues()).hasSize(YS.length + 5);
    }

    @Test
    void cremeHorizonChainsTheChosenLearnersPredictOneAsTheSeedDid() throws Exception {
        harnessWith(new Horizon(4, Horizon.Protocol.CREME, false, Serving.SEED));
        for (int i = 0; i < YS.length; i++) {
            send(ID, DAY0 + i, YS[i]);
        }
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        List<ForecastRecord> horizon = harness.extractOutputValues().subList(YS.length, YS.length + 4);

        SeriesModel reference = referenceOf(YS);
        Learner chosen = reference.chosen();
        for (int ahead = 1; ahead <= 4; ahead++) {
            double expected = reference.predictOne(chosen, DAY0 + YS.length - 1 + ahead);
            ForecastRecord r = horizon.get(ahead - 1);
            assertThat(r.model()).isEqualTo(chosen);
            assertThat(r.prediction()).isEqualTo(expected);
            assertThat(chosen == Learner.KNN ? r.predLm() : r.predKnn()).isNaN();
        }
        // each step updated the scaler, so the chain differs from side-effect-free forecasts after day 1
        SeriesModel frozen = referenceOf(YS);
        assertThat(horizon.get(0).prediction()).isEqualTo(
                frozen.predictOne(chosen, DAY0 + YS.length));
    }

    @Test
    void horizonAfterEachEventFollowsEveryObservation() throws Exception {
        harnessWith(new Horizon(2, Horizon.Protocol.FROZEN, true, Serving.SEED));
        send(ID, DAY0, 3);
        send(ID, DAY0 + 1, 5);
        List<ForecastRecord> out = harness.extractOutputValues();
        assertThat(out).extracting(ForecastRecord::day).containsExactly(DAY0, DAY0 + 1, DAY0 + 2, DAY0 + 1,
                DAY0 + 2, DAY0 + 3);
        assertThat(out).extracting(ForecastRecord::isRequest).containsExactly(false, true, true, false, true, true);
    }

    @Test
    void reorderBufferLearnsInDateOrderOnceTheWatermarkPassesAndRejectsWhatIsTooLate() throws Exception {
        harness.close();
        harness = harnessOf(new LearnFunction(LearnerParams.seed(), new LearnFunction.Options(7, Horizon.NONE, true, 0, null)));
        send(ID, DAY0 + 2, 5);
        send(ID, DAY0, 3);
        send(ID, DAY0 + 1, 0);
        send(ID, DAY0 + 1, 9); // a duplicate while buffered
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(new Watermark((DAY0 + 1) * LearnFunction.DAY_MS));
        assertThat(harness.extractOutputValues()).extracting(ForecastRecord::day).containsExactly(DAY0, DAY0 + 1);
        send(ID, DAY0, 7); // before the last learned day
        harness.processWatermark(new Watermark(Long.MAX_VALUE));

        List<ForecastRecord> out = harness.extractOutputValues();
        assertThat(out).extracting(ForecastRecord::day).containsExactly(DAY0, DAY0 + 1, DAY0 + 2);
        SeriesModel replay = new SeriesModel(LearnerParams.seed());
        for (int i = 0; i < 3; i++) {
            assertThat(out.get(i).prediction()).isEqualTo(replay.observe(DAY0 + i, new int[] {3, 0, 5}[i]).value());
        }
        assertThat(harness.getSideOutput(LearnFunction.LATE)).extracting(r -> r.getValue().reason())
                .containsExactly(LateEvent.DUPLICATE_DAY, LateEvent.BEFORE_LAST_LEARNED_DAY);
    }

    /** A harness whose operator's metrics can be read, with a state TTL. */
    private InterceptingOperatorMetricGroup harnessWithTtl(Duration ttl, int modelCache) throws Exception {
        return harnessWithMetrics(new LearnFunction(LearnerParams.seed(),
                new LearnFunction.Options(7, Horizon.NONE, false, modelCache, ttl)), KeyMode.SERIES);
    }

    /** A harness of {@code f}, events keyed by {@code keyMode}, whose operator's metrics can be read. */
    private InterceptingOperatorMetricGroup harnessWithMetrics(LearnFunction f, KeyMode keyMode) throws Exception {
        harness.close();
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        MockEnvironment env = new MockEnvironmentBuilder().setMetricGroup(new InterceptingTaskMetricGroup() {
            @Override
            public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name,
                                                                Map<String, String> variables) {
                return metrics;
            }
        }).build();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new LearnOperator(f), e -> keyMode.keyOf(e.id()),
                Types.STRING, env);
        harness.open();
        return metrics;
    }

    /** Processing time, as the timers and Flink's state TTL see it (one clock in a real job). */
    private void processingTime(Duration t) throws Exception {
        harness.setStateTtlProcessingTime(t.toMillis());
        harness.setProcessingTime(t.toMillis());
    }

    @Test
    void stateTtlDropsASeriesThatStoppedSelling() throws Exception {
        harnessWithTtl(Duration.ofMinutes(10), 0);
        processingTime(Duration.ZERO);
        send(ID, DAY0, 4);
        send(ID, DAY0 + 1, 6);
        processingTime(Duration.ofMinutes(11));
        send(ID, DAY0 + 2, 5);
        assertThat(harness.extractOutputValues()).extracting(ForecastRecord::n).containsExactly(1L, 2L, 1L);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void anExpiredSeriesLosesItsEndOfInputTimerAndIsCountedOnceWhenItComesBack(int modelCache) throws Exception {
        InterceptingOperatorMetricGroup metrics = harnessWithTtl(Duration.ofMinutes(10), modelCache);
        processingTime(Duration.ZERO);
        String other = "HOBBIES_1_001_CA_1_validation";
        send(ID, DAY0, 4);
        send(other, DAY0, 1);
        processingTime(Duration.ofMinutes(4));
        send(other, DAY0 + 1, 2); // keeps learning: not dropped
        assertThat(gauge(metrics, "seriesHeld")).isEqualTo(2L);
        assertThat(harness.numEventTimeTimers()).as("end-of-input timers").isEqualTo(2);
        assertThat(harness.numProcessingTimeTimers()).as("expiry timers").isEqualTo(2);

        processingTime(Duration.ofMinutes(11)); // ID: 11 minutes without an event
        assertThat(gauge(metrics, "seriesHeld")).isEqualTo(1L);
        assertThat(harness.numEventTimeTimers()).as("ID's end-of-input timer is gone with its state").isEqualTo(1);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        send(ID, DAY0 + 1, 5); // comes back: a new series, counted once
        assertThat(gauge(metrics, "seriesHeld")).isEqualTo(2L);
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.getSideOutput(LearnFunction.SNAPSHOTS)).extracting(StreamRecord::getValue)
                .extracting(SeriesSnapshot::key, SeriesSnapshot::n)
                .containsExactlyInAnyOrder(tuple("FOODS_3_090_CA_3", 1L), tuple("HOBBIES_1_001_CA_1", 2L));

        assertThat(gauge(metrics, "seriesChoosingKnn")).as("HOBBIES' second event chose KNN").isEqualTo(1L);
        processingTime(Duration.ofMinutes(15)); // HOBBIES expires (last event at 4 min)
        assertThat(gauge(metrics, "seriesHeld")).isEqualTo(1L);
        assertThat(gauge(metrics, "seriesChoosingKnn")).isEqualTo(0L);
        processingTime(Duration.ofMinutes(22)); // ID expires (last event at 11 min)
        assertThat(gauge(metrics, "seriesHeld")).isEqualTo(0L);
        assertThat(gauge(metrics, "seriesChoosingKnn")).isEqualTo(0L);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void itemModelLearnsEveryStoreWhileEachSeriesKeepsItsOwnRules(int modelCache) throws Exception {
        String ca = "FOODS_3_090_CA_1";
        String tx = "FOODS_3_090_TX_1";
        InterceptingOperatorMetricGroup metrics = harnessWithMetrics(new LearnFunction(LearnerParams.seed(),
                KeyMode.ITEM, new LearnFunction.Options(7, new Horizon(2, Horizon.Protocol.CREME, false, null), true,
                        modelCache, null)), KeyMode.ITEM);
        send(ca + "_validation", DAY0 + 1, 2);
        send(tx + "_validation", DAY0, 1);
        send(ca + "_validation", DAY0, 3);
        send(ca + "_evaluation", DAY0, 9); // the same series' day while buffered
        harness.processWatermark(new Watermark((DAY0 + 1) * LearnFunction.DAY_MS));
        send(tx + "_validation", DAY0, 5); // the same series' day once learned
        send(tx + "_validation", DAY0 + 1, 4); // another store's learned day: its own
        harness.processWatermark(new Watermark(Long.MAX_VALUE));

        SeriesModel item = new SeriesModel(LearnerParams.seed(), KeyMode.ITEM);
        List<ForecastRecord> out = harness.extractOutputValues();
        // day by day, a day's series in id order: CA_1 then TX_1 of DAY0, CA_1 then TX_1 of DAY0 + 1
        Object[][] learned = {{ca, DAY0, 3}, {tx, DAY0, 1}, {ca, DAY0 + 1, 2}, {tx, DAY0 + 1, 4}};
        for (int i = 0; i < learned.length; i++) {
            Prediction p = item.observe((String) learned[i][0], (int) learned[i][1], (int) learned[i][2]);
            assertThat(out.get(i)).isEqualTo(new ForecastRecord((String) learned[i][0], (int) learned[i][1],
                    (int) learned[i][2], p.predKnn(), p.predLm(), p.served(), p.value(), p.maeKnn(), p.maeLm(), i + 1));
        }
        assertThat(harness.getSideOutput(LearnFunction.LATE)).extracting(StreamRecord::getValue).containsExactly(
                new LateEvent(ca + "_evaluation", DAY0, 9, DAY0, LateEvent.DUPLICATE_DAY),
                new LateEvent(tx + "_validation", DAY0, 5, DAY0, LateEvent.DUPLICATE_DAY));

        // a snapshot per series (its own day and count, its item's MAEs and choice), then the horizon of each
        // series from its own last day, by date, then series id, chained on the item's model
        assertThat(harness.getSideOutput(LearnFunction.SNAPSHOTS)).extracting(StreamRecord::getValue).containsExactly(
                new SeriesSnapshot(ca, DAY0 + 1, 2, item.maeKnn(), item.maeLm(), item.chosen()),
                new SeriesSnapshot(tx, DAY0 + 1, 2, item.maeKnn(), item.maeLm(), item.chosen()));
        assertThat(out.subList(4, out.size())).extracting(ForecastRecord::id, ForecastRecord::day).containsExactly(
                tuple(ca, DAY0 + 2), tuple(tx, DAY0 + 2), tuple(ca, DAY0 + 3), tuple(tx, DAY0 + 3));
        for (ForecastRecord r : out.subList(4, out.size())) {
            assertThat(r.prediction()).isEqualTo(item.predictOne(item.chosen(), r.day()));
        }
        // a request of a store the item has not seen yet is served by the item's model, under the series' id
        harness.processElement(new StreamRecord<>(SalesEvent.request("FOODS_3_090_WI_1_validation", DAY0 + 5),
                (DAY0 + 5) * LearnFunction.DAY_MS));
        Prediction request = item.forecast(DAY0 + 5);
        assertThat(harness.extractOutputValues().get(out.size())).isEqualTo(new ForecastRecord("FOODS_3_090_WI_1",
                DAY0 + 5, SalesEvent.NO_VALUE, request.predKnn(), request.predLm(), request.served(), request.value(),
                request.maeKnn(), request.maeLm(), 4));
        assertThat(gauge(metrics, "seriesHeld")).isEqualTo(2L);
        assertThat(gauge(metrics, "seriesChoosingKnn")).isEqualTo(item.chosen() == Learner.KNN ? 2L : 0L);
        if (modelCache == 0) { // with a cache, the model reaches the keyed state at a checkpoint
            assertThat(harness.numKeyedStateEntries()).as("one model, an empty buffer").isEqualTo(1);
        }
    }

    private static Object gauge(InterceptingOperatorMetricGroup metrics, String name) {
        return ((Gauge<?>) metrics.get(name)).getValue();
    }

    @Test
    void blendServingWeighsBothLearnersByTheirErrorsBeforeTheDayAndNeverGoesNegative() throws Exception {
        harnessWith(new Horizon(0, Horizon.Protocol.FROZEN, false, Serving.BLEND));
        SeriesModel reference = new SeriesModel(LearnerParams.seed());
        for (int i = 0; i < YS.length; i++) {
            double maeKnn = reference.maeKnn();
            double maeLm = reference.maeLm();
            Prediction p = reference.observe(DAY0 + i, YS[i]);
            send(ID, DAY0 + i, YS[i]);
            ForecastRecord r = harness.extractOutputValues().get(i);
            double wKnn = 1 / (maeKnn + 0.01);
            double wLm = 1 / (maeLm + 0.01);
            assertThat(r.prediction()).isEqualTo(Math.max(0.0, (wKnn * p.predKnn() + wLm * p.predLm()) / (wKnn + wLm)));
            assertThat(r.predKnn()).isEqualTo(p.predKnn());
            assertThat(r.model()).isEqualTo(Learner.choose(maeKnn, maeLm));
        }
    }
}
