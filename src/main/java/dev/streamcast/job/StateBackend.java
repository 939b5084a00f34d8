package dev.streamcast.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Flink's keyed-state backend ({@code runtime.stateBackend}). */
public enum StateBackend implements ConfigValue {
    /** Embedded RocksDB: state on local disk, incremental checkpoints (Flink's {@code rocksdb}). */
    @JsonProperty("rocksdb") ROCKSDB("rocksdb"),
    /** Objects on the JVM heap (Flink's {@code hashmap}). */
    @JsonProperty("hashmap") HASHMAP("hashmap");

    private final String configName;

    StateBackend(String configName) {
        this.configName = configName;
    }

    /** The name used in job files, which is also Flink's {@code state.backend.type} value. */
    @Override
    public String configName() {
        return configName;
    }
}
