package dev.streamcast.state;

import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.SeriesModelSerializer;
import dev.streamcast.learn.SeriesModel;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads all of a key's learn state ({@link LearnKeyState}) under the names and types {@code LearnFunction} gives
 * it: {@code model}, {@code pending} (series keys) or {@code pending-item} (item keys), {@code expiry}, and the
 * timers. The model is read as {@link ModelStateReader} reads it, whatever its parameters and layout; the model and
 * the buffers as TTL state if the job kept them with a TTL ({@code expiry} never has one).
 */
final class LearnStateReader extends KeyedStateReaderFunction<String, LearnKeyState> {
    private static final long serialVersionUID = 1L;

    private final boolean ttl;
    private transient ValueState<StoredModel> model;
    private transient Buffers buffers;

    /**
     * The learn operator's other keyed state: its buffers (as TTL state if the job kept them so) and expiry time,
     * registered under {@code LearnFunction}'s descriptors.
     */
    record Buffers(MapState<Integer, SalesEvent> pending, MapState<Integer, List<SalesEvent>> pendingItem,
                   ValueState<Long> expiry) {
        static Buffers of(RuntimeContext context, boolean ttl) {
            return new Buffers(
                    context.getMapState(ModelStateReader.keptAsStored(LearnFunction.pendingDescriptor(), ttl)),
                    context.getMapState(ModelStateReader.keptAsStored(LearnFunction.pendingItemDescriptor(), ttl)),
                    context.getState(LearnFunction.expiryDescriptor()));
        }
    }

    /** @param ttl the job kept its learn state with a TTL ({@link StateInspector#keptWithTtl}) */
    LearnStateReader(boolean ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        model = getRuntimeContext().getState(ModelStateReader.keptAsStored(new ValueStateDescriptor<>(
                LearnFunction.MODEL, StoredModelSerializer.adoptingStored()), ttl));
        buffers = Buffers.of(getRuntimeContext(), ttl);
    }

    @Override
    public void readKey(String key, Context ctx, Collector<LearnKeyState> out) throws Exception {
        Object value = ((ValueState<?>) model).value(); // hashmap backend: the model itself, see ModelStateReader
        SeriesModel m = value == null ? null : value instanceof SeriesModel s ? s : ((StoredModel) value).model();
        List<SalesEvent> buffered = new ArrayList<>();
        buffers.pending().values().forEach(buffered::add);
        List<SalesEvent> bufferedItem = new ArrayList<>();
        buffers.pendingItem().values().forEach(bufferedItem::addAll);
        if (m == null && buffered.isEmpty() && bufferedItem.isEmpty()) {
            return; // nothing but timers (a key whose state TTL dropped): nothing to carry
        }
        SeriesModelSerializer serializer = m == null ? null : new SeriesModelSerializer(m.params(), m.keyMode());
        out.collect(new LearnKeyState(key, m == null ? null : InstantiationUtil.serializeObject(serializer),
                m == null ? null : InstantiationUtil.serializeToByteArray(serializer, m),
                buffered.toArray(new SalesEvent[0]), bufferedItem.toArray(new SalesEvent[0]), buffers.expiry().value(),
                ctx.registeredEventTimeTimers().stream().mapToLong(Long::longValue).sorted().toArray(),
                ctx.registeredProcessingTimeTimers().stream().mapToLong(Long::longValue).sorted().toArray()));
    }
}
