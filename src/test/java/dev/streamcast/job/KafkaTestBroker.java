package dev.streamcast.job;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real KRaft broker for the tests, with the few client helpers they need: inside the test JVM (Kafka's own test
 * kit, {@link #start}), or a {@link KafkaBrokerProcess} that a test can kill ({@link #of}).
 */
public final class KafkaTestBroker implements AutoCloseable {
    private final String bootstrapServers;
    private final AutoCloseable server;

    private KafkaTestBroker(String bootstrapServers, AutoCloseable server) {
        this.bootstrapServers = bootstrapServers;
        this.server = server;
    }

    /** The client helpers for a broker process; {@link #close} kills it if it still runs. */
    static KafkaTestBroker of(KafkaBrokerProcess process) {
        return new KafkaTestBroker(process.bootstrapServers(), process);
    }

    public static KafkaTestBroker start() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "2")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "2")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return new KafkaTestBroker(kafka.bootstrapServers(), kafka);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers());
        p.setProperty("acks", "all");
        p.setProperty("linger.ms", "5");
        p.setProperty("key.serializer", ByteArraySerializer.class.getName());
        p.setProperty("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Writes values (key null) as they are. */
    public void send(String topic, List<byte[]> values) {
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            for (byte[] v : values) {
                p.send(new ProducerRecord<>(topic, null, v));
            }
            p.flush();
        }
    }

    /** Every committed record of {@code topic} (read_committed, from the beginning to the end), as key → value text. */
    public List<Map.Entry<String, String>> readCommitted(String topic) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers());
        p.setProperty("isolation.level", "read_committed");
        p.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        p.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        List<Map.Entry<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions); // the last stable offsets
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    records.add(Map.entry(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8),
                            new String(r.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return records;
    }

    /**
     * Per partition: the last stable offset (what {@code read_committed} reads up to) and the log end offset; they
     * differ while a transaction is open.
     */
    public String ends(String topic) {
        StringBuilder b = new StringBuilder(topic).append(':');
        for (String isolation : List.of("read_committed", "read_uncommitted")) {
            Properties p = new Properties();
            p.setProperty("bootstrap.servers", bootstrapServers());
            p.setProperty("isolation.level", isolation);
            p.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
            p.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
                b.append(' ').append(isolation).append(' ').append(c.endOffsets(partitions));
            }
        }
        return b.toString();
    }

    /** The values of {@link #readCommitted}. */
    public List<String> committedValues(String topic) {
        return readCommitted(topic).stream().map(Map.Entry::getValue).toList();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
