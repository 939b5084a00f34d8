package dev.streamcast.job;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka topics as outputs ({@code output.kafka:} in a job file): the same records as the output files, one JSON
 * object per record value, keyed by series id (forecasts, snapshots, late events), day (metrics) or source
 * (dead letters), so one series stays in one partition and in order.
 *
 * @param bootstrapServers      the brokers ({@code output.kafka.bootstrapServers}, required)
 * @param topics                the topic of each output stream ({@code output.kafka.topics.*})
 * @param deliveryGuarantee     {@code exactly-once} (transactions committed on checkpoints; needs checkpointing)
 *                              or {@code at-least-once} ({@code output.kafka.deliveryGuarantee}; default
 *                              exactly-once)
 * @param transactionalIdPrefix the prefix of the producers' transactional ids, unique per job on a cluster
 *                              ({@code output.kafka.transactionalIdPrefix}; default {@code streamcast-<name>});
 *                              each stream adds its own suffix
 * @param transactionTimeout    Kafka's {@code transaction.timeout.ms}: longer than a checkpoint interval, at most
 *                              the brokers' {@code transaction.max.timeout.ms} (15min by default)
 *                              ({@code output.kafka.transactionTimeout}; default 10min)
 * @param properties            Kafka producer properties passed through (security.protocol, sasl.*, ssl.*,
 *                              compression.type, ...) ({@code output.kafka.properties}); secrets never logged
 */
public record KafkaOutputConfig(
        String bootstrapServers,
        Topics topics,
        KafkaDelivery deliveryGuarantee,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        Map<String, String> properties) {

    public static final KafkaDelivery DEFAULT_DELIVERY = KafkaDelivery.EXACTLY_ONCE;
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);
    /** Kafka brokers' default {@code transaction.max.timeout.ms}. */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);
    /** The topic value that leaves a stream out of Kafka. */
    public static final String NONE = "none";

    /** Producer properties that streamcast sets, each with the key that sets it. */
    public static final Map<String, String> RESERVED_PROPERTIES = reserved();

    /**
     * The topic of each output stream ({@code output.kafka.topics:}); {@value #NONE} leaves a stream out.
     *
     * @param forecasts   default {@code forecasts}
     * @param metrics     default {@code metrics}
     * @param series      per-series snapshots; default {@code series}
     * @param deadLetters default {@code dead-letters}
     * @param late        default {@code late}
     */
    public record Topics(String forecasts, String metrics, String series, String deadLetters, String late) {
        public static final Topics DEFAULTS = new Topics("forecasts", "metrics", "series", "dead-letters", "late");

        public Topics {
            check("forecasts", forecasts);
            check("metrics", metrics);
            check("series", series);
            check("deadLetters", deadLetters);
            check("late", late);
        }

        private static void check(String name, String topic) {
            if (!NONE.equals(topic)) {
                KafkaSourceConfig.checkTopic("output.kafka.topics." + name, topic);
            }
        }

        /** The topic of a stream, or empty if it is {@value #NONE}. */
        public static Optional<String> of(String topic) {
            return NONE.equals(topic) ? Optional.empty() : Optional.of(topic);
        }
    }

    public KafkaOutputConfig {
        bootstrapServers = KafkaSourceConfig.checkBootstrap("output.kafka.bootstrapServers", bootstrapServers);
        if (topics == null) {
            throw new JobConfigException("output.kafka.topics", "output.kafka.topics is required");
        }
        if (deliveryGuarantee == null) {
            throw new JobConfigException("output.kafka.deliveryGuarantee", "output.kafka.deliveryGuarantee is "
                    + "required; one of " + ConfigNames.allowed(KafkaDelivery.class));
        }
        if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
            throw new JobConfigException("output.kafka.transactionalIdPrefix",
                    "output.kafka.transactionalIdPrefix must not be empty");
        }
        if (transactionTimeout == null || transactionTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || transactionTimeout.compareTo(MAX_TRANSACTION_TIMEOUT) > 0) {
            throw new JobConfigException("output.kafka.transactionTimeout", "output.kafka.transactionTimeout must "
                    + "be between 1s and " + Durations.format(MAX_TRANSACTION_TIMEOUT) + " (the brokers' default "
                    + "transaction.max.timeout.ms); got "
                    + (transactionTimeout == null ? "nothing" : Durations.format(transactionTimeout)));
        }
        properties = KafkaSourceConfig.checkProperties("output.kafka.properties", properties, RESERVED_PROPERTIES);
    }

    private static Map<String, String> reserved() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrap.servers", "output.kafka.bootstrapServers");
        m.put("transactional.id", "output.kafka.transactionalIdPrefix");
        m.put("transaction.timeout.ms", "output.kafka.transactionTimeout");
        m.put("key.serializer", "streamcast (records are written as bytes)");
        m.put("value.serializer", "streamcast (records are written as bytes)");
        return Collections.unmodifiableMap(m);
    }

    /** The default {@code transactionalIdPrefix} (and {@code source.kafka.groupId}) of a job. */
    public static String defaultPrefix(String jobName) {
        return "streamcast-" + jobName;
    }

    /** Like the record's, with secret property values masked. */
    @Override
    public String toString() {
        return "KafkaOutputConfig[bootstrapServers=" + bootstrapServers + ", topics=" + topics
                + ", deliveryGuarantee=" + deliveryGuarantee.configName() + ", transactionalIdPrefix="
                + transactionalIdPrefix + ", transactionTimeout=" + Durations.format(transactionTimeout)
                + ", properties=" + Secrets.masked(properties) + "]";
    }
}
