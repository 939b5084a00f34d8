package dev.streamcast.functions;

import dev.streamcast.learn.SeriesModel;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs {@link LearnFunction} with the {@link ModelStore} it chooses from the function's options: the keyed state
 * itself, or (with {@code modelCache} &gt; 0) a write-back cache of it. Only an operator can give the cache what it
 * needs: writing a model back under another key than the current one (on eviction), and a flush of all changed
 * models right before each checkpoint barrier, so every checkpoint holds every model as of that barrier.
 *
 * <p>Not final: {@code state bootstrap} runs it, subclassed, in Flink's State Processor API to write the savepoint
 * a job resumes from.
 */
public class LearnOperator extends KeyedProcessOperator<String, SalesEvent, ForecastRecord> {
    private static final long serialVersionUID = 1L;

    private final LearnFunction function;
    private transient ModelStore store;

    public LearnOperator(LearnFunction function) {
        super(function);
        this.function = function;
    }

    @Override
    public void open() throws Exception {
        ValueState<SeriesModel> state = getKeyedStateStore().getState(function.modelDescriptor());
        int cache = function.options().modelCache();
        store = cache > 0 ? new ModelStore.Cached(state, cache, this::writeUnder) : new ModelStore.Plain(state);
        function.useStore(store);
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
    }

    @Override
    public void finish() throws Exception {
        store.flush();
        super.finish();
    }
}
