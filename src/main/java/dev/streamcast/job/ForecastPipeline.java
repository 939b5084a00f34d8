package dev.streamcast.job;

import dev.streamcast.functions.DailyMetricsAggregate;
import dev.streamcast.functions.GroupDays;
import dev.streamcast.functions.Horizon;
import dev.streamcast.functions.PooledLearnFunction;
import dev.streamcast.learn.Serving;
import dev.streamcast.learn.PooledGroup;
import dev.streamcast.learn.PooledParams;
import dev.streamcast.learn.DayCalendar;
import dev.streamcast.records.GroupDay;
import dev.streamcast.records.GroupTotal;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.LearnOperator;
import dev.streamcast.functions.ParseFunction;
import dev.streamcast.functions.RecordEventTime;
import dev.streamcast.functions.StampEventTime;
import dev.streamcast.io.LineParser;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.LateEvent;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import dev.streamcast.records.SeriesSnapshot;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.List;

/**
 * The job's dataflow, independent of where lines come from and where results go (so tests inject both):
 * <pre>
 *   lines → parse (dead letters aside) → event time → keyBy(model key) → learn (late events, snapshots aside)
 *         → forecasts → keyBy(day) → 1-day event-time windows → daily metrics
 *   (serving pooled) event time → keyBy(store × dept) → 1-day windows → pooled learn → horizon forecasts
 * </pre>
 * Event time is each event's day. Files make their watermarks after parsing (one M5 wide row holds every day, so
 * wide files make none until their end); Kafka topics make them at the source, per partition, see
 * {@link EventTime#FROM_SOURCE}.
 */
public final class ForecastPipeline {
    /** Idle inputs stop holding back the watermark after this long. */
    public static final Duration SOURCE_IDLENESS = Duration.ofSeconds(30);

    private ForecastPipeline() {
    }

    /** The output streams of the job; {@code deadLetters} is null when the input needs no parsing. */
    public record Outputs(DataStream<ForecastRecord> forecasts, DataStream<DailyMetrics> metrics,
                          DataStream<SeriesSnapshot> snapshots, DataStream<DeadLetter> deadLetters,
                          DataStream<LateEvent> late) {
    }

    /** Where the event-time watermarks come from. */
    public enum EventTime {
        /** Timestamps from the events' days, no watermarks until the end of a bounded input (M5 wide rows). */
        NO_WATERMARKS,
        /** Bounded-out-of-orderness watermarks with idleness, made after parsing (csv and jsonl files). */
        AFTER_PARSE,
        /**
         * Watermarks made at the source per Kafka partition ({@link #sourceWatermarks}); timestamps from the
         * events' days after parsing, upstream watermarks kept.
         */
        FROM_SOURCE
    }

    /**
     * The pooled learner's stage ({@code forecast.serving: pooled}).
     *
     * @param params   its hyper-parameters
     * @param calendar the SNAP days of each state and the events (from the M5 calendar), {@link DayCalendar#NONE}
     *                 without one
     * @param history  the groups' daily totals from before the series' history ({@code source.groupHistory}),
     *                 learned first; empty: none
     */
    public record Pooled(PooledParams params, DayCalendar calendar, List<GroupTotal> history)
            implements java.io.Serializable {
        /** The default settings, without calendar or history. */
        public static final Pooled DEFAULTS = new Pooled(PooledParams.DEFAULTS, DayCalendar.NONE, List.of());

        public Pooled {
            history = List.copyOf(history);
        }
    }

    /**
     * How events are parsed, keyed, timed and learned. {@code pooled}: the pooled learner's settings, used when the
     * horizon's serving rule is {@link Serving#POOLED}.
     */
    public record Settings(LineParser parser, LearnerParams params, KeyMode keyMode, Duration maxOutOfOrderness,
                           EventTime eventTime, LearnFunction.Options learn, Pooled pooled) {
        public Settings(LineParser parser, LearnerParams params, KeyMode keyMode, Duration maxOutOfOrderness,
                        EventTime eventTime, LearnFunction.Options learn) {
            this(parser, params, keyMode, maxOutOfOrderness, eventTime, learn, Pooled.DEFAULTS);
        }

        /** {@code watermarks}: {@link EventTime#AFTER_PARSE}, else {@link EventTime#NO_WATERMARKS}. */
        public Settings(LineParser parser, LearnerParams params, KeyMode keyMode, Duration maxOutOfOrderness,
                        boolean watermarks, LearnFunction.Options learn) {
            this(parser, params, keyMode, maxOutOfOrderness,
                    watermarks ? EventTime.AFTER_PARSE : EventTime.NO_WATERMARKS, learn);
        }

        /** True if the input has watermarks before its end. */
        public boolean watermarks() {
            return eventTime != EventTime.NO_WATERMARKS;
        }
    }

    /**
     * The watermark strategy of a source of Kafka records ({@link EventTime#FROM_SOURCE}): event time from the
     * records' JSON {@code date}, tracked per partition, bounded out-of-orderness, idle partitions ignored after
     * {@link #SOURCE_IDLENESS}. Lines of other sources (the files of a backfill) do not move it.
     */
    public static WatermarkStrategy<RawLine> sourceWatermarks(Duration maxOutOfOrderness) {
        return WatermarkStrategy.<RawLine>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withIdleness(SOURCE_IDLENESS)
                .withTimestampAssigner(new RecordEventTime());
    }

