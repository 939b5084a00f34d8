package dev.streamcast.functions;

import dev.streamcast.learn.SeriesModel;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Runs {@link LearnFunction} with the {@link ModelStore} it chooses from the function's options: the keyed state
 * itself, or (with {@code modelCache} &gt; 0) a write-back cache of it. Only an operator can give the cache what it
 * needs: writing a model back under another key than the current one (on eviction), and a flush of all changed
 * models right before each checkpoint barrier, so every checkpoint holds every model as of that barrier.
 *
 * <p>It also sends the daily-metrics sums of its observations ({@link DailyPartials}) to {@link #DAILY_PARTIALS}
 * before each watermark it forwards (after the timers that watermark fires), before each checkpoint barrier and
 * at the end: one record per day and flush instead of one per observation.
 *
 * <p>Not final: {@code state bootstrap} runs it, subclassed, in Flink's State Processor API to write the savepoint
 * a job resumes from.
 */
public class LearnOperator extends KeyedProcessOperator<String, SalesEvent, ForecastRecord> {
    private static final long serialVersionUID = 1L;

    /** Partial daily-metrics sums of this subtask's observations, for the daily-metrics window. */
    public static final OutputTag<DailyMetricsAggregate.Accumulator> DAILY_PARTIALS =
            new OutputTag<>("daily-partials") {
            };

    private final LearnFunction function;
    private transient ModelStore store;
    private transient DailyPartials partials;

    public LearnOperator(LearnFunction function) {
        super(function);
        this.function = function;
    }

    @Override
    protected void setup(StreamTask<?, ?> containingTask, StreamConfig config,
                         Output<StreamRecord<ForecastRecord>> output) {
        super.setup(containingTask, config, new PartialsBeforeWatermarks(output));
    }

    @Override
    public void open() throws Exception {
        ValueState<SeriesModel> state = getKeyedStateStore().getState(function.modelDescriptor());
        int cache = function.options().modelCache();
        store = cache > 0 ? new ModelStore.Cached(state, cache, this::writeUnder) : new ModelStore.Plain(state);
        partials = new DailyPartials();
        function.use(store, partials);
        super.open();
    }

    private void writeUnder(String key, ValueState<SeriesModel> state, SeriesModel m) throws Exception {
        Object current = getCurrentKey();
        setCurrentKey(key);
        try {
            state.update(m);
        } finally {
            if (current != null) {
                setCurrentKey(current);
            }
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        store.flush();
        sendPartials(output);
    }

    @Override
    public void finish() throws Exception {
        store.flush();
        sendPartials(output);
        super.finish();
    }

    private void sendPartials(Output<StreamRecord<ForecastRecord>> to) {
        if (partials != null) {
            partials.flush((sums, timestamp) -> to.collect(DAILY_PARTIALS, new StreamRecord<>(sums, timestamp)));
        }
    }

    /** The operator's output, sending the partial sums on before each watermark. */
    private final class PartialsBeforeWatermarks implements Output<StreamRecord<ForecastRecord>> {
        private final Output<StreamRecord<ForecastRecord>> out;

        PartialsBeforeWatermarks(Output<StreamRecord<ForecastRecord>> out) {
            this.out = out;
        }

        @Override
        public void emitWatermark(Watermark mark) {
            sendPartials(out);
            out.emitWatermark(mark);
        }

        @Override
        public void collect(StreamRecord<ForecastRecord> record) {
            out.collect(record);
        }

        @Override
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
            out.collect(tag, record);
        }

        @Override
        public void emitWatermarkStatus(WatermarkStatus status) {
            out.emitWatermarkStatus(status);
        }

        @Override
        public void emitLatencyMarker(LatencyMarker marker) {
            out.emitLatencyMarker(marker);
        }

        @Override
        public void emitRecordAttributes(RecordAttributes attributes) {
            out.emitRecordAttributes(attributes);
        }

        @Override
        public void emitWatermark(WatermarkEvent event) {
            out.emitWatermark(event);
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
