package dev.streamcast.state;

import dev.streamcast.functions.SeriesModelSerializer;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.SeriesModel;
import org.apache.commons.io.input.CountingInputStream;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.DataInputViewStream;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.PushbackInputStream;

/**
 * Reads the learn operator's model state for inspection: each value through the job's {@link SeriesModelSerializer}
 * (which reads, writes and copies it), with the layout version and byte count of the stored bytes. A savepoint's
 * state names the job's parameters and key mode in its serializer snapshot, so this serializer needs neither up
 * front: its snapshot takes them from the stored one (Flink's "compatible with a reconfigured serializer"), and any
 * job's state reads without its job file. Values it writes are in the job's current layout, as the job's serializer
 * writes them.
 */
public final class StoredModelSerializer extends TypeSerializer<StoredModel> {
    private static final long serialVersionUID = 1L;

    private final SeriesModelSerializer job;

    /** Reads state of {@code job}'s parameters and key mode (until a stored snapshot gives others). */
    public StoredModelSerializer(SeriesModelSerializer job) {
        this.job = job;
    }

    /** A serializer for the state's descriptor: the seed's parameters, series keys, until the state's own. */
    public static StoredModelSerializer adoptingStored() {
        return new StoredModelSerializer(new SeriesModelSerializer(LearnerParams.seed(), KeyMode.SERIES));
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<StoredModel> duplicate() {
        return this;
    }

    @Override
    public StoredModel createInstance() {
        return new StoredModel(job.createInstance(), SeriesModel.LAYOUT_VERSION, 0);
    }

    @Override
    public StoredModel copy(StoredModel from) {
        return new StoredModel(from.model().copy(), from.layoutVersion(), from.bytes());
    }

    @Override
    public StoredModel copy(StoredModel from, StoredModel reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return job.getLength();
    }

    @Override
    public void serialize(StoredModel record, DataOutputView target) throws IOException {
        job.serialize(record.model(), target);
    }

    /** The model, with its first byte (the layout version) and the count of the bytes read. */
    @Override
    public StoredModel deserialize(DataInputView source) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(new DataInputViewStream(source));
        int layout = peek.read();
        if (layout >= 0) {
            peek.unread(layout);
        }
        CountingInputStream in = new CountingInputStream(peek);
        SeriesModel m = job.deserialize(new DataInputViewStreamWrapper(in));
        return new StoredModel(m, layout, Math.toIntExact(in.getByteCount()));
    }

    @Override
    public StoredModel deserialize(StoredModel reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        job.copy(source, target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof StoredModelSerializer other && other.job.equals(job);
    }

    @Override
    public int hashCode() {
        return job.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<StoredModel> snapshotConfiguration() {
        return new Snapshot(job);
    }

    /**
     * The snapshot: that of the job's serializer, so it is written and read as the job's is; resolved against a
     * stored snapshot of the job's serializer, it adopts the stored parameters and key mode.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<StoredModel> {
        private TypeSerializerSnapshot<SeriesModel> job;

        /** For Flink's reflective instantiation on restore. */
        public Snapshot() {
            this.job = new SeriesModelSerializer.Snapshot();
        }

        Snapshot(SeriesModelSerializer job) {
            this.job = job.snapshotConfiguration();
        }

        @Override
        public int getCurrentVersion() {
            return job.getCurrentVersion();
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            job.writeSnapshot(out);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            job.readSnapshot(readVersion, in, userCodeClassLoader);
        }

        @Override
        public TypeSerializer<StoredModel> restoreSerializer() {
            return new StoredModelSerializer((SeriesModelSerializer) job.restoreSerializer());
        }

        @Override
        public TypeSerializerSchemaCompatibility<StoredModel> resolveSchemaCompatibility(
                TypeSerializerSnapshot<StoredModel> oldSnapshot) {
            TypeSerializerSnapshot<?> stored = oldSnapshot;
            if (stored instanceof SeriesModelSerializer.Snapshot s) {
                return TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
                        new StoredModelSerializer((SeriesModelSerializer) s.restoreSerializer()));
            }
            if (stored instanceof Snapshot s) {
                return TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
                        s.restoreSerializer());
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
