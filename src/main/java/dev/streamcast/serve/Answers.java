package dev.streamcast.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job's answers: one thread reads the forecasts topic from its end at start (every partition, no consumer
 * group) and completes the waiting request whose request id a forecast record carries. It reads uncommitted
 * records ({@code read_uncommitted}): with exactly-once sinks an answer is committed only at the next checkpoint,
 * seconds later, while a request changes no model, so its answer may be used at once. An answer of an aborted
 * transaction is written again after the job's recovery with the same id; the second copy finds nobody waiting and
 * is dropped, as is any record without a request id or of another gateway.
 */
final class Answers implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper json;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    Answers(String bootstrapServers, String topic, ObjectMapper json) {
        this.json = json;
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("isolation.level", "read_uncommitted");
        p.setProperty("enable.auto.commit", "false");
        p.setProperty("fetch.max.wait.ms", "10"); // answers as soon as they are written, not in batches
        p.setProperty("key.deserializer", StringDeserializer.class.getName());
        p.setProperty("value.deserializer", StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalArgumentException("the forecasts topic '" + topic + "' does not exist at "
                    + bootstrapServers);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // the end as of now: no answer written after start is missed
        thread = new Thread(this::run, "serve-answers");
        thread.setDaemon(true);
        thread.start();
    }

    /** The answer to the request {@code rid}, once it comes; register before sending the request. */
    CompletableFuture<JsonNode> expect(String rid) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiting.put(rid, f);
        f.whenComplete((r, e) -> waiting.remove(rid, f)); // also on a timeout: nothing is kept
        return f;
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    answer(r.value());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void answer(String value) {
        if (value == null || !value.contains("\"rid\"")) {
            return; // forecasts of observations and requests without id: the bulk, not parsed
        }
        try {
            JsonNode record = json.readTree(value);
            JsonNode rid = record.get("rid");
            CompletableFuture<JsonNode> f = rid == null ? null : waiting.remove(rid.asText());
            if (f != null) {
                f.complete(record);
            }
        } catch (IOException e) {
            // not a forecast record of the job: nobody waits for it
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
