package dev.streamcast.functions;

import dev.streamcast.learn.KeyMode;
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
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
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
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * <p>With {@code reorder} (event time with a bounded out-of-orderness), observations wait in a per-series
 * buffer ({@code MapState}, one event-time timer per day) and are learned in date order once the watermark
 * passes their day, so slightly out-of-order input is learned as if sorted; anything older than the last
 * learned day is late. With {@code stateTtl}, a series not learning for that long (processing time) is dropped by a
 * processing-time timer: its model, buffer and end-of-input timer go, and the gauges stop counting it (so a series
 * that comes back is counted once). With a model cache ({@code modelCache} &gt; 0, for RocksDB), models stay deserialised in
 * a bounded LRU map and are written back to the keyed state when evicted and before every checkpoint
 * barrier ({@link LearnOperator}), instead of on every event.
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

    /**
     * How the function learns, beyond the model's parameters.
     *
     * @param snapshotIntervalDays a per-series snapshot every this many days of event time (&ge; 1)
     * @param horizon              forecasts of the days after the last learned one
     * @param reorder              buffer observations until the watermark passes their day, then learn in date order
     * @param modelCache           models kept deserialised (write-back cache, for RocksDB); 0: none
     * @param stateTtl             drop a series' state this long after its last write (processing time); null: never
     */
    public record Options(int snapshotIntervalDays, Horizon horizon, boolean reorder, int modelCache,
                          Duration stateTtl) implements Serializable {
        public Options {
            if (snapshotIntervalDays < 1) {
                throw new IllegalArgumentException("snapshotIntervalDays must be >= 1, got " + snapshotIntervalDays);
            }
            if (modelCache < 0) {
                throw new IllegalArgumentException("modelCache must be >= 0, got " + modelCache);
            }
            if (stateTtl != null && (stateTtl.isZero() || stateTtl.isNegative())) {
                throw new IllegalArgumentException("stateTtl must be positive, got " + stateTtl);
            }
        }

        /** The same options with another horizon. */
        public Options withHorizon(Horizon h) {
            return new Options(snapshotIntervalDays, h, reorder, modelCache, stateTtl);
        }

        /** Defaults: no horizon, no reordering, no cache, no TTL. */
        public static Options of(int snapshotIntervalDays) {
            return new Options(snapshotIntervalDays, Horizon.NONE, false, 0, null);
        }
    }

    private final LearnerParams params;
    private final Options options;

    private transient ValueState<SeriesModel> model;
    /** With a state TTL: when the series' expiry timer fires (processing time); null: no TTL. */
    private transient ValueState<Long> expiry;
    private transient MapState<Integer, SalesEvent> pending;
    private transient ModelCache cache;
    private transient SeriesModel fresh;
    private transient Counter eventsIn;
    private transient Counter learned;
    private transient Counter requests;
    private transient Counter late;
    private transient RunningTotals totals;
    private transient EventTimeLag lag;
    private transient ListState<double[]> totalsState;
    private transient LongCounter accLearned;
    private transient DoubleCounter accErrorKnn;
    private transient DoubleCounter accErrorLm;
    private transient DoubleCounter accErrorServed;
    private transient LongMaximum accMaxDay;

    public LearnFunction(LearnerParams params, Options options) {
        this.params = params;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<SeriesModel> modelDescriptor =
                new ValueStateDescriptor<>("model", new SeriesModelSerializer(params));
        MapStateDescriptor<Integer, SalesEvent> pendingDescriptor =
                new MapStateDescriptor<>("pending", Types.INT, Types.POJO(SalesEvent.class));
        if (options.stateTtl() != null) {
            // The expiry timer drops a series' state (ttlStep() late at most); Flink's TTL, a little longer, is
            // only the backstop for time the job did not run.
            StateTtlConfig ttl = StateTtlConfig.newBuilder(options.stateTtl().plusMillis(2 * ttlStep()))
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .build();
            modelDescriptor.enableTimeToLive(ttl);
            pendingDescriptor.enableTimeToLive(ttl);
        }
        model = getRuntimeContext().getState(modelDescriptor);
        expiry = options.stateTtl() == null ? null
                : getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", Types.LONG));
        pending = options.reorder() ? getRuntimeContext().getMapState(pendingDescriptor) : null;
        cache = options.modelCache() > 0 ? new ModelCache(options.modelCache()) : null;
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

    /** Lets the operator write cached models back to the keyed state under their own keys. */
    void attach(LearnOperator.KeyedWriter writer) {
        if (cache != null) {
            cache.writer = writer;
        }
    }

    /** Writes every changed cached model to the keyed state (before a checkpoint barrier). */
    void flush() throws Exception {
        if (cache != null) {
            cache.flush();
        }
    }

    @Override
    public void processElement(SalesEvent e, Context ctx, Collector<ForecastRecord> out) throws Exception {
        eventsIn.inc();
        String key = ctx.getCurrentKey();
        if (e.isRequest()) {
            requests.inc();
            SeriesModel m = load(key);
            out.collect(forecast(seriesId(e), e.day(), m == null ? fresh : m));
            return;
        }
        lag.observe(e.day(), ctx.timerService().currentWatermark());
        SeriesModel m = load(key);
        if (m != null && !m.accepts(e.day())) {
            reject(e, m.lastDay(), ctx);
            return;
        }
        if (m == null) {
            ctx.timerService().registerEventTimeTimer(FINAL_SNAPSHOT); // once per series (Flink dedups repeats)
        }
        if (options.reorder()) {
            if (pending.contains(e.day())) {
                reject(e, e.day(), ctx);
                return;
            }
            pending.put(e.day(), e);
            ctx.timerService().registerEventTimeTimer(e.day() * DAY_MS);
            return;
        }
        learn(key, m, e, ctx, out);
    }

    private void reject(SalesEvent e, int lastDay, Context ctx) {
        late.inc();
        ctx.output(LATE, new LateEvent(e.id(), e.day(), e.y(), lastDay,
                e.day() == lastDay ? LateEvent.DUPLICATE_DAY : LateEvent.BEFORE_LAST_LEARNED_DAY));
    }

    /** Progressive validation of one observation; {@code m} is null for a series' first event. */
    private SeriesModel learn(String key, SeriesModel current, SalesEvent e, Context ctx,
                              Collector<ForecastRecord> out) throws Exception {
        SeriesModel m = current;
        if (m == null) {
            if (expiry != null && expiry.value() != null) {
                // dropped by Flink's TTL while the job was down, before its expiry timer: counted no more (its
                // share of seriesChoosingKnn is unknown); scheduleExpiry replaces the timer
                totals.series--;
            }
            m = new SeriesModel(params);
            totals.series++;
        } else if (m.n() > 0 && interval(e.day()) > interval(m.lastDay())) {
            ctx.output(SNAPSHOTS, snapshot(key, m));
        }
        Learner before = m.chosen();
        double maeKnnBefore = m.maeKnn();
        double maeLmBefore = m.maeLm();
        Prediction p = m.observe(e.day(), e.y());
        store(key, m);
        if (expiry != null) {
            scheduleExpiry(ctx);
        }
        ForecastRecord r = record(seriesId(e), e.day(), e.y(), p, maeKnnBefore, maeLmBefore);
        learned.inc();
        totals.observe(e.y(), p, before, m.chosen(), r.prediction());
        accLearned.add(1L);
        accErrorKnn.add(Math.abs(e.y() - p.predKnn()));
        accErrorLm.add(Math.abs(e.y() - p.predLm()));
        accErrorServed.add(Math.abs(e.y() - r.prediction()));
        accMaxDay.add((long) e.day());
        out.collect(r);
        if (options.horizon().afterEachEvent()) {
            emitHorizon(key, m, out);
        }
        return m;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastRecord> out) throws Exception {
        String key = ctx.getCurrentKey();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) { // only the expiry timer
            expire(key, ctx);
            return;
        }
        lag.watermark(ctx.timerService().currentWatermark());
        SeriesModel m = load(key);
        if (options.reorder()) {
            m = learnPending(key, m, timestamp == FINAL_SNAPSHOT ? Integer.MAX_VALUE : (int) (timestamp / DAY_MS),
                    ctx, out);
        }
        if (timestamp != FINAL_SNAPSHOT || m == null) {
            return;
        }
        ctx.output(SNAPSHOTS, snapshot(key, m));
        if (options.horizon().days() > 0) {
            emitHorizon(key, m, out);
            if (options.horizon().protocol() == Horizon.Protocol.CREME) {
                store(key, m); // the seed's forecasts updated the chosen learner's scaler; so does its protocol
            }
        }
    }

    /** The rounding of expiry times: a series' timer moves at most once per 1/16 of the TTL. */
    private long ttlStep() {
        return Math.max(1, options.stateTtl().toMillis() / 16);
    }

    /** Moves the series' expiry timer to the TTL after now (rounded up to {@link #ttlStep()}). */
    private void scheduleExpiry(Context ctx) throws Exception {
        long step = ttlStep();
        long after = ctx.timerService().currentProcessingTime() + options.stateTtl().toMillis();
        long due = Math.floorDiv(after + step - 1, step) * step;
        Long current = expiry.value();
        if (current == null || current != due) {
            if (current != null) {
                ctx.timerService().deleteProcessingTimeTimer(current);
            }
            ctx.timerService().registerProcessingTimeTimer(due);
            expiry.update(due);
        }
    }

    /**
     * Drops a series that has learned nothing for the TTL: its model, buffer, expiry and end-of-input timers, and
     * its place in the gauges.
     */
    private void expire(String key, Context ctx) throws Exception {
        SeriesModel m = load(key); // null only if Flink's TTL dropped it first (the job was down)
        totals.series--;
        if (m != null && m.chosen() == Learner.KNN) {
            totals.knnChosen--;
        }
        model.clear();
        expiry.clear();
        if (pending != null) {
            pending.clear();
        }
        if (cache != null) {
            cache.drop(key);
        }
        ctx.timerService().deleteEventTimeTimer(FINAL_SNAPSHOT);
    }

    /** Learns the buffered observations up to {@code lastDay}, in date order. */
    private SeriesModel learnPending(String key, SeriesModel current, int lastDay, Context ctx,
                                     Collector<ForecastRecord> out) throws Exception {
        List<Integer> days = new ArrayList<>();
        for (Integer day : pending.keys()) {
            if (day <= lastDay) {
                days.add(day);
            }
        }
        Collections.sort(days);
        SeriesModel m = current;
        for (int day : days) {
            SalesEvent e = pending.get(day);
            pending.remove(day);
            if (m != null && !m.accepts(day)) {
                reject(e, m.lastDay(), ctx);
            } else {
                m = learn(key, m, e, ctx, out);
            }
        }
        return m;
    }

    private SeriesModel load(String key) throws Exception {
        return cache == null ? model.value() : cache.load(key);
    }

    private void store(String key, SeriesModel m) throws Exception {
        if (cache == null) {
            model.update(m);
        } else {
            cache.store(key, m);
        }
    }

    private long interval(int day) {
        return Math.floorDiv(day, options.snapshotIntervalDays());
    }

    private static SeriesSnapshot snapshot(String key, SeriesModel m) {
        return new SeriesSnapshot(key, m.lastDay(), m.n(), m.maeKnn(), m.maeLm(), m.chosen());
    }

    /** The horizon's forecast records of one model, the key standing as the series id. */
    private void emitHorizon(String key, SeriesModel m, Collector<ForecastRecord> out) {
        Horizon horizon = options.horizon();
        Learner chosen = m.chosen();
        for (int ahead = 1; ahead <= horizon.days(); ahead++) {
            int day = m.lastDay() + ahead;
            if (horizon.protocol() == Horizon.Protocol.CREME) {
                double v = m.predictOne(chosen, day);
                out.collect(new ForecastRecord(key, day, SalesEvent.NO_VALUE, chosen == Learner.KNN ? v : Double.NaN,
                        chosen == Learner.LM ? v : Double.NaN, chosen, v, m.maeKnn(), m.maeLm(), m.n()));
            } else {
                out.collect(forecast(key, day, m));
            }
        }
    }

    /**
     * The series of an event as forecasts name it, like the snapshots of the default key mode and the horizon's
     * forecasts: its id up to the fifth {@code _}-token, M5's {@code _validation}/{@code _evaluation} suffix dropped.
     */
    private static String seriesId(SalesEvent e) {
        return KeyMode.SERIES.keyOf(e.id());
    }

    /** A forecast (no value known): served from the model's current MAEs, which it does not change. */
    private ForecastRecord forecast(String id, int day, SeriesModel m) {
        Prediction p = m.forecast(day);
        return record(id, day, SalesEvent.NO_VALUE, p, p.maeKnn(), p.maeLm());
    }

    /** A forecast record served by the configured {@link Serving} from the MAEs known before the day. */
    private ForecastRecord record(String id, int day, int y, Prediction p, double maeKnn, double maeLm) {
        Serving serving = options.horizon().serving();
        return new ForecastRecord(id, day, y, p.predKnn(), p.predLm(), serving.learner(maeKnn, maeLm),
                serving.value(p.predKnn(), p.predLm(), maeKnn, maeLm), p.maeKnn(), p.maeLm(), p.n());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        totalsState.update(List.of(totals.toArray()));
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
     * A bounded LRU map of deserialised models with dirty flags: a model is written to the keyed state when it
     * is evicted or flushed (under its own key, through the operator), not on every event.
     */
    private final class ModelCache {
        private final int capacity;
        private final LinkedHashMap<String, SeriesModel> models = new LinkedHashMap<>(16, 0.75f, true);
        private final Set<String> dirty = new HashSet<>();
        private LearnOperator.KeyedWriter writer;

        ModelCache(int capacity) {
            this.capacity = capacity;
        }

        SeriesModel load(String key) throws Exception {
            SeriesModel m = models.get(key);
            if (m == null) {
                m = model.value();
                if (m != null) {
                    put(key, m);
                }
            }
            return m;
        }

        void store(String key, SeriesModel m) throws Exception {
            if (models.get(key) != m) {
                put(key, m);
            }
            dirty.add(key);
        }

        private void put(String key, SeriesModel m) throws Exception {
            models.put(key, m);
            if (models.size() > capacity) {
                Map.Entry<String, SeriesModel> eldest = models.entrySet().iterator().next();
                models.remove(eldest.getKey());
                if (dirty.remove(eldest.getKey())) {
                    write(eldest.getKey(), eldest.getValue());
                }
            }
        }

        /** Forgets a model without writing it back. */
        void drop(String key) {
            models.remove(key);
            dirty.remove(key);
        }

        void flush() throws Exception {
            for (String key : dirty) {
                write(key, models.get(key));
            }
            dirty.clear();
        }

        private void write(String key, SeriesModel m) throws Exception {
            if (writer == null) {
                throw new IllegalStateException("a model cache needs the LearnOperator to write back models");
            }
            writer.write(key, () -> model.update(m));
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

        void observe(int y, Prediction p, Learner before, Learner after, double served) {
            observations++;
            errorKnn += Math.abs(y - p.predKnn());
            errorLm += Math.abs(y - p.predLm());
            errorServed += Math.abs(y - served);
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
