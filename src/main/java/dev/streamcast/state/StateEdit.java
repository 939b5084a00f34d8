package dev.streamcast.state;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code state drop} and {@code state rescale}: a new savepoint from an existing one (savepoint or retained
 * checkpoint) whose learn operator (uid {@value StateInspector#LEARN_UID}) holds every key's state
 * ({@link LearnKeyState}: model, reordering buffer, expiry, timers) but the dropped keys', at the given maximum
 * parallelism, read and written with Flink's State Processor API. The other operators' state (sources, sinks) is
 * kept as it is, except, when the maximum parallelism changes, the keyed state of the other keyed operators (the
 * daily metrics' windows, the pooled learner), which cannot move to another maximum parallelism: those operators
 * restart empty. The learn operator's running totals (gauges) are not carried: they restart from zero. State kept
 * with a TTL is written with one (see {@link ModelStateReader}).
 */
public final class StateEdit {
    private StateEdit() {
    }

    /** What an edit did. */
    public record Result(int maxParallelism, List<String> droppedOperators) {
    }

    /**
     * Writes {@code out} from {@code savepoint} without the model keys {@code drop}, at {@code maxParallelism}
     * (null: the savepoint's).
     */
    public static Result copy(Path savepoint, Path out, Set<String> drop, Integer maxParallelism) throws Exception {
        CheckpointMetadata metadata = StateInspector.metadata(savepoint);
        if (Files.exists(out)) {
            throw new IllegalArgumentException("--out " + out + " exists: name a new directory");
        }
        String path = savepoint.toUri().toString();
        OperatorIdentifier learn = OperatorIdentifier.forUid(StateInspector.LEARN_UID);
        int current = StateInspector.learnState(metadata).orElseThrow(() -> new IllegalArgumentException(savepoint
                + " holds no state of the learn operator (uid " + StateInspector.LEARN_UID + ")")).getMaxParallelism();
        int target = maxParallelism == null ? current : maxParallelism;
        List<OperatorIdentifier> dropped = target == current ? List.of() : metadata.getOperatorStates().stream()
                .filter(op -> !op.getOperatorID().equals(learn.getOperatorId()) && hasKeyedState(op))
                .map(op -> OperatorIdentifier.forUidHash(op.getOperatorID().toHexString())).toList();
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        conf.set(PipelineOptions.NAME, "streamcast state edit");
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(StateBootstrap.forStateProcessor(conf));
        StateBackend backend = StateInspector.fullCheckpoint(metadata) ? new HashMapStateBackend()
                : new EmbeddedRocksDBStateBackend();
        boolean ttl = StateInspector.keptWithTtl(metadata);
        DataStream<LearnKeyState> kept = SavepointReader.read(env, path, backend)
                .readKeyedState(learn, new LearnStateReader(ttl), Types.STRING, Types.POJO(LearnKeyState.class))
                .filter(s -> !drop.contains(s.key())).name("kept keys");
        SavepointWriter writer = SavepointWriter.fromExistingSavepoint(env, path, backend).removeOperator(learn);
        for (OperatorIdentifier op : dropped) {
            writer = writer.removeOperator(op);
        }
        writer.withOperator(learn, OperatorTransformation.bootstrapWith(kept).setMaxParallelism(target)
                        .keyBy(LearnKeyState::key, Types.STRING).transform(new LearnStateWriter(ttl)))
                .write(out.toAbsolutePath().toUri().toString());
        env.execute("streamcast state edit");
        StateBootstrap.checkEverySubtaskWrote(out, 1);
        return new Result(target, dropped.stream().map(op -> op.getOperatorId().toHexString()).toList());
    }

    private static boolean hasKeyedState(OperatorState op) {
        return op.getStates().stream()
                .anyMatch(s -> s.getManagedKeyedState().hasState() || s.getRawKeyedState().hasState());
    }
}
