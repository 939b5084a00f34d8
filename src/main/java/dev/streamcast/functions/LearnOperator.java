package dev.streamcast.functions;

import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs {@link LearnFunction} and gives its model cache what a function alone cannot have: writing a model
 * back under another key than the current one (on eviction), and a flush of all changed models right before
 * each checkpoint barrier, so every checkpoint holds every model as of that barrier.
 */
public final class LearnOperator extends KeyedProcessOperator<String, SalesEvent, ForecastRecord> {
    private static final long serialVersionUID = 1L;

    /** Writes state under a given key, then restores the current key. */
    @FunctionalInterface
    interface KeyedWriter {
        void write(String key, StateWrite write) throws Exception;
    }

    /** One state write. */
    @FunctionalInterface
    interface StateWrite {
        void run() throws Exception;
    }

    public LearnOperator(LearnFunction function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        ((LearnFunction) userFunction).attach(this::writeUnder);
    }

    private void writeUnder(String key, StateWrite write) throws Exception {
        Object current = getCurrentKey();
        setCurrentKey(key);
        try {
            write.run();
        } finally {
            if (current != null) {
                setCurrentKey(current);
            }
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        ((LearnFunction) userFunction).flush();
    }

    @Override
    public void finish() throws Exception {
        ((LearnFunction) userFunction).flush();
        super.finish();
    }
}
