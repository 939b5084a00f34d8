package dev.streamcast.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How Flink runs the job ({@code runtime:} in a job file). Plain values; the job builder translates them into
 * Flink configuration keys.
 *
 * @param parallelism            default operator parallelism, 1..1024 ({@code runtime.parallelism}; default 2)
 * @param stateBackend           keyed-state backend ({@code runtime.stateBackend}; default rocksdb)
 * @param incrementalCheckpoints incremental checkpoints where the backend supports them
 *                               ({@code runtime.incrementalCheckpoints}; default true)
 * @param checkpointInterval     checkpoint period; {@link Duration#ZERO} means checkpointing is off
 *                               ({@code runtime.checkpointInterval}; default 10s; {@code 0} or {@code off} in
 *                               the job file)
 * @param checkpointDir          checkpoint storage: a path or a URI such as {@code file:///tmp/cp}
 *                               ({@code runtime.checkpointDir}; default {@code out/checkpoints})
 * @param restartAttempts        fixed-delay restarts after a failure; 0 fails the job at once
 *                               ({@code runtime.restartAttempts}; default 3)
 * @param restartDelay           delay before each restart ({@code runtime.restartDelay}; default 2s)
 * @param webUi                  local runs serve Flink's web UI on localhost:8081 ({@code runtime.webUi}; default
 *                               true)
 * @param flink                  further Flink configuration, passed through as is ({@code runtime.flink}),
 *                               sorted by key; keys that the fields above set are refused
 * @param modelCache             with RocksDB, models kept deserialised per subtask and written back on eviction
 *                               and before each checkpoint instead of on every event ({@code runtime.modelCache};
 *                               default 50000; 0 = write every event; unused with hashmap)
 * @param stateTtl               drop a series' state this long (processing time) after its last update; null: never
 *                               ({@code runtime.stateTtl}; default off)
 */
public record RuntimeConfig(
        int parallelism,
        StateBackend stateBackend,
        boolean incrementalCheckpoints,
        Duration checkpointInterval,
        String checkpointDir,
        int restartAttempts,
        Duration restartDelay,
        boolean webUi,
        Map<String, String> flink,
        int modelCache,
        Duration stateTtl) {

    public static final int DEFAULT_PARALLELISM = 2;
    public static final int MAX_PARALLELISM = 1024;
    public static final StateBackend DEFAULT_STATE_BACKEND = StateBackend.ROCKSDB;
    public static final boolean DEFAULT_INCREMENTAL_CHECKPOINTS = true;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    /** Flink's shortest checkpoint interval. */
    public static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(10);
    public static final String DEFAULT_CHECKPOINT_DIR = "out/checkpoints";
    public static final int DEFAULT_RESTART_ATTEMPTS = 3;
    public static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(2);
    public static final boolean DEFAULT_WEB_UI = true;
    public static final int DEFAULT_MODEL_CACHE = 50_000;

    /**
     * Flink keys that {@code runtime.flink} may not set, each with the {@code runtime} key that sets it
     * (including the deprecated names Flink 2 still reads).
     */
    public static final Map<String, String> RESERVED_FLINK_KEYS = reserved();

    private static final Pattern URI_WITH_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    /** Validates; every failure is a {@link JobConfigException} naming the {@code runtime.*} key. */
    public RuntimeConfig {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new JobConfigException("runtime.parallelism", "runtime.parallelism must be in 1.." + MAX_PARALLELISM
                    + "; got " + parallelism);
        }
        if (stateBackend == null) {
            throw new JobConfigException("runtime.stateBackend", "runtime.stateBackend is required; one of "
                    + ConfigNames.allowed(StateBackend.class));
        }
        if (checkpointInterval == null || checkpointInterval.isNegative()
                || (!checkpointInterval.isZero() && checkpointInterval.compareTo(MIN_CHECKPOINT_INTERVAL) < 0)) {
            throw new JobConfigException("runtime.checkpointInterval", "runtime.checkpointInterval must be at least "
                    + Durations.format(MIN_CHECKPOINT_INTERVAL) + ", or 0 or off to disable checkpointing; got "
                    + (checkpointInterval == null ? "nothing" : Durations.format(checkpointInterval)));
        }
        if (modelCache < 0) {
            throw new JobConfigException("runtime.modelCache", "runtime.modelCache must be 0 or more; got " + modelCache);
        }
        if (stateTtl != null && (stateTtl.isZero() || stateTtl.isNegative())) {
            throw new JobConfigException("runtime.stateTtl", "runtime.stateTtl must be a positive duration or off");
        }
        if (checkpointDir == null || checkpointDir.isBlank()) {
            throw new JobConfigException("runtime.checkpointDir", "runtime.checkpointDir must not be empty");
        }
        if (restartAttempts < 0) {
            throw new JobConfigException("runtime.restartAttempts", "runtime.restartAttempts must be 0 or more; got "
                    + restartAttempts);
        }
        if (restartDelay == null || restartDelay.isNegative()) {
            throw new JobConfigException("runtime.restartDelay",
                    "runtime.restartDelay must be a duration of 0 or more");
        }
        if (flink == null) {
            throw new JobConfigException("runtime.flink", "runtime.flink must be a section of Flink keys (or {})");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : flink.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank()) {
                throw new JobConfigException("runtime.flink", "runtime.flink has an empty key");
            }
            String field = "runtime.flink." + key;
            String owner = RESERVED_FLINK_KEYS.get(key);
            if (owner != null) {
                throw new JobConfigException(field, field + " is set by " + owner + "; use that key instead");
            }
            if (e.getValue() == null) {
                throw new JobConfigException(field, field + " has no value; give a value or remove the key");
            }
            copy.put(key, e.getValue());
        }
        flink = Collections.unmodifiableMap(copy);
    }

    private static Map<String, String> reserved() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("parallelism.default", "runtime.parallelism");
        m.put("state.backend.type", "runtime.stateBackend");
        m.put("state.backend", "runtime.stateBackend");
        m.put("execution.checkpointing.incremental", "runtime.incrementalCheckpoints");
        m.put("state.backend.incremental", "runtime.incrementalCheckpoints");
        m.put("execution.checkpointing.interval", "runtime.checkpointInterval");
        m.put("execution.checkpointing.dir", "runtime.checkpointDir");
        m.put("state.checkpoints.dir", "runtime.checkpointDir");
        m.put("restart-strategy.type", "runtime.restartAttempts");
        m.put("restart-strategy", "runtime.restartAttempts");
        m.put("restart-strategy.fixed-delay.attempts", "runtime.restartAttempts");
        m.put("restart-strategy.fixed-delay.delay", "runtime.restartDelay");
        return Collections.unmodifiableMap(m);
    }

    /** The defaults of every {@code runtime} key. */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(DEFAULT_PARALLELISM, DEFAULT_STATE_BACKEND, DEFAULT_INCREMENTAL_CHECKPOINTS,
                DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_CHECKPOINT_DIR, DEFAULT_RESTART_ATTEMPTS, DEFAULT_RESTART_DELAY,
                DEFAULT_WEB_UI, Map.of(), DEFAULT_MODEL_CACHE, null);
    }

    /** The model cache the learn function gets: {@link #modelCache} with RocksDB, none with heap state. */
    public int effectiveModelCache() {
        return stateBackend == StateBackend.ROCKSDB ? modelCache : 0;
    }

    /** False if the job file switched checkpointing off ({@code checkpointInterval: 0} or {@code off}). */
    public boolean checkpointingEnabled() {
        return !checkpointInterval.isZero();
    }

    /**
     * {@link #checkpointDir} as an absolute URI, as Flink wants it: a value with a scheme
     * ({@code file:///x}, {@code s3://b/x}) unchanged, a path made absolute against the working directory
     * ({@code out/checkpoints} becomes {@code file:///<cwd>/out/checkpoints}).
     */
    public String checkpointDirUri() {
        if (URI_WITH_SCHEME.matcher(checkpointDir).matches()) {
            return checkpointDir;
        }
        String uri = Path.of(checkpointDir).toAbsolutePath().normalize().toUri().toString();
        // Path.toUri adds a '/' when the directory exists; keep the result independent of that
        return uri.endsWith("/") && !uri.equals("file:///") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** Like the record's, with secret values of {@link #flink} masked. */
    @Override
    public String toString() {
        return "RuntimeConfig[parallelism=" + parallelism + ", stateBackend=" + stateBackend.configName()
                + ", incrementalCheckpoints=" + incrementalCheckpoints + ", checkpointInterval="
                + Durations.format(checkpointInterval) + ", checkpointDir=" + checkpointDir + ", restartAttempts="
                + restartAttempts + ", restartDelay=" + Durations.format(restartDelay) + ", webUi=" + webUi
                + ", flink=" + Secrets.masked(flink) + ", modelCache=" + modelCache + ", stateTtl="
                + (stateTtl == null ? "off" : Durations.format(stateTtl)) + "]";
    }
}
