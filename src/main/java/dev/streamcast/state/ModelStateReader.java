package dev.streamcast.state;

import dev.streamcast.functions.LearnFunction;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.SeriesModel;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the learn operator's model of each key (its {@code "model"} value state, the descriptor name of
 * {@code LearnFunction}) into a {@link ModelStateRow}. Keys without a model (only buffered events) give none.
 * Read through RocksDB, a value comes as {@link StoredModelSerializer} reads its bytes; through the hashmap
 * backend (full checkpoints), as the model the backend restored, measured as the job writes it. State the job kept
 * with a TTL ({@code runtime.stateTtl}) is read as TTL state ({@link #keptAsStored}), every value whatever its age.
 */
final class ModelStateReader extends KeyedStateReaderFunction<String, ModelStateRow> {
    private static final long serialVersionUID = 1L;

    /**
     * The TTL the state tools read and write TTL state with: Flink compares only whether a TTL is on, so TTL state
     * read this way is not migrated (its stored bytes stay to be measured); every value is returned whatever its
     * age and none is cleaned up by the tool (when a series is dropped stays the job's decision: its expiry timer,
     * and Flink's TTL counted from the time the tool wrote the value).
     */
    private static final StateTtlConfig KEEP_ALL = StateTtlConfig.newBuilder(Duration.ofDays(365_000))
            .setStateVisibility(StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp)
            .disableCleanupInBackground().build();

    private final boolean ttl;
    private transient ValueState<StoredModel> state;

    /** @param ttl the job kept its learn state with a TTL ({@link StateInspector#keptWithTtl}) */
    ModelStateReader(boolean ttl) {
        this.ttl = ttl;
    }

    /** {@code d}, with a TTL if the savepoint's learn state has one ({@code ttl}). */
    static <D extends StateDescriptor<?, ?>> D keptAsStored(D d, boolean ttl) {
        if (ttl) {
            d.enableTimeToLive(KEEP_ALL);
        }
        return d;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(keptAsStored(new ValueStateDescriptor<>(LearnFunction.MODEL,
                StoredModelSerializer.adoptingStored()), ttl));
    }

    @Override
    public void readKey(String key, Context ctx, Collector<ModelStateRow> out) throws Exception {
        // the hashmap backend holds the values it restored as the job's serializer read them: models
        Object value = ((ValueState<?>) state).value();
        if (value == null) {
            return;
        }
        StoredModel stored = value instanceof SeriesModel model ? StoredModel.rewritten(model) : (StoredModel) value;
        SeriesModel m = stored.model();
        List<String> series = m.series(key);
        String lastDays = m.keyMode() != KeyMode.ITEM ? "" : series.stream()
                .map(s -> s + "=" + LocalDate.ofEpochDay(m.lastDay(s))).collect(Collectors.joining(" "));
        out.collect(new ModelStateRow(key, m.keyMode().name().toLowerCase(Locale.ROOT), series.size(), m.n(),
                m.lastDay(), lastDays, m.maeKnn(), m.maeLm(), m.chosen(), stored.bytes(), stored.layoutVersion()));
    }
}
