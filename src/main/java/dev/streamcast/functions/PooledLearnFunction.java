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
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * The pooled learner's stage, keyed by group (store × department): learns each {@link GroupDay} in day order
 * ({@link PooledProfile#learnDay}) with the group's factors in {@code ValueState} and each series' level in
 * {@code MapState}, and when a bounded input ends (an event-time timer at the end of time) forecasts the
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
    private transient MapState<String, double[]> series;
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
        series = getRuntimeContext().getMapState(new MapStateDescriptor<>("pooled-series", Types.STRING,
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        eventsLearned = getRuntimeContext().getMetricGroup().counter("pooledEventsLearned");
        daysLearned = getRuntimeContext().getMetricGroup().counter("pooledDaysLearned");
    }

    @Override
    public void processElement(GroupDay day, Context ctx, Collector<ForecastRecord> out) throws Exception {
        double[] g = group.value();
        PooledProfile profile = g == null ? new PooledProfile() : PooledProfile.fromArray(g);
        List<String> ids = new ArrayList<>(day.ids().length);
        List<PooledProfile.Series> states = new ArrayList<>(day.ids().length);
        List<Integer> ys = new ArrayList<>(day.ids().length);
        for (int i = 0; i < day.ids().length; i++) {
            double[] s = series.get(day.ids()[i]);
            PooledProfile.Series st = s == null ? new PooledProfile.Series() : PooledProfile.Series.fromArray(s);
            if (st.accepts(day.day())) {
                ids.add(day.ids()[i]);
                states.add(st);
                ys.add(day.ys()[i]);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        profile.learnDay(day.day(), isSnap(ctx.getCurrentKey(), day.day()),
                states.toArray(PooledProfile.Series[]::new), ys.stream().mapToInt(Integer::intValue).toArray(), params);
        group.update(profile.toArray());
        for (int i = 0; i < ids.size(); i++) {
            series.put(ids.get(i), states.get(i).toArray());
        }
        eventsLearned.inc(ids.size());
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
        List<String> ids = new ArrayList<>();
        for (String id : series.keys()) {
            ids.add(id);
        }
        ids.sort(null);
        for (String id : ids) {
            PooledProfile.Series s = PooledProfile.Series.fromArray(series.get(id));
            for (int d = 1; d <= horizonDays; d++) {
                int day = s.lastDay() + d;
                double prediction = profile.forecast(s, day, isSnap(ctx.getCurrentKey(), day), params);
                out.collect(new ForecastRecord(KeyMode.SERIES.keyOf(id), day, SalesEvent.NO_VALUE, Double.NaN, Double.NaN,
                        Learner.POOLED, prediction, Double.NaN, Double.NaN, s.n()));
            }
        }
    }

    private boolean isSnap(String groupKey, int day) {
        return snap.isSnap(PooledGroup.stateOf(groupKey), day);
    }
}
