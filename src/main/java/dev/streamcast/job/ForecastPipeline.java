package dev.streamcast.job;

import dev.streamcast.functions.DailyMetricsAggregate;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.LearnOperator;
import dev.streamcast.functions.ParseFunction;
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

/**
 * The job's dataflow, independent of where lines come from and where results go (so tests inject both):
 * <pre>
 *   lines → parse (dead letters aside) → event time → keyBy(model key) → learn (late events, snapshots aside)
 *         → forecasts → keyBy(day) → 1-day event-time windows → daily metrics
 * </pre>
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

    /** How events are parsed, keyed, timed and learned. */
    public record Settings(LineParser parser, LearnerParams params, KeyMode keyMode, Duration maxOutOfOrderness,
                           boolean watermarks, LearnFunction.Options learn) {
    }

    /** The whole dataflow from raw input lines. */
    public static Outputs build(DataStream<RawLine> lines, Settings s) {
        SingleOutputStreamOperator<SalesEvent> events = lines
                .process(new ParseFunction(s.parser()), Types.POJO(SalesEvent.class))
                .name("parse").uid("parse");
        Outputs o = fromEvents(events, s);
        return new Outputs(o.forecasts(), o.metrics(), o.snapshots(), events.getSideOutput(ParseFunction.DEAD_LETTERS),
                o.late());
    }

    /** The dataflow from already valid events (e.g. a generator); {@code Settings.parser} is not used. */
    public static Outputs fromEvents(DataStream<SalesEvent> events, Settings s) {
        WatermarkStrategy<SalesEvent> strategy = s.watermarks()
                ? WatermarkStrategy.<SalesEvent>forBoundedOutOfOrderness(s.maxOutOfOrderness())
                        .withIdleness(SOURCE_IDLENESS)
                : WatermarkStrategy.noWatermarks();
        DataStream<SalesEvent> timed = events
                .assignTimestampsAndWatermarks(strategy.withTimestampAssigner(
                        (e, previous) -> e.day() * LearnFunction.DAY_MS))
                .name("event time").uid("event-time");

        KeyMode keyMode = s.keyMode();
        SingleOutputStreamOperator<ForecastRecord> forecasts = timed
                .keyBy(e -> keyMode.keyOf(e.id()), Types.STRING)
                .transform("learn", Types.POJO(ForecastRecord.class),
                        new LearnOperator(new LearnFunction(s.params(), s.learn())))
                .uid("learn");

        DataStream<DailyMetrics> metrics = forecasts
                .filter(r -> !r.isRequest()).name("observations").uid("observations")
                .keyBy(ForecastRecord::day, Types.INT)
                .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                .aggregate(new DailyMetricsAggregate(), Types.POJO(DailyMetricsAggregate.Accumulator.class),
                        Types.POJO(DailyMetrics.class))
                .name("daily metrics").uid("daily-metrics");

        return new Outputs(forecasts, metrics, forecasts.getSideOutput(LearnFunction.SNAPSHOTS), null,
                forecasts.getSideOutput(LearnFunction.LATE));
    }
}
