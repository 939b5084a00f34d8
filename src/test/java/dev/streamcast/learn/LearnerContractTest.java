package dev.streamcast.learn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every learner (pipeline) passes: a fresh one predicts its documented default (0.0);
 * {@code predict} changes nothing while {@code predictOne} fits the scaler; learning follows a prediction; its
 * state round-trips through
 * serialisation and the restored learner predicts and learns identically afterwards. The pooled learner is no
 * series pipeline: its own contract (a fresh series forecasts 0, forecasting changes nothing, state round-trips) is
 * in {@link PooledProfileTest}.
 */
class LearnerContractTest {
    private static final LearnerParams P = LearnerParams.seed();

    @ParameterizedTest
    @EnumSource(value = Learner.class, mode = EnumSource.Mode.EXCLUDE, names = "POOLED")
    void freshLearnerPredictsZero(Learner learner) {
        double[] x = randomVector(new Random(1));
        assertThat(Pipeline.of(learner, P).predict(x)).isEqualTo(0.0);
        assertThat(Pipeline.of(learner, P).predictOne(x)).isEqualTo(0.0);
    }

    @ParameterizedTest
    @EnumSource(value = Learner.class, mode = EnumSource.Mode.EXCLUDE, names = "POOLED")
    void predictChangesNothingButPredictOneFitsTheScaler(Learner learner) throws IOException {
        Pipeline pipeline = trained(learner, 40, 7);
        double[] x = randomVector(new Random(99));
        byte[] before = bytes(pipeline);
        double first = pipeline.predict(x);
        assertThat(pipeline.predict(x)).isEqualTo(first);
        assertThat(bytes(pipeline)).isEqualTo(before);

        pipeline.predictOne(x);
        assertThat(bytes(pipeline)).isNotEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(value = Learner.class, mode = EnumSource.Mode.EXCLUDE, names = "POOLED")
    void stateRoundTripsAndTheRestoredLearnerBehavesIdentically(Learner learner) throws IOException {
        Pipeline original = trained(learner, 45, 3);
        Pipeline restored = Pipeline.of(learner, P);
        restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes(original))), SeriesModel.LAYOUT_VERSION);
        assertThat(bytes(restored)).isEqualTo(bytes(original));

        Random r = new Random(5);
        for (int i = 0; i < 20; i++) {
            double[] x = randomVector(r);
            int y = r.nextInt(10);
            assertThat(restored.predictOne(x)).isEqualTo(original.predictOne(x));
            restored.learnLast(y);
            original.learnLast(y);
        }
        assertThat(bytes(restored)).isEqualTo(bytes(original));
    }

    @ParameterizedTest
    @EnumSource(value = Learner.class, mode = EnumSource.Mode.EXCLUDE, names = "POOLED")
    void learningNeedsThePredictionOfTheSameEventFirst(Learner learner) {
        Pipeline p = trained(learner, 3, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.learnLast(1))
                .isInstanceOf(IllegalStateException.class);
        p.predict(randomVector(new Random(2)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.learnLast(1))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Learner.class, mode = EnumSource.Mode.EXCLUDE, names = "POOLED")
    void learnerReportsItsKind(Learner learner) {
        assertThat(Pipeline.of(learner, P).learner()).isEqualTo(learner);
    }

    static Pipeline trained(Learner learner, int events, long seed) {
        Pipeline p = Pipeline.of(learner, P);
        Random r = new Random(seed);
        for (int i = 0; i < events; i++) {
            double[] x = randomVector(r);
            p.predictOne(x);
            p.learnLast(r.nextInt(20));
        }
        return p;
    }

    static double[] randomVector(Random r) {
        double[] x = new double[P.featureCount()];
        for (int f = 0; f < x.length - 1; f++) {
            x[f] = r.nextInt(50) / 7.0;
        }
        x[x.length - 1] = r.nextInt(7);
        return x;
    }

    static byte[] bytes(Pipeline p) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        p.writeTo(new DataOutputStream(bos));
        return bos.toByteArray();
    }
}
