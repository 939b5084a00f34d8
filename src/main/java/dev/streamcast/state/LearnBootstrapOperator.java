package dev.streamcast.state;

import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.LearnOperator;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.state.api.SavepointWriterOperatorFactory;
import org.apache.flink.state.api.output.SnapshotUtils;
import org.apache.flink.state.api.output.TaggedOperatorSubtaskState;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.ThrowingRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's own learn operator ({@link LearnOperator} and its {@link LearnFunction}, same options, same state
 * descriptors, same serializer), run by Flink's State Processor API on a key's history instead of a stream: its
 * forecasts, snapshots and late events go nowhere; at the end of the input it learns what its reordering buffers
 * still hold (a watermark just before the end of time, so each key's end-of-input timer stays registered for the
 * job that resumes, as it would in a job still running), writes back its model cache, and snapshots its keyed and
 * operator state (models, buffers, timers, TTL expiry, running totals) as one subtask of the savepoint.
 */
final class LearnBootstrapOperator extends LearnOperator implements BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LearnBootstrapOperator.class);
    /** The savepoint's checkpoint id: that of {@code SavepointWriter.newSavepoint}. */
    static final long CHECKPOINT_ID = 0L;
    /** The last watermark: every day timer fires, the end-of-input timer ({@code Long.MAX_VALUE}) does not. */
    static final long LAST_WATERMARK = Long.MAX_VALUE - 1;

    private final long timestamp;
    private final Path savepointPath;
    private transient Output<StreamRecord<TaggedOperatorSubtaskState>> states;

    private LearnBootstrapOperator(LearnFunction function, long timestamp, Path savepointPath) {
        super(function);
        this.timestamp = timestamp;
        this.savepointPath = savepointPath;
    }

    /**
     * The factory {@code KeyedStateTransformation.transform} takes: this operator around {@code function}, made where
     * the State Processor API runs it (its savepoint's time and path known). Flink's operator factory is shipped in
     * the task's configuration and read from it each time the task asks (twice: its operator chain, then its main
     * operator, and only the second receives the input and the output for the snapshot), so each gets an operator
     * and function of its own.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static SavepointWriterOperatorFactory factory(LearnFunction function) {
        return (timestamp, savepointPath) -> (StreamOperatorFactory) SimpleOperatorFactory.of(
                new LearnBootstrapOperator(function, timestamp, savepointPath));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void setup(StreamTask<?, ?> task, StreamConfig config, Output<StreamRecord<ForecastRecord>> output) {
        // the task's output carries the snapshot; the function's outputs are dropped
        states = (Output) output;
        super.setup(task, config, new Discard<>());
    }

    @Override
    public void processElement(StreamRecord<SalesEvent> element) throws Exception {
        logged(() -> super.processElement(element));
    }

    @Override
    public void endInput() throws Exception {
        logged(() -> processWatermark(new Watermark(LAST_WATERMARK)));
    }

    @Override
    public void finish() throws Exception {
        logged(() -> {
            super.finish();
            Configuration job = getContainingTask().getJobConfiguration();
            states.collect(new StreamRecord<>(SnapshotUtils.snapshot(CHECKPOINT_ID, this,
                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), timestamp,
                    CheckpointingOptions.getCheckpointingMode(job),
                    CheckpointingOptions.isUnalignedCheckpointEnabled(job),
                    getContainingTask().getConfiguration().getConfiguration(), savepointPath)));
        });
    }

    /**
     * Runs {@code step}, logging a failure: the State Processor API's thread that runs this operator ends silently
     * on one.
     */
    private static void logged(ThrowingRunnable<Exception> step) throws Exception {
        try {
            step.run();
        } catch (Exception e) {
            LOG.error("state bootstrap: the learn operator failed", e);
            throw e;
        }
    }

    /** Drops everything. */
    private static final class Discard<T> implements Output<T> {
        @Override
        public void emitWatermark(Watermark mark) {
        }

        @Override
        public void emitWatermarkStatus(WatermarkStatus status) {
        }

        @Override
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
        }

        @Override
        public void emitLatencyMarker(LatencyMarker marker) {
        }

        @Override
        public void emitRecordAttributes(RecordAttributes attributes) {
        }

        @Override
        public void emitWatermark(WatermarkEvent event) {
        }

        @Override
        public void collect(T record) {
        }

        @Override
        public void close() {
        }
    }
}
