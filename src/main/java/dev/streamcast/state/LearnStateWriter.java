package dev.streamcast.state;

import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.SeriesModelSerializer;
import dev.streamcast.learn.SeriesModel;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.util.InstantiationUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a key's {@link LearnKeyState} back as the learn operator keeps it: the model under the job's serializer
 * (of the parameters and key mode it was read with), the buffers in {@code pending} and {@code pending-item}, the
 * expiry and the timers. The model state is registered at the first model (its serializer's configuration is
 * known only then). The model and the buffers are written as TTL state if the savepoint read had them so.
 */
final class LearnStateWriter extends KeyedStateBootstrapFunction<String, LearnKeyState> {
    private static final long serialVersionUID = 1L;

    private final boolean ttl;
    private transient ValueState<SeriesModel> model;
    private transient LearnStateReader.Buffers buffers;

    /** @param ttl write the model and buffers as TTL state (the savepoint read had them so) */
    LearnStateWriter(boolean ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        buffers = LearnStateReader.Buffers.of(getRuntimeContext(), ttl);
    }

    @Override
    public void processElement(LearnKeyState s, Context ctx) throws Exception {
        if (s.model() != null) {
            SeriesModelSerializer serializer = InstantiationUtil.deserializeObject(s.serializer(),
                    getRuntimeContext().getUserCodeClassLoader());
            if (model == null) {
                model = getRuntimeContext().getState(ModelStateReader.keptAsStored(new ValueStateDescriptor<>(
                        LearnFunction.MODEL, serializer), ttl));
            }
            model.update(InstantiationUtil.deserializeFromByteArray(serializer, s.model()));
        }
        for (SalesEvent e : s.pending()) {
            buffers.pending().put(e.day(), e);
        }
        for (SalesEvent e : s.pendingItem()) {
            List<SalesEvent> day = buffers.pendingItem().get(e.day());
            day = day == null ? new ArrayList<>() : new ArrayList<>(day);
            day.add(e);
            buffers.pendingItem().put(e.day(), day);
        }
        if (s.expiry() != null) {
            buffers.expiry().update(s.expiry());
        }
        for (long t : s.eventTimers()) {
            ctx.timerService().registerEventTimeTimer(t);
        }
        for (long t : s.processingTimers()) {
            ctx.timerService().registerProcessingTimeTimer(t);
        }
    }
}
