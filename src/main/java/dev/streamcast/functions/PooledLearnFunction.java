package dev.streamcast.functions;

import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.Learner;
import dev.streamcast.learn.PooledGroup;
import dev.streamcast.learn.PooledParams;
import dev.streamcast.learn.PooledProfile;
import dev.streamcast.learn.SnapCalendar;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.GroupDay;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pooled learner's stage, keyed by group (store × department): learns each {@link GroupDay} in day order
 * ({@link PooledProfile#learnDay}) with the group's factors and its series' levels in {@code ValueState} (the series
 * as one sorted id array and one flat state array: one state access per group-day, not per event), and when a bounded input ends (an event-time timer at the end of time) forecasts the
 * {@code horizonDays} days after each series' last learned day, series in id order, each named by its series key
 * (the id without M5's {@code _validation}/{@code _evaluation} suffix), as the series learners name theirs. A series' day that is not
 * after its last learned day is skipped (the series learners report it as late).
 *
 * <p>Metrics: counters {@code pooledEventsLearned}, {@code pooledDaysLearned}.
 */
public final class PooledLearnFunction extends KeyedProcessFunction<String, GroupDay, ForecastRecord> {
    private static final long serialVersionUID = 1L;
    private static final long END_OF_INPUT = Long.MAX_VALUE;

    private final PooledParams params;
    private final SnapCalendar snap;
    private final int horizonDays;

    private transient ValueState<double[]> group;
    /** The group's series ids, sorted; their states flattened in the same order ({@link PooledProfile.Series#STATE_SIZE} each). */
    private transient ValueState<String[]> seriesIds;
    private transient ValueState<double[]> seriesStates;
    private transient Counter eventsLearned;
    private transient Counter daysLearned;

    public PooledLearnFunction(PooledParams params, SnapCalendar snap, int horizonDays) {
        if (horizonDays < 0 || horizonDays > Horizon.MAX_DAYS) {
            throw new IllegalArgumentException("horizon must be 0.." + Horizon.MAX_DAYS + " days, got " + horizonDays);
        }
        this.params = params;
        this.snap = snap;
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
        eventsLearned = getRuntimeContext().getMetricGroup().counter("pooledEventsLearned");
        daysLearned = getRuntimeContext().getMetricGroup().counter("pooledDaysLearned");
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

    @Override
    public void processElement(GroupDay day, Context ctx, Collector<ForecastRecord> out) throws Exception {
        double[] g = group.value();
        PooledProfile profile = g == null ? new PooledProfile() : PooledProfile.fromArray(g);
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
        profile.learnDay(day.day(), isSnap(ctx.getCurrentKey(), day.day()),
                states.toArray(PooledProfile.Series[]::new), Arrays.copyOf(ys, states.size()), params);
        group.update(profile.toArray());
        storeSeries(all);
        eventsLearned.inc(states.size());
        daysLearned.inc();
        if (horizonDays > 0) {
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastRecord> out) throws Exception {
        double[] g = group.value();
        if (timestamp != END_OF_INPUT || g == null) {
            return;
        }
        PooledProfile profile = PooledProfile.fromArray(g);
        for (Map.Entry<String, PooledProfile.Series> e : loadSeries().entrySet()) {
            PooledProfile.Series s = e.getValue();
            String key = KeyMode.SERIES.keyOf(e.getKey());
            for (int d = 1; d <= horizonDays; d++) {
                int day = s.lastDay() + d;
                double prediction = profile.forecast(s, day, isSnap(ctx.getCurrentKey(), day), params);
                out.collect(new ForecastRecord(key, day, SalesEvent.NO_VALUE, Double.NaN, Double.NaN,
                        Learner.POOLED, prediction, Double.NaN, Double.NaN, s.n()));
            }
        }
    }

    private boolean isSnap(String groupKey, int day) {
        return snap.isSnap(PooledGroup.stateOf(groupKey), day);
    }
}
