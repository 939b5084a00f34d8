package dev.streamcast.job;

/**
 * How Flink executes the job ({@code runtime.mode}, Flink's {@code execution.runtime-mode}): as a stream, or, for
 * bounded file inputs, as a batch job (input sorted by key, state of one key at a time, no checkpoints, timers at
 * the end of each key).
 */
public enum RuntimeMode {
    STREAMING,
    BATCH
}
