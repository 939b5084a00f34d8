package dev.streamcast.job;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static dev.streamcast.job.JobConfig.passThrough;
import static dev.streamcast.job.JobConfig.require;

/**
 * A Kafka topic as input ({@code source.kafka:} in a job file): one JSON event per record value, in the format of
 * the {@code jsonl} files ({@code {"id": "...", "date": "YYYY-MM-DD", "y": 3}}; no {@code y} is a forecast
 * request). Alone it is the job's input; together with {@code source.path} the files are read first (the
 * backfill) and then the topic (live).
 *
 * @param bootstrapServers the brokers, {@code host:port[,host:port...]} (required)
 * @param topics           the topics read (required: one or more)
 * @param groupId          the consumer group, under which offsets are committed on checkpoints for monitoring
 *                         (default {@code streamcast-<name>})
 * @param startingOffsets  where partitions without a checkpointed position start (default earliest)
 * @param bounded          true: read up to the offsets that are the latest when the job starts, then finish (a
 *                         bounded run); false: keep reading (default false)
 * @param properties       Kafka consumer properties passed through as they are (security.protocol, sasl.*,
 *                         ssl.*, ...), sorted by key; secret values are never logged
 */
public record KafkaSourceConfig(
        String bootstrapServers,
        List<String> topics,
        String groupId,
        StartingOffsets startingOffsets,
        boolean bounded,
        Map<String, String> properties) {

    /** Consumer properties that streamcast sets, each with the key that sets it. */
    public static final Map<String, String> RESERVED_PROPERTIES = Map.of("bootstrap.servers", "bootstrapServers",
            "group.id", "groupId", "auto.offset.reset", "startingOffsets",
            "key.deserializer", "streamcast (records are read as bytes)",
            "value.deserializer", "streamcast (records are read as bytes)");

    private static final String TOPIC = "[A-Za-z0-9._-]{1,249}";

    /** Applies the defaults and validates. */
    public KafkaSourceConfig {
        bootstrapServers = checkBootstrap(bootstrapServers);
        require(topics != null && !topics.isEmpty(), "topics is required: one or more topics, e.g. [sales]");
        for (int i = 0; i < topics.size(); i++) {
            checkTopic("topics[" + i + "]", topics.get(i));
        }
        require(new HashSet<>(topics).size() == topics.size(), "topics lists a topic twice: " + topics);
        topics = List.copyOf(topics);
        require(groupId != null && !groupId.isBlank(), "groupId must not be empty");
        startingOffsets = startingOffsets == null ? StartingOffsets.EARLIEST : startingOffsets;
        properties = passThrough("properties", properties, RESERVED_PROPERTIES);
    }

    static String checkBootstrap(String servers) {
        require(servers != null && !servers.isBlank(), "bootstrapServers is required: the brokers as "
                + "host:port[,host:port...], e.g. localhost:9092");
        String s = servers.strip().replace(" ", "");
        require(s.matches("[^\\s,:]+:[0-9]{1,5}(,[^\\s,:]+:[0-9]{1,5})*"), "bootstrapServers must be "
                + "host:port[,host:port...], e.g. localhost:9092; got '" + servers + "'");
        return s;
    }

    static void checkTopic(String key, String topic) {
        require(topic != null && topic.matches(TOPIC) && !topic.equals(".") && !topic.equals(".."), key
                + " must be a Kafka topic name (1 to 249 letters, digits, '.', '_' or '-'); got '" + topic + "'");
    }

    @Override
    public String toString() {
        return Secrets.toString(this);
    }
}