    /** The whole dataflow from raw input lines. */
    public static Outputs build(DataStream<RawLine> lines, Settings s) {
        SingleOutputStreamOperator<SalesEvent> events = lines
                .process(new ParseFunction(s.parser()), Types.POJO(SalesEvent.class))
                .name("parse").uid("parse");
        // parse and event time run beside their source, chained to it: a source that must keep one order (the
        // backfill-then-live source, at parallelism 1) keeps it up to the keyBy
        int sourceParallelism = lines.getParallelism();
        if (sourceParallelism > 0) {
            events.setParallelism(sourceParallelism);
        }
        Outputs o = fromEvents(events, s, sourceParallelism);
        return new Outputs(o.forecasts(), o.metrics(), o.snapshots(), events.getSideOutput(ParseFunction.DEAD_LETTERS),
                o.late());
    }

    /** The dataflow from already valid events (e.g. a generator); {@code Settings.parser} is not used. */
    public static Outputs fromEvents(DataStream<SalesEvent> events, Settings s) {
        return fromEvents(events, s, -1);
    }

    private static Outputs fromEvents(DataStream<SalesEvent> events, Settings s, int eventTimeParallelism) {
        SingleOutputStreamOperator<SalesEvent> timed;
        if (s.eventTime() == EventTime.FROM_SOURCE) {
            timed = events.transform("event time", Types.POJO(SalesEvent.class), new StampEventTime())
                    .uid("event-time");
        } else {
            WatermarkStrategy<SalesEvent> strategy = s.watermarks()
                    ? WatermarkStrategy.<SalesEvent>forBoundedOutOfOrderness(s.maxOutOfOrderness())
                            .withIdleness(SOURCE_IDLENESS)
                    : WatermarkStrategy.noWatermarks();
            timed = events
                    .assignTimestampsAndWatermarks(strategy.withTimestampAssigner(
                            (e, previous) -> e.day() * LearnFunction.DAY_MS))
                    .name("event time").uid("event-time");
        }
        if (eventTimeParallelism > 0) {
            timed.setParallelism(eventTimeParallelism);
        }

        KeyMode keyMode = s.keyMode();
        Horizon horizon = s.learn().horizon();
        boolean pooledServing = horizon.serving() == Serving.POOLED;
        // with pooled serving the pooled stage forecasts the horizon; the series learners keep their records
        LearnFunction.Options learnOptions = pooledServing
                ? s.learn().withHorizon(new Horizon(0, horizon.protocol(), false, Serving.POOLED)) : s.learn();
        SingleOutputStreamOperator<ForecastRecord> forecasts = timed
                .keyBy(e -> keyMode.keyOf(e.id()), Types.STRING)
                .transform("learn", Types.POJO(ForecastRecord.class),
                        new LearnOperator(new LearnFunction(s.params(), keyMode, learnOptions)))
                .uid("learn");
        DataStream<ForecastRecord> served = forecasts;
        if (pooledServing) {
            Pooled pooled = s.pooled();
            SingleOutputStreamOperator<SalesEvent> observations = timed
                    .filter(e -> !e.isRequest()).name("pooled observations").uid("pooled-observations");
            // Flink's fromData cannot make an empty stream: without a history, an empty stream beside the events
            DataStream<GroupTotal> history = pooled.history().isEmpty()
                    ? observations.flatMap((SalesEvent e, Collector<GroupTotal> none) -> { },
                            Types.POJO(GroupTotal.class)).name("no group history").uid("no-group-history")
                    : timed.getExecutionEnvironment().fromData(pooled.history(), Types.POJO(GroupTotal.class))
                            .name("group history").uid("group-history");
            DataStream<ForecastRecord> pooledForecasts = observations
                    .keyBy(e -> PooledGroup.of(e.id()), Types.STRING)
                    .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                    .process(new GroupDays(), Types.POJO(GroupDay.class))
                    .name("pooled days").uid("pooled-days")
                    .connect(history)
                    .keyBy(GroupDay::group, GroupTotal::group, Types.STRING)
                    .process(new PooledLearnFunction(pooled.params(), pooled.calendar(), horizon.days()),
                            Types.POJO(ForecastRecord.class))
                    .name("pooled learn").uid("pooled-learn");
            served = forecasts.union(pooledForecasts);
        }

        // the learn subtasks send partial sums per day (LearnOperator.DAILY_PARTIALS), not every observation
        DataStream<DailyMetrics> metrics = forecasts.getSideOutput(LearnOperator.DAILY_PARTIALS)
                .keyBy(sums -> sums.day, Types.INT)
                .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                .aggregate(new DailyMetricsAggregate(), Types.POJO(DailyMetricsAggregate.Accumulator.class),
                        Types.POJO(DailyMetrics.class))
                .name("daily metrics").uid("daily-metrics");

        return new Outputs(served, metrics, forecasts.getSideOutput(LearnFunction.SNAPSHOTS), null,
                forecasts.getSideOutput(LearnFunction.LATE));
    }
}
