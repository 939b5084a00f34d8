package dev.streamcast.functions;

import dev.streamcast.learn.SeriesModel;
import org.apache.flink.api.common.state.ValueState;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where {@link LearnFunction} keeps the model of the current key: straight in the keyed {@code ValueState}
 * ({@link Plain}), or in a write-back cache in front of it ({@link Cached}, for RocksDB, where reading and writing
 * a model means serialising it). {@link LearnOperator} chooses and owns the store, since only an operator can
 * write under another key than the current one and act right before a checkpoint barrier.
 */
sealed interface ModelStore {
    /** The model of {@code key} (the current key), or null if it has none. */
    SeriesModel load(String key) throws Exception;

    /** Keeps {@code m} as the model of {@code key} (the current key). */
    void store(String key, SeriesModel m) throws Exception;

    /** Forgets the model of {@code key} (the current key). */
    void drop(String key) throws Exception;

    /** Writes every model not yet in the keyed state to it (before a checkpoint barrier and at the end). */
    void flush() throws Exception;

    /** Writes state under a given key, then restores the current key. */
    @FunctionalInterface
    interface KeyedWriter {
        void write(String key, ValueState<SeriesModel> state, SeriesModel m) throws Exception;
    }

    /** Every load and store goes to the keyed state. */
    record Plain(ValueState<SeriesModel> state) implements ModelStore {
        @Override
        public SeriesModel load(String key) throws Exception {
            return state.value();
        }

        @Override
        public void store(String key, SeriesModel m) throws Exception {
            state.update(m);
        }

        @Override
        public void drop(String key) {
            state.clear();
        }

        @Override
        public void flush() {
        }
    }

    /**
     * A bounded LRU map of deserialised models with dirty flags: a model is written to the keyed state when it is
     * evicted (under its own key, through the operator's {@link KeyedWriter}) or flushed, not on every event.
     */
    final class Cached implements ModelStore {
        private final ValueState<SeriesModel> state;
        private final int capacity;
        private final KeyedWriter writer;
        private final LinkedHashMap<String, SeriesModel> models = new LinkedHashMap<>(16, 0.75f, true);
        private final Set<String> dirty = new HashSet<>();

        Cached(ValueState<SeriesModel> state, int capacity, KeyedWriter writer) {
            if (capacity < 1) {
                throw new IllegalArgumentException("a model cache holds 1 model or more, got " + capacity);
            }
            this.state = state;
            this.capacity = capacity;
            this.writer = writer;
        }

        @Override
        public SeriesModel load(String key) throws Exception {
            SeriesModel m = models.get(key);
            if (m == null) {
                m = state.value();
                if (m != null) {
                    put(key, m);
                }
            }
            return m;
        }

        @Override
        public void store(String key, SeriesModel m) throws Exception {
            if (models.get(key) != m) {
                put(key, m);
            }
            dirty.add(key);
        }

        private void put(String key, SeriesModel m) throws Exception {
            models.put(key, m);
            if (models.size() > capacity) {
                Map.Entry<String, SeriesModel> eldest = models.entrySet().iterator().next();
                models.remove(eldest.getKey());
                if (dirty.remove(eldest.getKey())) {
                    writer.write(eldest.getKey(), state, eldest.getValue());
                }
            }
        }

        @Override
        public void drop(String key) {
            models.remove(key);
            dirty.remove(key);
            state.clear();
        }

        @Override
        public void flush() throws Exception {
            for (String key : dirty) {
                writer.write(key, state, models.get(key));
            }
            dirty.clear();
        }
    }
}
