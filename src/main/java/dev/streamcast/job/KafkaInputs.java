package dev.streamcast.job;

import dev.streamcast.io.RawLineDeserializer;
import dev.streamcast.io.Validation;
import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.source.hybrid.HybridSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The job's Kafka input: a {@code KafkaSource} of {@link RawLine}s (one per record, parsed with {@code validation},
 * never failing, see {@link RawLineDeserializer}), alone or after the files in a {@code HybridSource} (backfill, then
 * live).
 */
public final class KafkaInputs {
    /** The consumers' isolation level unless the job file sets another: never read aborted transactions. */
    public static final String DEFAULT_ISOLATION_LEVEL = "read_committed";

    private KafkaInputs() {
    }

    /** The {@code KafkaSource} of a job file's {@code source.kafka}. */
    public static KafkaSource<RawLine> source(KafkaSourceConfig k, Validation validation) {
        Properties properties = new Properties();
        properties.setProperty("isolation.level", DEFAULT_ISOLATION_LEVEL);
        properties.putAll(k.properties());
        KafkaSourceBuilder<RawLine> b = KafkaSource.<RawLine>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setTopics(k.topics())
                .setGroupId(k.groupId())
                .setStartingOffsets(offsets(k.startingOffsets()))
                .setDeserializer(new RawLineDeserializer(Inputs.MAX_LINE_BYTES, validation))
                .setProperties(properties);
        if (k.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    static OffsetsInitializer offsets(StartingOffsets s) {
        return switch (s) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    /** The records of the topics, with per-partition watermarks from {@code watermarks}. */
    public static DataStream<RawLine> lines(StreamExecutionEnvironment env, KafkaSourceConfig k, Validation validation,
                                            WatermarkStrategy<RawLine> watermarks) {
        return env.fromSource(source(k, validation), watermarks, "kafka: " + String.join(",", k.topics())).uid("source");
    }

    /**
     * The lines of the files at {@code files} (read once: the backfill), then the records of the topics (live),
     * as one source, at parallelism 1 (the learners still run at the job's parallelism). Flink's
     * {@code HybridSource} switches all its readers at once, but records of different reader subtasks race each
     * other downstream: with several readers, a series' first live events (from the reader of its partition)
     * could reach its learner before the last of its history (still in flight from the reader of its file),
     * which would then be late. One reader sends every series' history before its live events, in one ordered
     * channel per learner.
     */
    public static DataStream<RawLine> backfillThenLive(StreamExecutionEnvironment env, Path files,
                                                       KafkaSourceConfig k, Validation validation,
                                                       WatermarkStrategy<RawLine> watermarks) {
        FileSource<RawLine> backfill = Inputs.fileSource(files, null);
        HybridSource<RawLine> hybrid = HybridSource.builder(backfill).addSource(source(k, validation)).build();
        return env.fromSource(hybrid, watermarks, "files: " + files.getFileName() + ", then kafka: "
                + String.join(",", k.topics()), TypeInformation.of(RawLine.class)).uid("source").setParallelism(1);
    }
}
