package dev.streamcast.functions;

import dev.streamcast.learn.Learner;
import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.SalesEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.streamcast.functions.DailyMetricsAggregate.addObservation;
import static org.assertj.core.api.Assertions.assertThat;

/** One day's metrics from forecast records: requests ignored, exact means, the same whatever the order. */
class DailyMetricsAggregateTest {
    private static final int DAY = (int) LocalDate.of(2016, 3, 1).toEpochDay();
    private final DailyMetricsAggregate agg = new DailyMetricsAggregate();

    private static ForecastRecord obs(int y, double predKnn, double predLm, Learner served, double maeKnn,
                                      double maeLm) {
        double prediction = served == Learner.KNN ? predKnn : predLm;
        return new ForecastRecord("S_" + y, DAY, y, predKnn, predLm, served, prediction, maeKnn, maeLm, 10);
    }

    private static ForecastRecord request(double maeKnn, double maeLm) {
        return new ForecastRecord("R", DAY, SalesEvent.NO_VALUE, 100, 200, Learner.KNN, 100, maeKnn, maeLm, 10);
    }

    /** knn chosen (0.5 < 0.7); a tie chooses lm; lm chosen (2.0 > 1.5). */
    private static final ForecastRecord A = obs(3, 2.0, 4.5, Learner.KNN, 0.5, 0.7);
    private static final ForecastRecord B = obs(0, 1.0, 0.25, Learner.LM, 1.0, 1.0);
    private static final ForecastRecord C = obs(10, 7.5, 9.0, Learner.LM, 2.0, 1.5);

    private DailyMetrics aggregate(List<ForecastRecord> records) {
        DailyMetricsAggregate.Accumulator acc = agg.createAccumulator();
        for (ForecastRecord r : records) {
            acc = addObservation(r, acc);
        }
        return agg.getResult(acc);
    }

    @Test
    void computesMeansAndTheKnnShareOfObservations() {
        DailyMetrics m = aggregate(List.of(A, B, C));
        // |3-2|+|0-1|+|10-7.5| = 4.5; |3-4.5|+|0-0.25|+|10-9| = 2.75; served: 1 + 0.25 + 1 = 2.25
        assertThat(m).isEqualTo(new DailyMetrics(DAY, 3, 1.5, 2.75 / 3, 0.75, 1.0 / 3));
    }

    @Test
    void knnShareFollowsLearnerChooseWithTiesGoingToLm() {
        assertThat(Learner.choose(1.0, 1.0)).isEqualTo(Learner.LM);
        assertThat(aggregate(List.of(B)).knnShare()).isZero();
        assertThat(aggregate(List.of(A)).knnShare()).isEqualTo(1.0);
        // the share uses the running MAEs, not which learner served the record
        ForecastRecord servedByLmButKnnBetterNow = obs(4, 4.0, 4.0, Learner.LM, 0.1, 0.2);
        assertThat(aggregate(List.of(servedByLmButKnnBetterNow, C)).knnShare()).isEqualTo(0.5);
    }

    @Test
    void requestsAreIgnored() {
        DailyMetricsAggregate.Accumulator acc = agg.createAccumulator();
        acc = addObservation(request(0.1, 5.0), acc);
        assertThat(acc.events).isZero();
        assertThat(acc.knnChosen).isZero();
        assertThat(acc.day).isEqualTo(Integer.MIN_VALUE);
        assertThat(acc.errorKnn.value()).isZero();
        assertThat(aggregate(List.of(request(0.1, 5.0), A, request(0.1, 5.0), B, C, request(0.0, 1.0))))
                .isEqualTo(aggregate(List.of(A, B, C)));
    }

    @Test
    void mergeCombinesPartialAccumulatorsIncludingEmptyOnes() {
        DailyMetricsAggregate.Accumulator left = addObservation(A, agg.createAccumulator());
        DailyMetricsAggregate.Accumulator right = addObservation(C, addObservation(B, agg.createAccumulator()));
        DailyMetricsAggregate.Accumulator merged = agg.merge(agg.merge(agg.createAccumulator(), left), right);
        merged = agg.merge(merged, agg.createAccumulator());
        // the window adds the partial sums one by one
        assertThat(agg.getResult(agg.add(right, agg.add(left, agg.createAccumulator()))))
                .isEqualTo(aggregate(List.of(A, B, C)));
        assertThat(agg.getResult(merged)).isEqualTo(aggregate(List.of(A, B, C)));
        assertThat(merged.day).isEqualTo(DAY);
    }

    private static ForecastRecord randomObservation(Random r) {
        double scale = Math.pow(10, r.nextInt(12) - 4);
        return new ForecastRecord("S_" + r.nextInt(30), DAY, r.nextInt(50), r.nextDouble() * 50 * scale,
                r.nextGaussian() * 20 * scale, r.nextBoolean() ? Learner.KNN : Learner.LM, r.nextDouble() * 40,
                r.nextInt(4) * 0.5, r.nextInt(4) * 0.5, r.nextInt(1000));
    }

    private static double exactMean(List<ForecastRecord> records, java.util.function.ToDoubleFunction<ForecastRecord> f) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ForecastRecord r : records) {
            sum = sum.add(new BigDecimal(f.applyAsDouble(r)));
        }
        return sum.doubleValue() / records.size();
    }

    @Test
    void resultIsIdenticalWhateverTheOrderOfAddsAndMerges() {
        Random r = new Random(1913);
        for (int trial = 0; trial < 100; trial++) {
            List<ForecastRecord> records = new ArrayList<>();
            int n = 1 + r.nextInt(80);
            for (int i = 0; i < n; i++) {
                records.add(r.nextInt(8) == 0 ? request(r.nextDouble(), r.nextDouble()) : randomObservation(r));
            }
            if (records.stream().allMatch(ForecastRecord::isRequest)) {
                records.add(randomObservation(r));
            }
            DailyMetrics expected = aggregate(records);
            List<ForecastRecord> observations = records.stream().filter(x -> !x.isRequest()).toList();
            assertThat(expected.events()).isEqualTo(observations.size());
            assertThat(expected.maeKnn()).isEqualTo(exactMean(observations, x -> Math.abs(x.y() - x.predKnn())));
            assertThat(expected.maeLm()).isEqualTo(exactMean(observations, x -> Math.abs(x.y() - x.predLm())));
            assertThat(expected.maeServed()).isEqualTo(exactMean(observations, x -> Math.abs(x.y() - x.prediction())));
            assertThat(expected.knnShare()).isEqualTo((double) observations.stream()
                    .filter(x -> Learner.choose(x.maeKnn(), x.maeLm()) == Learner.KNN).count() / observations.size());

            for (int shuffle = 0; shuffle < 10; shuffle++) {
                Collections.shuffle(records, r);
                int k = 1 + r.nextInt(5);
                List<DailyMetricsAggregate.Accumulator> parts = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    parts.add(agg.createAccumulator());
                }
                for (ForecastRecord rec : records) {
                    int i = r.nextInt(k);
                    parts.set(i, addObservation(rec, parts.get(i)));
                }
                while (parts.size() > 1) {
                    DailyMetricsAggregate.Accumulator a = parts.remove(r.nextInt(parts.size()));
                    DailyMetricsAggregate.Accumulator b = parts.remove(r.nextInt(parts.size()));
                    parts.add(agg.merge(a, b));
                }
                assertThat(agg.getResult(parts.get(0))).isEqualTo(expected);
            }
        }
    }
}
