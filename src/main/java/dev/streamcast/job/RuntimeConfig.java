package dev.streamcast.job;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static dev.streamcast.job.JobConfig.require;

/**
 * How Flink runs the job ({@code runtime:} in a job file), set on Flink's configuration by {@link #applyTo}.
 *
 * @param parallelism            default operator parallelism, 1..1024 (default 2)
 * @param stateBackend           keyed-state backend (default rocksdb)
 * @param incrementalCheckpoints incremental checkpoints where the backend supports them (default true)
 * @param checkpointInterval     checkpoint period; {@link Duration#ZERO} ({@code 0} or {@code off} in the job file)
 *                               means checkpointing is off (default 10s)
 * @param checkpointDir          checkpoint storage: a path or a URI such as {@code file:///tmp/cp} (default
 *                               {@code out/checkpoints})
 * @param restartAttempts        fixed-delay restarts after a failure; 0 fails the job at once (default 3)
 * @param restartDelay           delay before each restart (default 2s)
 * @param webUi                  local runs serve Flink's web UI on localhost:8081 (default true)
 * @param modelCache             with RocksDB, models kept deserialised per subtask and written back on eviction
 *                               and before each checkpoint instead of on every event (default 50000; 0 = write
 *                               every event; unused with hashmap)
 * @param stateTtl               drop a series' state this long (processing time) after its last update; null
 *                               ({@code off}, the default, or 0): never
 * @param mode                   streaming (default) or batch, for bounded file inputs ({@link RuntimeMode}); in
 *                               batch there are no checkpoints and no model cache
 * @param flink                  further Flink configuration, passed through as is, sorted by key; the keys that
 *                               the components above set are refused ({@link #RESERVED_FLINK_KEYS})
 */
