package dev.streamcast.job;

/** Flink's keyed-state backend ({@code runtime.stateBackend}). */
public enum StateBackend {
    /** Embedded RocksDB: state on local disk, incremental checkpoints (Flink's {@code rocksdb}). */
    ROCKSDB,
    /** Objects on the JVM heap (Flink's {@code hashmap}). */
    HASHMAP
}
