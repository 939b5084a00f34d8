package dev.streamcast.job;

/** Where a Kafka source starts reading a partition it has no checkpointed position for ({@code source.kafka.startingOffsets}). */
public enum StartingOffsets {
    /** The oldest record still in the topic. */
    EARLIEST,
    /** Only records written after the job started. */
    LATEST,
    /** The consumer group's committed offsets, else the oldest record. */
    COMMITTED
}
