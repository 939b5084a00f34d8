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
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The heart of the job: per model key (a series, or an item: {@link KeyMode}), the key's pair of learners. For an
 * observation: predict with both, score both, learn, emit the forecast record (progressive validation). For a
 * forecast request: answer from the current model without changing it. An observation whose day is not after its
 * series' last learned day is never learned twice: it goes to {@link #LATE} with the reason.
 *
 * <p>Keyed by item, one model learns every event of the item's series; the rules above and below stay per series
 * (the model's per-series bookkeeping, {@link SeriesModel#accepts(String, int)}): each series' snapshots, horizon
 * and late events are its own, served and scored by its item's model.
 *
 * <p>Per-series snapshots go to {@link #SNAPSHOTS}: when a series' first event of a new
 * {@code snapshotIntervalDays}-day interval of event time arrives (its state as of the end of the previous
 * interval, so the snapshots depend only on the model's own events and are the same in every run), and
 * once at the end of a bounded input (an event-time timer at the end of time), followed by the
 * {@link Horizon}'s forecasts of the days after each series' last learned day, if one is set, in the order of
 * {@link SeriesModel#horizon} (by date, then series id).
 *
 * <p>With {@code reorder} (event time with a bounded out-of-orderness; always when keyed by item), observations wait
 * in a per-key buffer ({@code MapState} by day; an item's: a day's list of its series' observations; one event-time
 * timer per day) and are learned in date order, a day's series in id order, once the watermark passes their day, so
 * slightly out-of-order input is learned as if sorted; anything older than its series' last learned day is late.
 * With {@code stateTtl}, a series not learning for that long (processing time) is dropped by a processing-time
 * timer: its model, buffer and end-of-input timer go, and the gauges stop counting it (so a series that comes back
 * is counted once).
 *
 * <p>It runs only in a {@link LearnOperator}, which gives it its {@link ModelStore} (the keyed state, or a
 * write-back cache of it); anywhere else it stops at open. What it reports: {@link LearnMetrics}.
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
    /** The names of the keyed states (the state tools read and write them by these names). */
    public static final String MODEL = "model", PENDING = "pending", PENDING_ITEM = "pending-item";

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
    private final KeyMode keyMode;
    private final Options options;

    /** With a state TTL: when the series' expiry timer fires (processing time); null: no TTL. */
    private transient ValueState<Long> expiry;
    /** The reordering buffer of a series' model: its observations by day. */
    private transient MapState<Integer, SalesEvent> pending;
    /** The reordering buffer of an item's model: its series' observations by day (one per series and day). */
    private transient MapState<Integer, List<SalesEvent>> pendingItem;
    private transient ModelStore store;
    private transient DailyPartials partials;
    private transient SeriesModel fresh;
    private transient LearnMetrics metrics;

    /** One model per series. */
    public LearnFunction(LearnerParams params, Options options) {
        this(params, KeyMode.SERIES, options);
    }

    /** One model per key of {@code keyMode}, whose events the job keys by {@link KeyMode#keyOf}. */
    public LearnFunction(LearnerParams params, KeyMode keyMode, Options options) {
        this.params = params;
        this.keyMode = keyMode;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** The keyed state of the models, read and written through the operator's {@link ModelStore}. */
    ValueStateDescriptor<SeriesModel> modelDescriptor() {
        return withTtl(new ValueStateDescriptor<>(MODEL, new SeriesModelSerializer(params, keyMode)));
    }

    /** A series' observations buffered by day, with {@link Options#reorder} keyed by series (without the TTL). */
    public static MapStateDescriptor<Integer, SalesEvent> pendingDescriptor() {
        return new MapStateDescriptor<>(PENDING, Types.INT, Types.POJO(SalesEvent.class));
    }

    /** An item's observations buffered by day, with {@link Options#reorder} keyed by item (without the TTL). */
    public static MapStateDescriptor<Integer, List<SalesEvent>> pendingItemDescriptor() {
        return new MapStateDescriptor<>(PENDING_ITEM, Types.INT, Types.LIST(Types.POJO(SalesEvent.class)));
    }

    /** The time of a key's expiry timer, with a state TTL. */
    public static ValueStateDescriptor<Long> expiryDescriptor() {
        return new ValueStateDescriptor<>("expiry", Types.LONG);
    }

    /**
     * The expiry timer drops a series' state ({@link #ttlStep()} late at most); Flink's TTL, a little longer, is
     * only the backstop for time the job did not run.
     */
    private StateTtlConfig ttlConfig() {
        return StateTtlConfig.newBuilder(options.stateTtl().plusMillis(2 * ttlStep()))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
    }

    /** Called by {@link LearnOperator} before {@link #open}: where models are kept and observations summed. */
    void use(ModelStore store, DailyPartials partials) {
        this.store = store;
        this.partials = partials;
    }

    @Override
    public void open(OpenContext openContext) {
        if (store == null) {
            throw new IllegalStateException("LearnFunction runs only in a LearnOperator, which gives it its model "
                    + "store (the keyed state, or with modelCache > 0 a write-back cache of it): use "
                    + "transform(\"learn\", type, new LearnOperator(function)), not process(function)");
        }
        expiry = options.stateTtl() == null ? null
                : getRuntimeContext().getState(expiryDescriptor());
        if (options.reorder() && keyMode == KeyMode.SERIES) {
            pending = getRuntimeContext().getMapState(withTtl(pendingDescriptor()));
        } else if (options.reorder()) {
            pendingItem = getRuntimeContext().getMapState(withTtl(pendingItemDescriptor()));
        }
        fresh = new SeriesModel(params, keyMode);
        metrics.register(getRuntimeContext());
    }

    /** {@code d} with the state TTL, if any. */
    private <D extends StateDescriptor<?, ?>> D withTtl(D d) {
        if (options.stateTtl() != null) {
            d.enableTimeToLive(ttlConfig());
        }
        return d;
    }

    @Override
    public void processElement(SalesEvent e, Context ctx, Collector<ForecastRecord> out) throws Exception {
        metrics.eventIn();
        String key = ctx.getCurrentKey();
        if (e.isRequest()) {
            metrics.request();
            SeriesModel m = store.load(key);
            out.collect(forecast(seriesId(key, e), e.day(), m == null ? fresh : m, e.rid()));
            return;
        }
        metrics.eventTime(e.day(), ctx.timerService().currentWatermark());
        SeriesModel m = store.load(key);
        String series = seriesId(key, e);
        if (m != null && !m.accepts(series, e.day())) {
            reject(e, m.lastDay(series), ctx);
            return;
        }
        if (m == null) {
            ctx.timerService().registerEventTimeTimer(FINAL_SNAPSHOT); // once per key (Flink dedups repeats)
        }
        if (options.reorder()) {
            if (!buffer(series, e)) {
                reject(e, e.day(), ctx);
                return;
            }
            ctx.timerService().registerEventTimeTimer(e.day() * DAY_MS);
            return;
        }
        learn(key, m, e, ctx, out);
    }

    /** Puts an observation into the reordering buffer; false if its series' day is there already. */
    private boolean buffer(String series, SalesEvent e) throws Exception {
        if (pending != null) {
            if (pending.contains(e.day())) {
                return false;
            }
            pending.put(e.day(), e);
        } else {
            List<SalesEvent> day = pendingItem.get(e.day());
            day = day == null ? new ArrayList<>() : new ArrayList<>(day);
            for (SalesEvent other : day) {
                if (seriesId(other).equals(series)) {
                    return false;
                }
            }
            day.add(e);
            pendingItem.put(e.day(), day);
        }
        return true;
    }

    private void reject(SalesEvent e, int lastDay, Context ctx) {
        metrics.late();
        ctx.output(LATE, new LateEvent(e.id(), e.day(), e.y(), lastDay,
                e.day() == lastDay ? LateEvent.DUPLICATE_DAY : LateEvent.BEFORE_LAST_LEARNED_DAY));
    }

    /** Progressive validation of one observation; {@code m} is null for a series' first event. */
    private SeriesModel learn(String key, SeriesModel current, SalesEvent e, Context ctx,
                              Collector<ForecastRecord> out) throws Exception {
        String series = seriesId(key, e);
        SeriesModel m = current;
        if (m == null) {
            if (expiry != null && expiry.value() != null) {
                // dropped by Flink's TTL while the job was down, before its expiry timer: counted no more (its
                // share of seriesChoosingKnn is unknown); scheduleExpiry replaces the timer
                metrics.seriesLost();
            }
            m = new SeriesModel(params, keyMode);
        } else if (m.n(series) > 0 && interval(e.day()) > interval(m.lastDay(series))) {
            ctx.output(SNAPSHOTS, snapshot(series, m));
        }
        Learner before = m.chosen();
        int heldBefore = m.seriesCount();
        Prediction p = m.observe(series, e.day(), e.y(), options.horizon().serving());
        store.store(key, m);
        if (expiry != null) {
            scheduleExpiry(ctx);
        }
        metrics.learned(e.day(), e.y(), p, before, heldBefore, m.chosen(), m.seriesCount());
        ForecastRecord observation = record(series, e.day(), e.y(), p);
        out.collect(observation);
        Long timestamp = ctx.timestamp();
        partials.add(observation, timestamp == null ? e.day() * DAY_MS : timestamp);
        if (options.horizon().afterEachEvent()) {
            emitHorizon(List.of(series), m, out);
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
        metrics.watermark(ctx.timerService().currentWatermark());
        SeriesModel m = store.load(key);
        if (options.reorder() && timestamp != FINAL_SNAPSHOT) {
            m = learnPending(key, m, (int) (timestamp / DAY_MS), ctx, out);
        }
        if (timestamp != FINAL_SNAPSHOT || m == null) {
            return;
        }
        List<String> series = m.series(key);
        for (String s : series) {
            ctx.output(SNAPSHOTS, snapshot(s, m));
        }
        if (options.horizon().days() > 0) {
            emitHorizon(series, m, out);
            if (options.horizon().protocol() == Horizon.Protocol.CREME) {
                store.store(key, m); // the seed's forecasts updated the chosen learner's scaler; so does its protocol
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
        metrics.seriesDropped(store.load(key)); // null only if Flink's TTL dropped it first (the job was down)
        store.drop(key);
        expiry.clear();
        if (pending != null) {
            pending.clear();
        }
        if (pendingItem != null) {
            pendingItem.clear();
        }
        ctx.timerService().deleteEventTimeTimer(FINAL_SNAPSHOT);
    }

    /**
     * Learns the buffered observations of {@code day} (a day's series in id order), when its timer fires. Every
     * buffered day has its timer and timers fire in time order, so earlier days went before, and none is left when
     * the end-of-input timer fires. A lookup, not a scan of the buffer: on RocksDB a scan costs a seek, slow over the
     * tombstones of the days already taken.
     */
    private SeriesModel learnPending(String key, SeriesModel current, int day, Context ctx,
                                     Collector<ForecastRecord> out) throws Exception {
        SeriesModel m = current;
        for (SalesEvent e : takeBuffered(day)) {
            String series = seriesId(key, e);
            if (m != null && !m.accepts(series, e.day())) {
                reject(e, m.lastDay(series), ctx);
            } else {
                m = learn(key, m, e, ctx, out);
            }
        }
        return m;
    }

    /** Removes the buffered observations of {@code day} from the buffer, in series id order. */
    private List<SalesEvent> takeBuffered(int day) throws Exception {
        if (pending != null) {
            SalesEvent e = pending.get(day);
            if (e == null) {
                return List.of();
            }
            pending.remove(day);
            return List.of(e);
        }
        List<SalesEvent> buffered = pendingItem.get(day);
        if (buffered == null) {
            return List.of();
        }
        pendingItem.remove(day);
        List<SalesEvent> series = new ArrayList<>(buffered);
        series.sort(Comparator.comparing(LearnFunction::seriesId));
        return series;
    }

    private long interval(int day) {
        return Math.floorDiv(day, options.snapshotIntervalDays());
    }

    /** A series' snapshot: its last day and events learned, its model's MAEs and choice. */
    private static SeriesSnapshot snapshot(String series, SeriesModel m) {
        return new SeriesSnapshot(series, m.lastDay(series), m.n(series), m.maeKnn(), m.maeLm(), m.chosen());
    }

    /** The horizon's forecast records of {@code series}, served by their model, in {@link SeriesModel#horizon}'s order. */
    private void emitHorizon(List<String> series, SeriesModel m, Collector<ForecastRecord> out) {
        Horizon horizon = options.horizon();
        Learner chosen = m.chosen();
        for (SeriesModel.SeriesDay sd : m.horizon(series, horizon.days())) {
            if (horizon.protocol() == Horizon.Protocol.CREME) {
                double v = m.predictOne(chosen, sd.day());
                out.collect(new ForecastRecord(sd.series(), sd.day(), SalesEvent.NO_VALUE,
                        chosen == Learner.KNN ? v : Double.NaN, chosen == Learner.LM ? v : Double.NaN, chosen, v,
                        m.maeKnn(), m.maeLm(), m.n()));
            } else {
                out.collect(forecast(sd.series(), sd.day(), m, null));
            }
        }
    }

    /** The series of event {@code e} under model key {@code key}: the key itself when models are per series. */
    private String seriesId(String key, SalesEvent e) {
        return keyMode == KeyMode.SERIES ? key : seriesId(e);
    }

    /**
     * The series of an event as forecasts name it, like the snapshots of the default key mode and the horizon's
     * forecasts: its id up to the fifth {@code _}-token, M5's {@code _validation}/{@code _evaluation} suffix dropped.
     */
    private static String seriesId(SalesEvent e) {
        return KeyMode.SERIES.keyOf(e.id());
    }

    /**
     * A forecast (no value known): served from the model's current MAEs, which it does not change; {@code rid}: the
     * request id it answers, or null.
     */
    private ForecastRecord forecast(String id, int day, SeriesModel m, String rid) {
        Prediction p = m.forecast(day, options.horizon().serving());
        return new ForecastRecord(id, day, SalesEvent.NO_VALUE, p.predKnn(), p.predLm(), p.served(), p.value(),
                p.maeKnn(), p.maeLm(), p.n(), rid);
    }

    private static ForecastRecord record(String id, int day, int y, Prediction p) {
        return new ForecastRecord(id, day, y, p.predKnn(), p.predLm(), p.served(), p.value(), p.maeKnn(), p.maeLm(),
                p.n());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        metrics.snapshot();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        metrics = new LearnMetrics(context);
    }
}
