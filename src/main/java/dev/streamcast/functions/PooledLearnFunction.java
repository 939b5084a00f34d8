package dev.streamcast.functions;

import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.Learner;
import dev.streamcast.learn.PooledGroup;
import dev.streamcast.learn.PooledParams;
import dev.streamcast.learn.PooledProfile;
import dev.streamcast.learn.DayCalendar;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.GroupDay;
import dev.streamcast.records.GroupTotal;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pooled learner's stage, keyed by group (store × department). Its two inputs: the group's days of series
 * observations ({@link GroupDay}, from the 1-day windows) and, optionally, its history of daily totals from before
 * the series' history ({@link GroupTotal}, a bounded stream). Both are held in keyed state until the watermark
 * passes their day (an event-time timer per day), then learned in day order, so the result does not depend on how
 * the two inputs interleave: a day with series observations is learned from them ({@link PooledProfile#learnDay}),
 * a day with only a total from it ({@link PooledProfile#learnTotal}, until the first series day). The group's
 * factors and its series' levels live in {@code ValueState} (the series as one sorted id array and one flat state
 * array: one state access per group-day, not per event). When a bounded input ends (an event-time timer at the
 * end of time) it forecasts the {@code horizonDays} days after each series' last learned day, series in id order,
 * each named by its series key (the id without M5's {@code _validation}/{@code _evaluation} suffix), as the series
 * learners name theirs. A series' day that is not after its last learned day is skipped (the series learners
 * report it as late).
 *
 * <p>Metrics: counters {@code pooledEventsLearned}, {@code pooledDaysLearned}, {@code pooledTotalsLearned}.
 */
public final class PooledLearnFunction extends KeyedCoProcessFunction<String, GroupDay, GroupTotal, ForecastRecord> {
    private static final long serialVersionUID = 2L;
    private static final long END_OF_INPUT = Long.MAX_VALUE;

    private final PooledParams params;
    private final DayCalendar calendar;
    private final int horizonDays;

    private transient ValueState<double[]> group;
    /** The group's series ids, sorted; their states flattened in the same order ({@link PooledProfile.Series#STATE_SIZE} each). */
    private transient ValueState<String[]> seriesIds;
    private transient ValueState<double[]> seriesStates;
    /** Days received and not learned yet, by epoch day. */
    private transient MapState<Integer, GroupDay> pendingDays;
    private transient MapState<Integer, Long> pendingTotals;
    private transient Counter eventsLearned;
    private transient Counter daysLearned;
    private transient Counter totalsLearned;

    /** {@code horizonDays}: a {@link Horizon}'s days, checked there. */
    public PooledLearnFunction(PooledParams params, DayCalendar calendar, int horizonDays) {
        this.params = params;
        this.calendar = calendar;
        this.horizonDays = horizonDays;
    }

    @Override
    public void open(OpenContext openContext) {
        group = getRuntimeContext().getState(new ValueStateDescriptor<>("pooled-group",
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        seriesIds = getRuntimeContext().getState(new ValueStateDescriptor<>("pooled-series-ids",
                BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));
        seriesStates = getRuntimeContext().getState(new ValueStateDescriptor<>("pooled-series-states",
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        pendingDays = getRuntimeContext().getMapState(new MapStateDescriptor<>("pooled-pending-days", Types.INT,
                Types.POJO(GroupDay.class)));
        pendingTotals = getRuntimeContext().getMapState(new MapStateDescriptor<>("pooled-pending-totals", Types.INT,
                Types.LONG));
        eventsLearned = getRuntimeContext().getMetricGroup().counter("pooledEventsLearned");
        daysLearned = getRuntimeContext().getMetricGroup().counter("pooledDaysLearned");
        totalsLearned = getRuntimeContext().getMetricGroup().counter("pooledTotalsLearned");
    }

    /** The group's series, by id in id order: one state read per group-day instead of one per event. */
    private TreeMap<String, PooledProfile.Series> loadSeries() throws Exception {
        TreeMap<String, PooledProfile.Series> all = new TreeMap<>();
        String[] ids = seriesIds.value();
        if (ids != null) {
            double[] flat = seriesStates.value();
            int size = PooledProfile.Series.STATE_SIZE;
            for (int i = 0; i < ids.length; i++) {
                all.put(ids[i], PooledProfile.Series.fromArray(Arrays.copyOfRange(flat, i * size, (i + 1) * size)));
            }
        }
        return all;
    }

    private void storeSeries(TreeMap<String, PooledProfile.Series> all) throws Exception {
        int size = PooledProfile.Series.STATE_SIZE;
        double[] flat = new double[all.size() * size];
        int i = 0;
        for (PooledProfile.Series s : all.values()) {
            System.arraycopy(s.toArray(), 0, flat, i * size, size);
            i++;
        }
        seriesIds.update(all.keySet().toArray(String[]::new));
        seriesStates.update(flat);
    }

    private PooledProfile loadGroup() throws Exception {
        double[] g = group.value();
        return g == null ? new PooledProfile(calendar.eventFactorCount())
                : PooledProfile.fromArray(g, calendar.eventFactorCount());
    }

    /** The timer of a day: the end of its 1-day window, when the watermark has passed it on both inputs. */
    private static long dayEnd(int day) {
        return (day + 1L) * LearnFunction.DAY_MS - 1;
    }

    @Override
    public void processElement1(GroupDay day, Context ctx, Collector<ForecastRecord> out) throws Exception {
        pendingDays.put(day.day(), day);
        ctx.timerService().registerEventTimeTimer(dayEnd(day.day()));
        if (horizonDays > 0) {
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
        }
    }

    @Override
    public void processElement2(GroupTotal total, Context ctx, Collector<ForecastRecord> out) throws Exception {
        pendingTotals.put(total.day(), total.units());
        ctx.timerService().registerEventTimeTimer(dayEnd(total.day()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastRecord> out) throws Exception {
        if (timestamp == END_OF_INPUT) {
            forecastHorizon(ctx.getCurrentKey(), out);
            return;
        }
        int day = Math.toIntExact(timestamp / LearnFunction.DAY_MS);
        GroupDay observed = pendingDays.get(day);
        Long total = pendingTotals.get(day);
        pendingDays.remove(day);
        pendingTotals.remove(day);
        PooledProfile profile = loadGroup();
        boolean isSnap = isSnap(ctx.getCurrentKey(), day);
        if (observed != null) {
            learnDay(profile, observed, isSnap);
        } else if (total != null && profile.acceptsTotal(day)) {
            profile.learnTotal(day, isSnap, calendar.eventFactors(day), total, params);
            group.update(profile.toArray());
            totalsLearned.inc();
        }
    }

    private void learnDay(PooledProfile profile, GroupDay day, boolean isSnap) throws Exception {
        TreeMap<String, PooledProfile.Series> all = loadSeries();
        List<PooledProfile.Series> states = new ArrayList<>(day.ids().length);
        int[] ys = new int[day.ids().length];
        for (int i = 0; i < day.ids().length; i++) {
            PooledProfile.Series st = all.computeIfAbsent(day.ids()[i], k -> new PooledProfile.Series());
            if (st.accepts(day.day())) {
                ys[states.size()] = day.ys()[i];
                states.add(st);
            }
        }
        if (states.isEmpty()) {
            return;
        }
        profile.learnDay(day.day(), isSnap, calendar.eventFactors(day.day()),
                states.toArray(PooledProfile.Series[]::new), Arrays.copyOf(ys, states.size()), params);
        group.update(profile.toArray());
        storeSeries(all);
        eventsLearned.inc(states.size());
        daysLearned.inc();
    }

    private void forecastHorizon(String groupKey, Collector<ForecastRecord> out) throws Exception {
        if (seriesIds.value() == null) {
            return;
        }
        PooledProfile profile = loadGroup();
        for (Map.Entry<String, PooledProfile.Series> e : loadSeries().entrySet()) {
            PooledProfile.Series s = e.getValue();
            String key = KeyMode.SERIES.keyOf(e.getKey());
            for (int d = 1; d <= horizonDays; d++) {
                int day = s.lastDay() + d;
                double prediction = profile.forecast(s, day, isSnap(groupKey, day), calendar.eventFactors(day),
                        params);
                out.collect(new ForecastRecord(key, day, SalesEvent.NO_VALUE, Double.NaN, Double.NaN,
                        Learner.POOLED, prediction, Double.NaN, Double.NaN, s.n()));
            }
        }
    }

    private boolean isSnap(String groupKey, int day) {
        return calendar.isSnap(PooledGroup.stateOf(groupKey), day);
    }
}
