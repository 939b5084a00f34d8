package dev.streamcast.functions;

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
        SeriesModelSerializer s = new SeriesModelSerializer(LearnerParams.seed());
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
        SeriesModelSerializer seed = new SeriesModelSerializer(LearnerParams.seed());
        TypeSerializerSnapshot<SeriesModel> written = seed.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, written);
        TypeSerializerSnapshot<SeriesModel> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(seed);

        TypeSerializerSchemaCompatibility<SeriesModel> sameLayout = new SeriesModelSerializer(
                new LearnerParams(null, 5, 0.01, null, null, null, null))
                .snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(sameLayout.isCompatibleAsIs()).isTrue();

        TypeSerializerSchemaCompatibility<SeriesModel> otherWindows = new SeriesModelSerializer(
                new LearnerParams(null, null, null, null, null, null, List.of(14, 7)))
                .snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(otherWindows.isIncompatible()).isTrue();
    }
}
