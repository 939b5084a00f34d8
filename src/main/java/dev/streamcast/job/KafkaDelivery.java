package dev.streamcast.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The delivery guarantee of the Kafka outputs ({@code output.kafka.deliveryGuarantee}). */
public enum KafkaDelivery {
    /**
     * Records are written in Kafka transactions committed on checkpoints: a {@code read_committed} consumer
     * sees every record once, also across failures (and only after the checkpoint that covers it).
     */
    @JsonProperty("exactly-once") EXACTLY_ONCE,
    /** Records are flushed on checkpoints; after a failure some may be written again. */
    @JsonProperty("at-least-once") AT_LEAST_ONCE
}
