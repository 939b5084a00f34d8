package dev.streamcast.state;

import dev.streamcast.functions.LearnFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupsSavepointStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.runtime.state.ttl.TtlAwareSerializer;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.CollectionUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the models of the learn operator (uid {@value #LEARN_UID}) from a savepoint or retained checkpoint of the
 * job with Flink's State Processor API, on an embedded Flink cluster of its own. Savepoints (canonical or native)
 * and RocksDB's incremental checkpoints are read through RocksDB, which keeps each value's stored bytes until it
 * is read, so {@link StoredModelSerializer} sees them. Full checkpoints (the hashmap backend's; RocksDB's when not
 * incremental: the metadata does not tell which) are read through the hashmap backend first, then RocksDB. State the
 * job kept with a TTL ({@code runtime.stateTtl}) is read as such ({@link #keptWithTtl}).
 */
public final class StateInspector {
    /** The uid of the job's learn operator. */
    public static final String LEARN_UID = "learn";

    private StateInspector() {
    }

    /** The rows of every model key in {@code savepoint} (a directory holding {@code _metadata}), by key. */
    public static List<ModelStateRow> read(Path savepoint) throws Exception {
        CheckpointMetadata metadata = metadata(savepoint);
        String path = savepoint.toUri().toString();
        boolean ttl = keptWithTtl(metadata);
        if (!fullCheckpoint(metadata)) {
            return read(path, new EmbeddedRocksDBStateBackend(), ttl);
        }
        try {
            return read(path, new HashMapStateBackend(), ttl);
        } catch (RuntimeException notTheHashMapsFormat) {
            try {
                return read(path, new EmbeddedRocksDBStateBackend(), ttl);
            } catch (RuntimeException e) {
                e.addSuppressed(notTheHashMapsFormat);
                throw e;
            }
        }
    }

    /** The metadata of {@code savepoint}; {@link IllegalArgumentException} if it is no savepoint or checkpoint. */
    static CheckpointMetadata metadata(Path savepoint) throws IOException {
        if (!Files.isRegularFile(savepoint.resolve("_metadata"))) {
            throw new IllegalArgumentException(savepoint + " is not a savepoint or retained checkpoint (a directory "
                    + "holding _metadata)");
        }
        return SavepointLoader.loadSavepointMetadata(savepoint.toUri().toString());
    }

    /** The learn operator's state in {@code metadata}, if it holds any. */
    static Optional<OperatorState> learnState(CheckpointMetadata metadata) {
        OperatorID learn = OperatorIdentifier.forUid(LEARN_UID).getOperatorId();
        return metadata.getOperatorStates().stream().filter(op -> op.getOperatorID().equals(learn)).findFirst();
    }

    /** True if the learn operator's keyed state is in full checkpoints: neither a savepoint nor incremental. */
    static boolean fullCheckpoint(CheckpointMetadata metadata) {
        return learnKeyedState(metadata).stream().anyMatch(h -> !(h instanceof KeyGroupsSavepointStateHandle)
                && !(h instanceof IncrementalKeyedStateHandle));
    }

    /**
     * True if the learn operator kept its models (and buffers) with Flink's state TTL: told by the serializer
     * snapshots that head its keyed state (Flink's own {@link KeyedBackendSerializationProxy}), as Flink reads them
     * at restore. Read as the other kind, TTL state would be migrated value by value, its stored bytes lost.
     */
    static boolean keptWithTtl(CheckpointMetadata metadata) throws IOException {
        for (KeyedStateHandle h : learnKeyedState(metadata)) {
            StreamStateHandle head = h instanceof IncrementalKeyedStateHandle i ? i.getMetaDataStateHandle()
                    : h instanceof KeyGroupsStateHandle g ? g : null;
            if (head == null) {
                continue;
            }
            KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(
                    StateInspector.class.getClassLoader());
            try (FSDataInputStream in = head.openInputStream()) {
                proxy.read(new DataInputViewStreamWrapper(in));
            }
            for (StateMetaInfoSnapshot state : proxy.getStateMetaInfoSnapshots()) {
                if (List.of(LearnFunction.MODEL, LearnFunction.PENDING, LearnFunction.PENDING_ITEM)
                        .contains(state.getName())) {
                    return TtlAwareSerializer.isSerializerTtlEnabled(state.getTypeSerializerSnapshot(
                            StateMetaInfoSnapshot.CommonSerializerKeys.VALUE_SERIALIZER).restoreSerializer());
                }
            }
        }
        return false;
    }

    /** The learn operator's keyed state handles, of every subtask. */
    private static List<KeyedStateHandle> learnKeyedState(CheckpointMetadata metadata) {
        return learnState(metadata).stream().flatMap(op -> op.getStates().stream())
                .flatMap(subtask -> subtask.getManagedKeyedState().stream()).toList();
    }

    private static List<ModelStateRow> read(String path, StateBackend backend, boolean ttl) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("pipeline.generic-types", "false");
        // Flink's local executor: a cluster of its own, also where another environment is the default (tests)
        conf.set(DeploymentOptions.TARGET, "local");
        conf.set(DeploymentOptions.ATTACHED, true);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        SavepointReader reader = SavepointReader.read(env, path, backend);
        try (CloseableIterator<ModelStateRow> it = reader.readKeyedState(OperatorIdentifier.forUid(LEARN_UID),
                new ModelStateReader(ttl), Types.STRING, Types.POJO(ModelStateRow.class)).executeAndCollect(
                "streamcast state inspect")) {
            return CollectionUtil.iteratorToList(it).stream().sorted(Comparator.comparing(ModelStateRow::key))
                    .toList();
        }
    }
}
