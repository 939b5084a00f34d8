package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-series pair: progressive validation, forecasts without side effects, compact versioned state. */
class SeriesModelTest {
    static final int DAY0 = (int) LocalDate.of(2016, 1, 1).toEpochDay();

    static SeriesModel trained(int days, long seed) {
        SeriesModel m = new SeriesModel(LearnerParams.seed());
        Random r = new Random(seed);
        for (int d = 0; d < days; d++) {
            m.observe(DAY0 + d, r.nextInt(6) == 0 ? 0 : r.nextInt(15));
        }
        return m;
    }

    static byte[] bytes(SeriesModel m) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        m.writeTo(new DataOutputStream(bos));
        return bos.toByteArray();
    }

    static SeriesModel read(byte[] bytes) throws IOException {
        return SeriesModel.readFrom(LearnerParams.seed(), new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void freshModelForecastsZeroWithTheLinearModel() {
        Prediction p = new SeriesModel(LearnerParams.seed()).forecast(DAY0);
        assertThat(p.value()).isEqualTo(0.0);
        assertThat(p.served()).isEqualTo(Learner.LM);
        assertThat(p.n()).isZero();
    }

    @Test
    void forecastChangesNothingSoRepeatingItGivesTheSameAnswer() throws IOException {
        SeriesModel m = trained(90, 1);
        byte[] before = bytes(m);
        Prediction first = m.forecast(DAY0 + 95);
        Prediction second = m.forecast(DAY0 + 95);
        assertThat(second).isEqualTo(first);
        assertThat(bytes(m)).isEqualTo(before);
        assertThat(first.served()).isEqualTo(m.chosen());
    }

    @Test
    void cremeStylePredictOneUpdatesOnlyThatLearnersScaler() throws IOException {
        SeriesModel a = trained(90, 2);
        SeriesModel b = read(bytes(a));
        double first = a.predictOne(Learner.KNN, DAY0 + 91);
        assertThat(bytes(a)).isNotEqualTo(bytes(b));
        // the scaler now includes the forecast day's features, so a repeat differs from a side-effect-free one
        assertThat(b.predictOne(Learner.KNN, DAY0 + 91)).isEqualTo(first);
        assertThat(a.forecast(DAY0 + 91).predLm()).isEqualTo(b.forecast(DAY0 + 91).predLm());
    }

    @Test
    void observeLearnsOnlyDaysAfterTheLastOne() {
        SeriesModel m = trained(10, 3);
        assertThat(m.accepts(DAY0 + 9)).isFalse();
        assertThat(m.accepts(DAY0 + 10)).isTrue();
        assertThatThrownBy(() -> m.observe(DAY0 + 9, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not after");
        assertThatThrownBy(() -> m.observe(DAY0 + 11, -1)).hasMessageContaining("y must be >= 0");
        assertThat(m.n()).isEqualTo(10);
        assertThat(m.lastDay()).isEqualTo(DAY0 + 9);
    }

    @Test
    void stateRoundTripsMidStreamAndContinuesIdentically() throws IOException {
        SeriesModel original = trained(50, 4);
        SeriesModel restored = read(bytes(original));
        assertThat(bytes(restored)).isEqualTo(bytes(original));
        assertThat(restored.n()).isEqualTo(original.n());
        assertThat(restored.lastDay()).isEqualTo(original.lastDay());
        Random r = new Random(9);
        for (int d = 50; d < 120; d++) {
            int y = r.nextInt(9);
            assertThat(restored.observe(DAY0 + d, y)).isEqualTo(original.observe(DAY0 + d, y));
        }
    }

    @Test
    void stateOfAFullSeriesStaysUnderTenKilobytes() throws IOException {
        int size = bytes(trained(400, 5)).length;
        assertThat(size).isLessThanOrEqualTo(10 * 1024);
        assertThat(bytes(new SeriesModel(LearnerParams.seed())).length).isLessThan(size);
    }

    @Test
    void unknownLayoutVersionOrOtherDimensionsAreRejectedClearly() throws IOException {
        byte[] b = bytes(trained(5, 6));
        b[0] = 99;
        assertThatThrownBy(() -> read(b)).isInstanceOf(IOException.class).hasMessageContaining("version 99");
        byte[] other = bytes(trained(5, 6));
        LearnerParams smaller = new LearnerParams(10, null, null, null, null, null, null);
        assertThatThrownBy(() -> SeriesModel.readFrom(smaller, new DataInputStream(new ByteArrayInputStream(other))))
                .isInstanceOf(IOException.class).hasMessageContaining("KNN window 30").hasMessageContaining("10");
    }
}