public record RuntimeConfig(
        Integer parallelism,
        StateBackend stateBackend,
        Boolean incrementalCheckpoints,
        Duration checkpointInterval,
        String checkpointDir,
        Integer restartAttempts,
        Duration restartDelay,
        Boolean webUi,
        Integer modelCache,
        Duration stateTtl,
        RuntimeMode mode,
        Map<String, String> flink) {

    public static final int MAX_PARALLELISM = 1024;
    /** Flink's shortest checkpoint interval. */
    public static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(10);

    /** The Flink options {@link #applyTo} sets, each with the component that sets it. */
    private static final Map<ConfigOption<?>, String> OPTIONS = Map.of(
            CoreOptions.DEFAULT_PARALLELISM, "parallelism",
            ExecutionOptions.RUNTIME_MODE, "mode",
            StateBackendOptions.STATE_BACKEND, "stateBackend",
            CheckpointingOptions.INCREMENTAL_CHECKPOINTS, "incrementalCheckpoints",
            CheckpointingOptions.CHECKPOINTING_INTERVAL, "checkpointInterval",
            CheckpointingOptions.CHECKPOINTS_DIRECTORY, "checkpointDir",
            RestartStrategyOptions.RESTART_STRATEGY, "restartAttempts",
            RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, "restartAttempts",
            RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, "restartDelay");

    /**
     * Flink keys that {@code runtime.flink} may not set, each with the key that sets it ({@code runtime.…}): the keys
     * of {@link #OPTIONS} and their fallback and deprecated keys, as Flink declares them.
     */
    public static final Map<String, String> RESERVED_FLINK_KEYS = reserved();

    /** Applies the defaults and validates. */
    public RuntimeConfig {
        parallelism = parallelism == null ? 2 : parallelism;
        require(parallelism >= 1 && parallelism <= MAX_PARALLELISM, "parallelism must be in 1.." + MAX_PARALLELISM
                + "; got " + parallelism);
        stateBackend = stateBackend == null ? StateBackend.ROCKSDB : stateBackend;
        incrementalCheckpoints = incrementalCheckpoints == null || incrementalCheckpoints;
        checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(10) : checkpointInterval;
        require(checkpointInterval.isZero() || checkpointInterval.compareTo(MIN_CHECKPOINT_INTERVAL) >= 0,
                "checkpointInterval must be at least 10ms, or 0 or off to disable checkpointing; got "
                        + Durations.format(checkpointInterval));
        checkpointDir = checkpointDir == null ? "out/checkpoints" : checkpointDir;
        require(!checkpointDir.isBlank(), "checkpointDir must not be empty");
        restartAttempts = restartAttempts == null ? 3 : restartAttempts;
        require(restartAttempts >= 0, "restartAttempts must be 0 or more; got " + restartAttempts);
        restartDelay = restartDelay == null ? Duration.ofSeconds(2) : restartDelay;
        require(!restartDelay.isNegative(), "restartDelay must be a duration of 0 or more");
        webUi = webUi == null || webUi;
        modelCache = modelCache == null ? 50_000 : modelCache;
        require(modelCache >= 0, "modelCache must be 0 or more; got " + modelCache);
        stateTtl = stateTtl == null || stateTtl.isZero() ? null : stateTtl;
        require(stateTtl == null || !stateTtl.isNegative(), "stateTtl must be a positive duration or off");
        mode = mode == null ? RuntimeMode.STREAMING : mode;
        require(mode == RuntimeMode.STREAMING || stateTtl == null, "stateTtl counts processing time, which a batch "
                + "job does not have: set it off with mode batch");
        flink = JobConfig.passThrough("flink", flink, RESERVED_FLINK_KEYS);
    }

    private static Map<String, String> reserved() {
        Map<String, String> keys = new HashMap<>();
        OPTIONS.forEach((option, component) -> {
            keys.put(option.key(), "runtime." + component);
            for (FallbackKey fallback : option.fallbackKeys()) {
                keys.put(fallback.getKey(), "runtime." + component);
            }
        });
        return Map.copyOf(keys);
    }

    /** The defaults of every {@code runtime} key. */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Sets {@link #OPTIONS} and then the pass-through {@link #flink} keys on {@code conf}. */
    public void applyTo(Configuration conf) {
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(ExecutionOptions.RUNTIME_MODE, mode == RuntimeMode.BATCH ? RuntimeExecutionMode.BATCH
                : RuntimeExecutionMode.STREAMING);
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend.name().toLowerCase(Locale.ROOT));
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incrementalCheckpoints);
        if (checkpointingEnabled()) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        }
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDirUri());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, restartAttempts == 0 ? "none" : "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, restartDelay);
        flink.forEach(conf::setString);
    }

    /**
     * The model cache the learn function gets: {@link #modelCache} with RocksDB, none with heap state nor in batch
     * (a batch job's keyed state holds the current key only: the cache could not write back under another).
     */
    public int effectiveModelCache() {
        return stateBackend == StateBackend.ROCKSDB && mode == RuntimeMode.STREAMING ? modelCache : 0;
    }

    /** False if the job file switched checkpointing off ({@code checkpointInterval: 0} or {@code off}), or in batch. */
    public boolean checkpointingEnabled() {
        return !checkpointInterval.isZero() && mode == RuntimeMode.STREAMING;
    }

    /**
     * {@link #checkpointDir} as an absolute URI, as Flink wants it: a value with a scheme
     * ({@code file:///x}, {@code s3://b/x}) unchanged, a path made absolute against the working directory
     * ({@code out/checkpoints} becomes {@code file:///<cwd>/out/checkpoints}).
     */
    public String checkpointDirUri() {
        if (checkpointDir.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return checkpointDir;
        }
        String uri = Path.of(checkpointDir).toAbsolutePath().normalize().toUri().toString();
        // Path.toUri adds a '/' when the directory exists; keep the result independent of that
        return uri.endsWith("/") && !uri.equals("file:///") ? uri.substring(0, uri.length() - 1) : uri;
    }

    @Override
    public String toString() {
        return Secrets.toString(this);
    }
}
