package dev.streamcast.functions;

import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.SeriesModel;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The state serializer: round trips, copies, and says which parameter changes a restore accepts. */
class SeriesModelSerializerTest {
    static final int DAY0 = (int) LocalDate.of(2016, 1, 1).toEpochDay();

    static SeriesModel trained() {
        SeriesModel m = new SeriesModel(LearnerParams.seed());
        for (int d = 0; d < 45; d++) {
            m.observe(DAY0 + d, (d * 7) % 11);
        }
        return m;
    }

    static byte[] bytes(SeriesModelSerializer s, SeriesModel m) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(m, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void roundTripsAndCopiesDeeply() throws IOException {
        SeriesModelSerializer s = new SeriesModelSerializer(LearnerParams.seed(), KeyMode.SERIES);
        SeriesModel m = trained();
        byte[] b = bytes(s, m);
        SeriesModel back = s.deserialize(new DataInputDeserializer(b));
        assertThat(bytes(s, back)).isEqualTo(b);

        SeriesModel copy = s.copy(m);
        assertThat(copy).isNotSameAs(m);
        m.observe(DAY0 + 50, 3);
        assertThat(bytes(s, copy)).isEqualTo(b);

        DataOutputSerializer target = new DataOutputSerializer(64);
        s.copy(new DataInputDeserializer(b), target);
        assertThat(target.getCopyOfBuffer()).isEqualTo(b);
        assertThat(s.duplicate()).isEqualTo(s);
        assertThat(s.createInstance().n()).isZero();
    }

    @Test
    void snapshotRestoresTheSerializerAndJudgesCompatibility() throws IOException {
        SeriesModelSerializer seed = new SeriesModelSerializer(LearnerParams.seed(), KeyMode.SERIES);
        TypeSerializerSnapshot<SeriesModel> written = seed.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, written);
        TypeSerializerSnapshot<SeriesModel> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(seed);

        TypeSerializerSchemaCompatibility<SeriesModel> sameLayout = new SeriesModelSerializer(
                new LearnerParams(null, 5, 0.01, null, null, null, null), KeyMode.SERIES)
                .snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(sameLayout.isCompatibleAsIs()).isTrue();

        TypeSerializerSchemaCompatibility<SeriesModel> otherWindows = new SeriesModelSerializer(
                new LearnerParams(null, null, null, null, null, null, List.of(14, 7)), KeyMode.SERIES)
                .snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(otherWindows.isIncompatible()).isTrue();
    }

    @Test
    void itemModelsRoundTripAndKeyModesDoNotMix() throws IOException {
        SeriesModelSerializer item = new SeriesModelSerializer(LearnerParams.seed(), KeyMode.ITEM);
        SeriesModel m = item.createInstance();
        assertThat(m.keyMode()).isEqualTo(KeyMode.ITEM);
        for (int d = 0; d < 30; d++) {
            m.observe("A_1_001_CA_1", DAY0 + d, d % 4);
            m.observe("A_1_001_TX_1", DAY0 + d, d % 3);
        }
        byte[] b = bytes(item, m);
        SeriesModel back = item.deserialize(new DataInputDeserializer(b));
        assertThat(back.series("A_1_001")).containsExactly("A_1_001_CA_1", "A_1_001_TX_1");
        assertThat(bytes(item, back)).isEqualTo(b);
        assertThat(bytes(item, item.copy(m))).isEqualTo(b);

        // a savepoint of one key mode restored into a job of the other: its keys are not the job's
        TypeSerializerSnapshot<SeriesModel> written = roundTrip(item.snapshotConfiguration());
        assertThat(written.restoreSerializer()).isEqualTo(item).isNotEqualTo(new SeriesModelSerializer(
                LearnerParams.seed(), KeyMode.SERIES));
        assertThat(item.snapshotConfiguration().resolveSchemaCompatibility(written).isCompatibleAsIs()).isTrue();
        assertThat(new SeriesModelSerializer(LearnerParams.seed(), KeyMode.SERIES).snapshotConfiguration()
                .resolveSchemaCompatibility(written).isIncompatible()).isTrue();
    }

    @Test
    void snapshotOfVersion1IsASeriesKeyedOne() throws IOException {
        // what releases before key modes in the snapshot wrote: the class, version 1, the parameters
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(SeriesModelSerializer.Snapshot.class.getName());
        out.writeInt(1);
        LearnerParams.seed().writeTo(out);
        TypeSerializerSnapshot<SeriesModel> v1 = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(v1.restoreSerializer()).isEqualTo(new SeriesModelSerializer(LearnerParams.seed(), KeyMode.SERIES));
        assertThat(new SeriesModelSerializer(LearnerParams.seed(), KeyMode.SERIES).snapshotConfiguration()
                .resolveSchemaCompatibility(v1).isCompatibleAsIs()).isTrue();
        assertThat(new SeriesModelSerializer(LearnerParams.seed(), KeyMode.ITEM).snapshotConfiguration()
                .resolveSchemaCompatibility(v1).isIncompatible()).isTrue();
    }

    private TypeSerializerSnapshot<SeriesModel> roundTrip(TypeSerializerSnapshot<SeriesModel> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
    }
}
