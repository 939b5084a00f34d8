package dev.streamcast.job;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.RecordEncoder;
import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.LateEvent;
import dev.streamcast.records.SeriesSnapshot;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;

/**
 * Writes the job's outputs to Kafka topics ({@code output.kafka}): one {@code KafkaSink} per stream, JSON values
 * ({@link RecordEncoder}, the same objects as the {@code jsonl} files), keys that keep a series in one partition.
 * Exactly-once sinks write in transactions that commit when a checkpoint completes; a {@code read_committed}
 * consumer sees each record once. Record timestamps are left to Kafka (the write time): the events' own dates may
 * be years old and would make the topic's retention delete the records at once.
 *
 * <p>The answers topic ({@code topics.answers}) gets the forecasts of requests once more, at least once: written at
 * once (no transaction, {@code linger.ms=0}), so an answer is visible milliseconds after the job makes it, not at
 * the next checkpoint. A request changes no model, so nothing is lost by reading it early: after a failure the job
 * replays the requests since its last checkpoint and writes their answers again (an answer twice, with the same
 * request id), while the events learned, and every other topic, stay exactly once. With an answers topic the job's
 * network buffers are sent after {@link #ANSWERS_BUFFER_TIMEOUT} at the latest (Flink's default is 100 ms), so a
 * request does not wait for a buffer to fill on its way to its model.
 */
public final class KafkaOutputs {
    private KafkaOutputs() {
    }

    /** How long a network buffer waits to fill when the job writes an answers topic. */
    public static final Duration ANSWERS_BUFFER_TIMEOUT = Duration.ofMillis(5);

    public static void attach(ForecastPipeline.Outputs outputs, KafkaOutputConfig k) {
        KafkaOutputConfig.Topics t = k.topics();
        sink(outputs.forecasts(), k, t.forecasts(), FileOutputs.FORECASTS,
                RecordEncoder.forecasts(OutputFormat.JSONL), r -> r.id());
        sink(outputs.metrics(), k, t.metrics(), FileOutputs.METRICS,
                RecordEncoder.metrics(OutputFormat.JSONL), r -> LocalDate.ofEpochDay(r.day()).toString());
        sink(outputs.snapshots(), k, t.series(), FileOutputs.SERIES,
                RecordEncoder.series(OutputFormat.JSONL), SeriesSnapshot::key);
        sink(outputs.deadLetters(), k, t.deadLetters(), FileOutputs.DEAD_LETTERS,
                RecordEncoder.deadLetters(OutputFormat.JSONL), DeadLetter::source);
        sink(outputs.late(), k, t.late(), FileOutputs.LATE, RecordEncoder.late(OutputFormat.JSONL), LateEvent::id);
        KafkaOutputConfig.Topics.of(t.answers()).ifPresent(topic -> {
            outputs.forecasts().getExecutionEnvironment().setBufferTimeout(ANSWERS_BUFFER_TIMEOUT.toMillis());
            outputs.forecasts().filter(ForecastRecord::isRequest).name("requests").uid("requests")
                    .sinkTo(kafkaSink(k, DeliveryGuarantee.AT_LEAST_ONCE, Map.of("linger.ms", "0"), topic, ANSWERS,
                            RecordEncoder.forecasts(OutputFormat.JSONL), ForecastRecord::id))
                    .name(ANSWERS + " → kafka " + topic).uid(ANSWERS + "-kafka");
        });
    }

    /** The name of the answers stream. */
    static final String ANSWERS = "answers";

    /**
     * Sinks the stream to its topic with the job file's delivery guarantee, unless it is null (no such stream: input
     * that needs no parsing) or none.
     */
    static <T> void sink(DataStream<T> stream, KafkaOutputConfig k, String topic, String name,
                         RecordEncoder<T> encoder, SerializableFunction<T, String> key) {
        if (stream == null || KafkaOutputConfig.Topics.of(topic).isEmpty()) {
            return;
        }
        DeliveryGuarantee guarantee = k.deliveryGuarantee() == KafkaDelivery.EXACTLY_ONCE
                ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
        stream.sinkTo(kafkaSink(k, guarantee, Map.of(), topic, name, encoder, key)).name(name + " → kafka " + topic)
                .uid(name + "-kafka");
    }

    /**
     * The sink of one stream; its transactional ids are {@code <prefix>-<name>-...}; {@code defaults}: producer
     * properties that the job file's may override.
     */
    static <T> KafkaSink<T> kafkaSink(KafkaOutputConfig k, DeliveryGuarantee guarantee, Map<String, String> defaults,
                                      String topic, String name, RecordEncoder<T> encoder, SerializableFunction<T, String> key) {
        Properties properties = new Properties();
        properties.putAll(defaults);
        properties.putAll(k.properties());
        properties.setProperty("transaction.timeout.ms", String.valueOf(k.transactionTimeout().toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setKafkaProducerConfig(properties)
                .setRecordSerializer(recordSerializer(topic, encoder, key))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(k.transactionalIdPrefix() + "-" + name)
                .build();
    }

    /**
     * One record as a Kafka record: key and JSON value as UTF-8, no timestamp (Flink's builder of record serializers
     * would set the event time).
     */
    static <T> KafkaRecordSerializationSchema<T> recordSerializer(String topic, RecordEncoder<T> encoder,
                                                                  SerializableFunction<T, String> key) {
        return (record, context, timestamp) -> {
            String k = key.apply(record);
            return new ProducerRecord<>(topic, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                    encoder.encode(record).getBytes(StandardCharsets.UTF_8));
        };
    }
}
