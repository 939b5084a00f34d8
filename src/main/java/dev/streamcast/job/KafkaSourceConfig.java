package dev.streamcast.job;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Kafka topic as input ({@code source.kafka:} in a job file): one JSON event per record value, in the format of
 * the {@code jsonl} files ({@code {"id": "...", "date": "YYYY-MM-DD", "y": 3}}; no {@code y} is a forecast
 * request). Alone it is the job's input; together with {@code source.path} the files are read first (the
 * backfill) and then the topic (live).
 *
 * @param bootstrapServers the brokers, {@code host:port[,host:port...]} ({@code source.kafka.bootstrapServers},
 *                         required)
 * @param topics           the topics read ({@code source.kafka.topics}, required: one or more)
 * @param groupId          the consumer group, under which offsets are committed on checkpoints for monitoring
 *                         ({@code source.kafka.groupId}; default {@code streamcast-<name>})
 * @param startingOffsets  where partitions without a checkpointed position start
 *                         ({@code source.kafka.startingOffsets}; default earliest)
 * @param bounded          true: read up to the offsets that are the latest when the job starts, then finish (a
 *                         bounded run); false: keep reading ({@code source.kafka.bounded}; default false)
 * @param properties       Kafka consumer properties passed through as they are (security.protocol, sasl.*,
 *                         ssl.*, ...) ({@code source.kafka.properties}); secret values are never logged
 */
public record KafkaSourceConfig(
        String bootstrapServers,
        List<String> topics,
        String groupId,
        StartingOffsets startingOffsets,
        boolean bounded,
        Map<String, String> properties) {

    public static final StartingOffsets DEFAULT_STARTING_OFFSETS = StartingOffsets.EARLIEST;
    public static final boolean DEFAULT_BOUNDED = false;

    /** Consumer properties that streamcast sets, each with the key that sets it. */
    public static final Map<String, String> RESERVED_PROPERTIES = reserved();

    static final Pattern BOOTSTRAP = Pattern.compile("[^\\s,:]+:[0-9]{1,5}(,[^\\s,:]+:[0-9]{1,5})*");
    static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    /** Validates; every failure is a {@link JobConfigException} naming the {@code source.kafka.*} key. */
    public KafkaSourceConfig {
        bootstrapServers = checkBootstrap("source.kafka.bootstrapServers", bootstrapServers);
        if (topics == null || topics.isEmpty()) {
            throw new JobConfigException("source.kafka.topics", "source.kafka.topics is required: one or more "
                    + "topics, e.g. [sales]");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < topics.size(); i++) {
            String t = topics.get(i);
            checkTopic("source.kafka.topics[" + i + "]", t);
            if (!seen.add(t)) {
                throw new JobConfigException("source.kafka.topics", "source.kafka.topics lists '" + t + "' twice");
            }
        }
        topics = List.copyOf(topics);
        if (groupId == null || groupId.isBlank()) {
            throw new JobConfigException("source.kafka.groupId", "source.kafka.groupId must not be empty");
        }
        if (startingOffsets == null) {
            throw new JobConfigException("source.kafka.startingOffsets", "source.kafka.startingOffsets is required; "
                    + "one of " + ConfigNames.allowed(StartingOffsets.class));
        }
        properties = checkProperties("source.kafka.properties", properties, RESERVED_PROPERTIES);
    }

    private static Map<String, String> reserved() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrap.servers", "source.kafka.bootstrapServers");
        m.put("group.id", "source.kafka.groupId");
        m.put("auto.offset.reset", "source.kafka.startingOffsets");
        m.put("key.deserializer", "streamcast (records are read as bytes)");
        m.put("value.deserializer", "streamcast (records are read as bytes)");
        return Collections.unmodifiableMap(m);
    }

    static String checkBootstrap(String key, String servers) {
        if (servers == null || servers.isBlank()) {
            throw new JobConfigException(key, key + " is required: the brokers as host:port[,host:port...], "
                    + "e.g. localhost:9092");
        }
        String s = servers.strip().replace(" ", "");
        if (!BOOTSTRAP.matcher(s).matches()) {
            throw new JobConfigException(key, key + " must be host:port[,host:port...], e.g. localhost:9092; got '"
                    + servers + "'");
        }
        return s;
    }

    static void checkTopic(String key, String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new JobConfigException(key, key + " must be a Kafka topic name (1 to 249 letters, digits, '.', "
                    + "'_' or '-'); got " + (topic == null ? "nothing" : "'" + topic + "'"));
        }
    }

    static Map<String, String> checkProperties(String key, Map<String, String> properties,
                                               Map<String, String> reserved) {
        if (properties == null) {
            throw new JobConfigException(key, key + " must be a section of Kafka client properties (or {})");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isBlank()) {
                throw new JobConfigException(key, key + " has an empty key");
            }
            String field = key + "." + k;
            String owner = reserved.get(k);
            if (owner != null) {
                throw new JobConfigException(field, field + " is set by " + owner + "; use that instead");
            }
            if (e.getValue() == null) {
                throw new JobConfigException(field, field + " has no value; give a value or remove the key");
            }
            copy.put(k, e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Like the record's, with secret property values masked. */
    @Override
    public String toString() {
        return "KafkaSourceConfig[bootstrapServers=" + bootstrapServers + ", topics=" + topics + ", groupId=" + groupId
                + ", startingOffsets=" + startingOffsets.configName() + ", bounded=" + bounded + ", properties="
                + Secrets.masked(properties) + "]";
    }
}
