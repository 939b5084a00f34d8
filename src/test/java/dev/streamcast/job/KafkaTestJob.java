package dev.streamcast.job;

import dev.streamcast.functions.LearnFunction;
import dev.streamcast.io.Validation;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The job of the Kafka failure tests, from its parts: JSON events from a topic, a tap (failure injection, a probe),
 * the forecast pipeline, and its five streams to the topics {@code NAME-forecasts}, ... exactly once.
 */
public final class KafkaTestJob {
    public static final List<String> STREAMS = List.of("forecasts", "metrics", "series", "dead-letters", "late");

    private KafkaTestJob() {
    }

    /**
     * Adds the job to {@code env} and creates its output topics: reads {@code input} from the earliest offsets
     * (to the offsets that are the latest at start if {@code bounded}) in the consumer group {@code group-NAME},
     * writes in transactions {@code tx-NAME-...}.
     */
    public static void build(StreamExecutionEnvironment env, KafkaTestBroker broker, String input, String name,
                      boolean bounded, MapFunction<RawLine, RawLine> tap) throws Exception {
        build(env, broker, input, name, bounded, tap, false);
    }

    /** As above; {@code answers}: also the answers topic {@code NAME-answers} (at least once, at once). */
    public static void build(StreamExecutionEnvironment env, KafkaTestBroker broker, String input, String name,
                      boolean bounded, MapFunction<RawLine, RawLine> tap, boolean answers) throws Exception {
        KafkaSourceConfig in = new KafkaSourceConfig(broker.bootstrapServers(), List.of(input), "group-" + name,
                StartingOffsets.EARLIEST, bounded, Map.of());
        DataStream<RawLine> lines = KafkaInputs.lines(env, in, Validation.LENIENT,
                        ForecastPipeline.sourceWatermarks(Duration.ZERO))
                .map(tap).returns(TypeInformation.of(RawLine.class)).name("tap").uid("tap");
        ForecastPipeline.Outputs outputs = ForecastPipeline.build(lines, new ForecastPipeline.Settings(
                null, LearnerParams.seed(), KeyMode.SERIES, Duration.ZERO,
                ForecastPipeline.EventTime.FROM_SOURCE, LearnFunction.Options.of(28)));
        KafkaOutputs.attach(outputs, new KafkaOutputConfig(broker.bootstrapServers(),
                new KafkaOutputConfig.Topics(name + "-forecasts", name + "-metrics", name + "-series",
                        name + "-dead-letters", name + "-late", answers ? name + "-answers" : KafkaOutputConfig.NONE),
                KafkaDelivery.EXACTLY_ONCE, "tx-" + name, Duration.ofMinutes(1), Map.of()));
        for (String stream : STREAMS) {
            broker.createTopic(name + "-" + stream, 2);
        }
        if (answers) {
            broker.createTopic(name + "-answers", 2);
        }
    }
}
