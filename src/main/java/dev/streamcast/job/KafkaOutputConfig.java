package dev.streamcast.job;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.streamcast.job.JobConfig.require;

/**
 * Kafka topics as outputs ({@code output.kafka:} in a job file): the same records as the output files, one JSON
 * object per record value, keyed by series id (forecasts, snapshots, late events), day (metrics) or source
 * (dead letters), so one series stays in one partition and in order.
 *
 * @param bootstrapServers      the brokers (required)
 * @param topics                the topic of each output stream
 * @param deliveryGuarantee     {@code exactly-once} (transactions committed on checkpoints; needs checkpointing)
 *                              or {@code at-least-once} (default exactly-once)
 * @param transactionalIdPrefix the prefix of the producers' transactional ids, unique per job on a cluster
 *                              (default {@code streamcast-<name>}); each stream adds its own suffix
 * @param transactionTimeout    Kafka's {@code transaction.timeout.ms}: longer than a checkpoint interval, at most
 *                              the brokers' {@code transaction.max.timeout.ms} (15min by default) (default 10min)
 * @param properties            Kafka producer properties passed through (security.protocol, sasl.*, ssl.*,
 *                              compression.type, ...), sorted by key; secrets never logged
 */
public record KafkaOutputConfig(
        String bootstrapServers,
        Topics topics,
        KafkaDelivery deliveryGuarantee,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        Map<String, String> properties) {

    /** Kafka brokers' default {@code transaction.max.timeout.ms}. */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);
    /** The topic value that leaves a stream out of Kafka. */
    public static final String NONE = "none";

    /** Producer properties that streamcast sets, each with the key that sets it. */
    public static final Map<String, String> RESERVED_PROPERTIES = Map.of("bootstrap.servers", "bootstrapServers",
            "transactional.id", "transactionalIdPrefix", "transaction.timeout.ms", "transactionTimeout",
            "key.serializer", "streamcast (records are written as bytes)",
            "value.serializer", "streamcast (records are written as bytes)");

    /**
     * The topic of each output stream ({@code output.kafka.topics:}); {@value #NONE} leaves a stream out.
     *
     * @param forecasts   default {@code forecasts}
     * @param metrics     default {@code metrics}
     * @param series      per-series snapshots; default {@code series}
     * @param deadLetters default {@code dead-letters}
     * @param late        default {@code late}
     * @param answers     the forecasts of requests once more, at least once and at once ({@link KafkaOutputs}):
     *                    what {@code streamcast serve} answers from; default {@value #NONE}
     */
    public record Topics(String forecasts, String metrics, String series, String deadLetters, String late,
                         String answers) {
        public static final Topics DEFAULTS = new Topics(null, null, null, null, null, null);

        /** Applies the defaults and validates. */
        public Topics {
            forecasts = check("forecasts", forecasts, "forecasts");
            metrics = check("metrics", metrics, "metrics");
            series = check("series", series, "series");
            deadLetters = check("deadLetters", deadLetters, "dead-letters");
            late = check("late", late, "late");
            answers = check("answers", answers, NONE);
        }

        private static String check(String key, String topic, String fallback) {
            String t = topic == null ? fallback : topic;
            if (!NONE.equals(t)) {
                KafkaSourceConfig.checkTopic(key, t);
            }
            return t;
        }

        /** The topic of a stream, or empty if it is {@value #NONE}. */
        public static Optional<String> of(String topic) {
            return NONE.equals(topic) ? Optional.empty() : Optional.of(topic);
        }
    }

    /** Applies the defaults and validates. */
    public KafkaOutputConfig {
        bootstrapServers = KafkaSourceConfig.checkBootstrap(bootstrapServers);
        topics = topics == null ? Topics.DEFAULTS : topics;
        deliveryGuarantee = deliveryGuarantee == null ? KafkaDelivery.EXACTLY_ONCE : deliveryGuarantee;
        require(transactionalIdPrefix != null && !transactionalIdPrefix.isBlank(),
                "transactionalIdPrefix must not be empty");
        transactionTimeout = transactionTimeout == null ? Duration.ofMinutes(10) : transactionTimeout;
        require(transactionTimeout.compareTo(Duration.ofSeconds(1)) >= 0
                && transactionTimeout.compareTo(MAX_TRANSACTION_TIMEOUT) <= 0, "transactionTimeout must be between "
                + "1s and 15min (the brokers' default transaction.max.timeout.ms); got "
                + Durations.format(transactionTimeout));
        properties = JobConfig.passThrough("properties", properties, RESERVED_PROPERTIES);
    }

    @Override
    public String toString() {
        return Secrets.toString(this);
    }
}
