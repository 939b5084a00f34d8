package dev.streamcast.job;

import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failure injection for the recovery tests: until it has failed, slows the input (so checkpoints complete
 * mid-stream and no backpressure delays the barriers), then throws once after {@code failAfter} records and a
 * completed checkpoint. Its switches are static (one MiniCluster JVM); {@link #reset} arms or disarms it per run.
 */
final class FailOnce extends RichMapFunction<RawLine, RawLine> implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean enabled = new AtomicBoolean();
    static final AtomicBoolean checkpointed = new AtomicBoolean();
    static final AtomicInteger records = new AtomicInteger();
    static volatile boolean failed;

    private final long sleepMillis;
    private final int failAfter;

    FailOnce(long sleepMillis, int failAfter) {
        this.sleepMillis = sleepMillis;
        this.failAfter = failAfter;
    }

    static void reset(boolean fail) {
        enabled.set(fail);
        checkpointed.set(false);
        records.set(0);
        failed = false;
    }

    @Override
    public RawLine map(RawLine line) throws Exception {
        int n = records.incrementAndGet();
        if (enabled.get()) {
            Thread.sleep(sleepMillis);
        }
        if (n >= failAfter && checkpointed.get() && enabled.getAndSet(false)) {
            failed = true;
            throw new IllegalStateException("injected failure at " + line.source() + "@" + line.line());
        }
        return line;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed.set(true);
    }
}
