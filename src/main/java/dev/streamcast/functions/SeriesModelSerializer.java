package dev.streamcast.functions;

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
 * Flink serializer of a series' model state: the model's own versioned binary layout
 * ({@link SeriesModel#writeTo}), no Kryo. The parameters travel in the serializer snapshot, so a
 * restore can tell whether the stored state fits the job's new parameters.
 */
public final class SeriesModelSerializer extends TypeSerializer<SeriesModel> {
    private static final long serialVersionUID = 1L;

    private static final ThreadLocal<DataOutputSerializer> BUFFER =
            ThreadLocal.withInitial(() -> new DataOutputSerializer(16 * 1024));

    private final LearnerParams params;

    public SeriesModelSerializer(LearnerParams params) {
        this.params = params;
    }

    public LearnerParams params() {
        return params;
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
        return new SeriesModel(params);
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
        return obj instanceof SeriesModelSerializer other && other.params.equals(params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<SeriesModel> snapshotConfiguration() {
        return new Snapshot(params);
    }

    /**
     * The serializer's snapshot: its version and the parameters. State written under other parameters is
     * compatible as is when its layout (feature windows, KNN window) is the same — k and the learning
     * rates may change across a savepoint — and incompatible otherwise.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<SeriesModel> {
        private static final int VERSION = 1;
        private LearnerParams params;

        /** For Flink's reflective instantiation on restore. */
        public Snapshot() {
        }

        Snapshot(LearnerParams params) {
            this.params = params;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            params.writeTo(out);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            if (readVersion != VERSION) {
                throw new IOException("series state serializer snapshot version " + readVersion
                        + " is not supported (this build reads " + VERSION + ")");
            }
            params = LearnerParams.readFrom(in);
        }

        @Override
        public TypeSerializer<SeriesModel> restoreSerializer() {
            return new SeriesModelSerializer(params);
        }

        @Override
        public TypeSerializerSchemaCompatibility<SeriesModel> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SeriesModel> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return old.params.sameStateLayout(params)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
