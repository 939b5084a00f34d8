package dev.streamcast.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a Kafka source starts reading a partition it has no checkpointed position for ({@code source.kafka.startingOffsets}). */
public enum StartingOffsets implements ConfigValue {
    /** The oldest record still in the topic. */
    @JsonProperty("earliest") EARLIEST("earliest"),
    /** Only records written after the job started. */
    @JsonProperty("latest") LATEST("latest"),
    /** The consumer group's committed offsets, else the oldest record. */
    @JsonProperty("committed") COMMITTED("committed");

    private final String configName;

    StartingOffsets(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
