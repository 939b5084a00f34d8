package dev.streamcast.functions;

import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.SeriesModel;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink serializer of a model's state (a series' or, keyed by item, an item's with its per-series bookkeeping): the
 * model's own versioned binary layout ({@link SeriesModel#writeTo}), no Kryo. The parameters and the key mode travel
 * in the serializer snapshot, so a restore can tell whether the stored state fits the job's new parameters and
 * keys.
 */
public final class SeriesModelSerializer extends TypeSerializer<SeriesModel> {
    private static final long serialVersionUID = 1L;

    private static final ThreadLocal<DataOutputSerializer> BUFFER =
            ThreadLocal.withInitial(() -> new DataOutputSerializer(16 * 1024));

    private final LearnerParams params;
    private final KeyMode keyMode;

    public SeriesModelSerializer(LearnerParams params, KeyMode keyMode) {
        this.params = params;
        this.keyMode = keyMode;
    }

    public LearnerParams params() {
        return params;
    }

    public KeyMode keyMode() {
        return keyMode;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<SeriesModel> duplicate() {
        return this; // stateless: the scratch buffers live in the models, not here
    }

    @Override
    public SeriesModel createInstance() {
        return new SeriesModel(params, keyMode);
    }

    @Override
    public SeriesModel copy(SeriesModel from) {
        return from.copy();
    }

    @Override
    public SeriesModel copy(SeriesModel from, SeriesModel reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    /**
     * Writes the model into a per-thread buffer, then into {@code target} in one call: checkpoint streams
     * cost a virtual call chain per primitive, a byte array costs one.
     */
    @Override
    public void serialize(SeriesModel record, DataOutputView target) throws IOException {
        DataOutputSerializer buffer = BUFFER.get();
        buffer.clear();
        record.writeTo(buffer);
        target.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    @Override
    public SeriesModel deserialize(DataInputView source) throws IOException {
        return SeriesModel.readFrom(params, source);
    }

    @Override
    public SeriesModel deserialize(SeriesModel reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SeriesModelSerializer other && other.params.equals(params) && other.keyMode == keyMode;
    }

    @Override
    public int hashCode() {
        return 31 * params.hashCode() + keyMode.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<SeriesModel> snapshotConfiguration() {
        return new Snapshot(params, keyMode);
    }

    /**
     * The serializer's snapshot: its version, the parameters and (since version 2) the key mode; version 1, which
     * has none, was written by series-keyed jobs. State written under other parameters is compatible as is when its
     * layout (feature windows, KNN window) is the same — k and the learning rates may change across a savepoint —
     * and incompatible otherwise, as is state of the other key mode (its keys are not the job's).
     */
    public static final class Snapshot implements TypeSerializerSnapshot<SeriesModel> {
        private static final int VERSION = 2;
        private LearnerParams params;
        private KeyMode keyMode;

        /** For Flink's reflective instantiation on restore. */
        public Snapshot() {
        }

        Snapshot(LearnerParams params, KeyMode keyMode) {
            this.params = params;
            this.keyMode = keyMode;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            params.writeTo(out);
            out.writeUTF(keyMode.name());
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            if (readVersion < 1 || readVersion > VERSION) {
                throw new IOException("series state serializer snapshot version " + readVersion
                        + " is not supported (this build reads 1 to " + VERSION + ")");
            }
            params = LearnerParams.readFrom(in);
            if (readVersion == 1) {
                keyMode = KeyMode.SERIES;
                return;
            }
            String mode = in.readUTF();
            try {
                keyMode = KeyMode.valueOf(mode);
            } catch (IllegalArgumentException e) {
                throw new IOException("series state serializer snapshot names an unknown key mode '" + mode + "'", e);
            }
        }

        @Override
        public TypeSerializer<SeriesModel> restoreSerializer() {
            return new SeriesModelSerializer(params, keyMode);
        }

        @Override
        public TypeSerializerSchemaCompatibility<SeriesModel> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SeriesModel> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return old.params.sameStateLayout(params) && old.keyMode == keyMode
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
