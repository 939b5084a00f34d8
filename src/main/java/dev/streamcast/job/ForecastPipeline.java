package dev.streamcast.job;

import dev.streamcast.functions.DailyMetricsAggregate;
import dev.streamcast.functions.LearnFunction;
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

import java.time.Duration;
import java.util.List;

/**
 * The job's dataflow, independent of where lines come from and where results go (so tests inject both):
 * <pre>
 *   lines → parse (dead letters aside) → event time → keyBy(model key) → learn (late events, snapshots aside)
 *         → forecasts → keyBy(day) → 1-day event-time windows → daily metrics
 * </pre>
 * Event time is each event's day. Watermarks drive only the daily metrics (and the final snapshots); learning
 * never drops an event for being behind the watermark. Files make their watermarks after parsing (one M5 wide
 * row holds every day, so wide files make none until their end); Kafka topics make them at the source, per
 * partition, see {@link EventTime#FROM_SOURCE}.
 */
public final class ForecastPipeline {
    /** Idle inputs stop holding back the watermark after this long. */
    public static final Duration SOURCE_IDLENESS = Duration.ofSeconds(30);

    private ForecastPipeline() {
    }

    /** The five output streams of the job. */
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

    /** How events are parsed, keyed, timed and learned. */
    public record Settings(LineParser parser, LearnerParams params, KeyMode keyMode, int snapshotIntervalDays,
                           Duration maxOutOfOrderness, EventTime eventTime) {
        /** {@code watermarks}: {@link EventTime#AFTER_PARSE}, else {@link EventTime#NO_WATERMARKS}. */
        public Settings(LineParser parser, LearnerParams params, KeyMode keyMode, int snapshotIntervalDays,
                        Duration maxOutOfOrderness, boolean watermarks) {
            this(parser, params, keyMode, snapshotIntervalDays, maxOutOfOrderness,
                    watermarks ? EventTime.AFTER_PARSE : EventTime.NO_WATERMARKS);
        }
    }

    /**
     * The watermark strategy of a source of Kafka records ({@link EventTime#FROM_SOURCE}): event time from the
     * records' JSON {@code date}, tracked per partition, bounded out-of-orderness, idle partitions ignored after
     * {@link #SOURCE_IDLENESS}. Lines of other sources (the files of a backfill) do not move it.
     */
    public static WatermarkStrategy<RawLine> sourceWatermarks(Duration maxOutOfOrderness, List<String> topics) {
        return WatermarkStrategy.<RawLine>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withIdleness(SOURCE_IDLENESS)
                .withTimestampAssigner(new RecordEventTime(topics));
    }

    public static Outputs build(DataStream<RawLine> lines, Settings s) {
        SingleOutputStreamOperator<SalesEvent> events = lines
                .process(new ParseFunction(s.parser()), Types.POJO(SalesEvent.class))
                .name("parse").uid("parse");

        SingleOutputStreamOperator<SalesEvent> timed;
        if (s.eventTime() == EventTime.FROM_SOURCE) {
            timed = events.transform("event time", Types.POJO(SalesEvent.class), new StampEventTime())
                    .uid("event-time");
        } else {
            WatermarkStrategy<SalesEvent> strategy = s.eventTime() == EventTime.AFTER_PARSE
                    ? WatermarkStrategy.<SalesEvent>forBoundedOutOfOrderness(s.maxOutOfOrderness())
                            .withIdleness(SOURCE_IDLENESS)
                    : WatermarkStrategy.noWatermarks();
            timed = events
                    .assignTimestampsAndWatermarks(strategy.withTimestampAssigner(
                            (e, previous) -> e.day() * LearnFunction.DAY_MS))
                    .name("event time").uid("event-time");
        }
        // parse and event time run beside their source, chained to it: a source that must keep one order (the
        // backfill-then-live source, at parallelism 1) keeps it up to the keyBy
        int sourceParallelism = lines.getParallelism();
        if (sourceParallelism > 0) {
            events.setParallelism(sourceParallelism);
            timed.setParallelism(sourceParallelism);
        }

        KeyMode keyMode = s.keyMode();
        SingleOutputStreamOperator<ForecastRecord> forecasts = timed
                .keyBy(e -> keyMode.keyOf(e.id()), Types.STRING)
                .process(new LearnFunction(s.params(), s.snapshotIntervalDays()), Types.POJO(ForecastRecord.class))
                .name("learn").uid("learn");

        DataStream<DailyMetrics> metrics = forecasts
                .filter(r -> !r.isRequest()).name("observations").uid("observations")
                .keyBy(ForecastRecord::day, Types.INT)
                .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                .aggregate(new DailyMetricsAggregate(), Types.POJO(DailyMetricsAggregate.Accumulator.class),
                        Types.POJO(DailyMetrics.class))
                .name("daily metrics").uid("daily-metrics");

        return new Outputs(forecasts, metrics, forecasts.getSideOutput(LearnFunction.SNAPSHOTS),
                events.getSideOutput(ParseFunction.DEAD_LETTERS), forecasts.getSideOutput(LearnFunction.LATE));
    }
}
