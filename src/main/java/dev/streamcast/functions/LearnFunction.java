package dev.streamcast.functions;

import dev.streamcast.learn.Learner;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.Prediction;
import dev.streamcast.learn.SeriesModel;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.LateEvent;
import dev.streamcast.records.SalesEvent;
import dev.streamcast.records.SeriesSnapshot;
import org.apache.flink.api.common.accumulators.DoubleCounter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The heart of the job: per model key, the series' pair of learners in {@code ValueState}. For an
 * observation: predict with both, score both, learn, emit the forecast record (progressive validation).
 * For a forecast request: answer from the current model without changing it. An observation whose day is
 * not after the series' last learned day is never learned twice: it goes to {@link #LATE} with the reason.
 *
 * <p>Per-model snapshots go to {@link #SNAPSHOTS}: when a series' first event of a new
 * {@code snapshotIntervalDays}-day interval of event time arrives (its state as of the end of the previous
 * interval, so the snapshots depend only on the series' own events and are the same in every run), and
 * once at the end of a bounded input (an event-time timer at the end of time), followed by the
 * {@link Horizon}'s forecasts of the days after the series' last learned day, if one is set.
 *
 * <p>Metrics (aggregates only): counters {@code eventsIn}, {@code eventsLearned}, {@code forecastRequests},
 * {@code lateEvents}; meter {@code eventsPerSecond}; gauges {@code maeKnn}, {@code maeLm}, {@code maeServed}
 * (mean absolute error of this subtask's observations), {@code seriesHeld}, {@code seriesChoosingKnn},
 * {@code knnShare}, {@code eventTimeLagDays} ({@link EventTimeLag}). The gauges' sums are kept in operator state, so they survive restarts. Accumulators
 * ({@code ACC_*}) carry live progress to the client (they restart from zero with a restarted attempt).
 */
public final class LearnFunction extends KeyedProcessFunction<String, SalesEvent, ForecastRecord>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    /** Milliseconds per day: event time is the date's epoch day times this. */
    public static final long DAY_MS = 86_400_000L;
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late") {
    };
    public static final OutputTag<SeriesSnapshot> SNAPSHOTS = new OutputTag<>("series") {
    };
    private static final long FINAL_SNAPSHOT = Long.MAX_VALUE;
    /** Accumulator: observations learned. */
    public static final String ACC_LEARNED = "learned";
    /** Accumulators: sums of absolute errors of the KNN, linear and served predictions. */
    public static final String ACC_ERROR_KNN = "errorKnn";
    public static final String ACC_ERROR_LM = "errorLm";
    public static final String ACC_ERROR_SERVED = "errorServed";
    /** Accumulator: the latest event-time day learned (epoch day). */
    public static final String ACC_MAX_DAY = "maxDay";

    private final LearnerParams params;
    private final int snapshotIntervalDays;
    private final Horizon horizon;

    private transient ValueState<SeriesModel> model;
    private transient SeriesModel fresh;
    private transient Counter eventsIn;
    private transient Counter learned;
    private transient Counter requests;
    private transient Counter late;
    private transient RunningTotals totals;
    private transient EventTimeLag lag;
    private transient LongCounter accLearned;
    private transient DoubleCounter accErrorKnn;
    private transient DoubleCounter accErrorLm;
    private transient DoubleCounter accErrorServed;
    private transient LongMaximum accMaxDay;
    private transient ListState<double[]> totalsState;

    public LearnFunction(LearnerParams params, int snapshotIntervalDays, Horizon horizon) {
        if (snapshotIntervalDays < 1) {
            throw new IllegalArgumentException("snapshotIntervalDays must be >= 1, got " + snapshotIntervalDays);
        }
        this.params = params;
        this.snapshotIntervalDays = snapshotIntervalDays;
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext openContext) {
        model = getRuntimeContext().getState(
                new ValueStateDescriptor<>("model", new SeriesModelSerializer(params)));
        fresh = new SeriesModel(params);
        MetricGroup g = getRuntimeContext().getMetricGroup();
        eventsIn = g.counter("eventsIn");
        learned = g.counter("eventsLearned");
        requests = g.counter("forecastRequests");
        late = g.counter("lateEvents");
        g.meter("eventsPerSecond", new MeterView(eventsIn));
        g.gauge("maeKnn", () -> totals.mean(totals.errorKnn));
        g.gauge("maeLm", () -> totals.mean(totals.errorLm));
        g.gauge("maeServed", () -> totals.mean(totals.errorServed));
        g.gauge("seriesHeld", () -> (long) totals.series);
        g.gauge("seriesChoosingKnn", () -> (long) totals.knnChosen);
        g.gauge("knnShare", () -> totals.series == 0 ? 0.0 : totals.knnChosen / totals.series);
        lag = g.gauge("eventTimeLagDays", new EventTimeLag());
        accLearned = new LongCounter();
        accErrorKnn = new DoubleCounter();
        accErrorLm = new DoubleCounter();
        accErrorServed = new DoubleCounter();
        accMaxDay = new LongMaximum(Long.MIN_VALUE);
        getRuntimeContext().addAccumulator(ACC_LEARNED, accLearned);
        getRuntimeContext().addAccumulator(ACC_ERROR_KNN, accErrorKnn);
        getRuntimeContext().addAccumulator(ACC_ERROR_LM, accErrorLm);
        getRuntimeContext().addAccumulator(ACC_ERROR_SERVED, accErrorServed);
        getRuntimeContext().addAccumulator(ACC_MAX_DAY, accMaxDay);
    }

    @Override
    public void processElement(SalesEvent e, Context ctx, Collector<ForecastRecord> out) throws Exception {
        eventsIn.inc();
        if (!e.isRequest()) {
            lag.observe(e.day(), ctx.timerService().currentWatermark());
        }
        SeriesModel m = model.value();
        if (e.isRequest()) {
            requests.inc();
            Prediction p = (m == null ? fresh : m).forecast(e.day());
            out.collect(record(e.id(), e.day(), e.y(), p));
            return;
        }
        if (m == null) {
            m = new SeriesModel(params);
            totals.series++;
            ctx.timerService().registerEventTimeTimer(FINAL_SNAPSHOT);
        } else if (!m.accepts(e.day())) {
            late.inc();
            ctx.output(LATE, new LateEvent(e.id(), e.day(), e.y(), m.lastDay(),
                    e.day() == m.lastDay() ? LateEvent.DUPLICATE_DAY : LateEvent.BEFORE_LAST_LEARNED_DAY));
            return;
        }
        if (m.n() > 0 && interval(e.day()) > interval(m.lastDay())) {
            ctx.output(SNAPSHOTS, snapshot(ctx.getCurrentKey(), m));
        }
        Learner before = m.chosen();
        Prediction p = m.observe(e.day(), e.y());
        model.update(m);
        learned.inc();
        totals.observe(e.y(), p, before, m.chosen());
        accLearned.add(1L);
        accErrorKnn.add(Math.abs(e.y() - p.predKnn()));
        accErrorLm.add(Math.abs(e.y() - p.predLm()));
        accErrorServed.add(Math.abs(e.y() - p.value()));
        accMaxDay.add((long) e.day());
        out.collect(record(e.id(), e.day(), e.y(), p));
        if (horizon.afterEachEvent()) {
            emitHorizon(ctx.getCurrentKey(), m, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastRecord> out) throws Exception {
        lag.watermark(ctx.timerService().currentWatermark());
        SeriesModel m = model.value();
        if (m == null) {
            return;
        }
        ctx.output(SNAPSHOTS, snapshot(ctx.getCurrentKey(), m));
        if (horizon.days() > 0) {
            emitHorizon(ctx.getCurrentKey(), m, out);
            if (horizon.protocol() == Horizon.Protocol.CREME) {
                model.update(m); // the seed's forecasts updated the chosen learner's scaler; so does its protocol
            }
        }
    }

    /** The horizon's forecast records of one model, the key standing as the series id. */
    private void emitHorizon(String key, SeriesModel m, Collector<ForecastRecord> out) {
        Learner chosen = m.chosen();
        for (int ahead = 1; ahead <= horizon.days(); ahead++) {
            int day = m.lastDay() + ahead;
            if (horizon.protocol() == Horizon.Protocol.CREME) {
                double v = m.predictOne(chosen, day);
                out.collect(new ForecastRecord(key, day, SalesEvent.NO_VALUE, chosen == Learner.KNN ? v : Double.NaN,
                        chosen == Learner.LM ? v : Double.NaN, chosen, v, m.maeKnn(), m.maeLm(), m.n()));
            } else {
                out.collect(record(key, day, SalesEvent.NO_VALUE, m.forecast(day)));
            }
        }
    }

    private long interval(int day) {
        return Math.floorDiv(day, snapshotIntervalDays);
    }

    private static SeriesSnapshot snapshot(String key, SeriesModel m) {
        return new SeriesSnapshot(key, m.lastDay(), m.n(), m.maeKnn(), m.maeLm(), m.chosen());
    }

    private static ForecastRecord record(String id, int day, int y, Prediction p) {
        return new ForecastRecord(id, day, y, p.predKnn(), p.predLm(), p.served(), p.value(), p.maeKnn(), p.maeLm(),
                p.n());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        totalsState.update(java.util.List.of(totals.toArray()));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        totalsState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("running-totals",
                        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        totals = new RunningTotals();
        if (context.isRestored()) {
            totals.restore(totalsState.get());
        }
    }

    /**
     * This subtask's running totals for the gauges, kept in operator list state as one array per subtask;
     * after a rescale each subtask sums the arrays it receives, so the totals over all subtasks stay right.
     */
    static final class RunningTotals {
        double observations;
        double errorKnn;
        double errorLm;
        double errorServed;
        double series;
        double knnChosen;

        void observe(int y, Prediction p, Learner before, Learner after) {
            observations++;
            errorKnn += Math.abs(y - p.predKnn());
            errorLm += Math.abs(y - p.predLm());
            errorServed += Math.abs(y - p.value());
            if (before != after) {
                knnChosen += after == Learner.KNN ? 1 : -1;
            }
        }

        double mean(double sum) {
            return observations == 0 ? 0.0 : sum / observations;
        }

        double[] toArray() {
            return new double[] {observations, errorKnn, errorLm, errorServed, series, knnChosen};
        }

        void restore(Iterable<double[]> arrays) {
            for (double[] a : arrays) {
                observations += a[0];
                errorKnn += a[1];
                errorLm += a[2];
                errorServed += a[3];
                series += a[4];
                knnChosen += a[5];
            }
        }
    }
}
