package dev.streamcast.serve;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One thread reading every partition of a topic (no consumer group, nothing committed) and handing each record
 * value to a handler: either the records written from now on as soon as they are written ({@link Start#NEW},
 * {@code read_uncommitted}), or all committed ones from the beginning ({@link Start#ALL_COMMITTED}). Kafka's fetch
 * defaults serve both: a fetch returns as soon as one byte is there ({@code fetch.min.bytes=1}); waiting up to
 * {@code fetch.max.wait.ms} only when there is nothing to read, so an idle reader costs the broker little.
 */
final class TopicReader implements AutoCloseable {
    /** Where reading starts, and what is read. */
    enum Start {
        NEW, ALL_COMMITTED
    }

    private final KafkaConsumer<String, String> consumer;
    private final Consumer<String> handler;
    private final Thread thread;
    private volatile boolean closed;

    TopicReader(Gateway.Kafka kafka, String topic, Start start, Consumer<String> handler) {
        this.handler = handler;
        consumer = new KafkaConsumer<>(kafka.client(Map.of(
                "isolation.level", start == Start.NEW ? "read_uncommitted" : "read_committed",
                "enable.auto.commit", "false",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName())));
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalArgumentException("the topic '" + topic + "' does not exist at " + kafka);
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        if (start == Start.NEW) {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // the end as of now: nothing written after start is missed
        } else {
            consumer.seekToBeginning(partitions);
        }
        thread = new Thread(this::run, "serve-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.value() != null) {
                        accept(r.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** A record the handler cannot use is skipped; the reader goes on. */
    private void accept(String value) {
        try {
            handler.accept(value);
        } catch (RuntimeException e) {
            // not a record of the job's shape (a malformed date, ...): nobody can use it
        }
    }

    /** Stops the thread, waiting up to 10 s for it (an interrupt ends the wait and is kept). */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
