package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** creme's KNN quirks: squared distance, 1/d² weights, the exact-zero rule, oldest-first ties, the window. */
class KnnRegressorTest {

    @Test
    void emptyWindowPredictsZero() {
        assertThat(new KnnRegressor(30, 2, 15).predict(new double[] {1, 2})).isEqualTo(0.0);
    }

    @Test
    void oneNeighbourGivesCremesUnnormalisedQuotient() {
        KnnRegressor knn = new KnnRegressor(30, 1, 15);
        knn.learn(new double[] {0.0}, 49);
        // (49/d)/(1/d) with d = 0.3² rounds to 48.99999999999999 in creme, not 49
        double d = 0.3 * 0.3;
        assertThat(knn.predict(new double[] {0.3})).isEqualTo((49 / d) / (1 / d));
    }

    @Test
    void distanceIsSquaredEuclideanAndWeightsAreInverse() {
        KnnRegressor knn = new KnnRegressor(30, 2, 15);
        knn.learn(new double[] {1, 0}, 10); // squared distance 1 from the origin
        knn.learn(new double[] {0, 2}, 20); // squared distance 4
        double expected = (10 / 1.0 + 20 / 4.0) / (1 / 1.0 + 1 / 4.0);
        assertThat(knn.predict(new double[] {0, 0})).isEqualTo(expected);
    }

    @Test
    void exactMatchReturnsTheOldestExactNeighboursTarget() {
        KnnRegressor knn = new KnnRegressor(30, 2, 15);
        knn.learn(new double[] {5, 5}, 1);
        knn.learn(new double[] {0, 0}, 7);
        knn.learn(new double[] {0, 0}, 9);
        assertThat(knn.predict(new double[] {0, 0})).isEqualTo(7.0);
    }

    @Test
    void tiesKeepTheOldestPointsWhenMoreThanKAreEquallyNear() {
        KnnRegressor knn = new KnnRegressor(30, 1, 2);
        knn.learn(new double[] {1}, 0);
        knn.learn(new double[] {-1}, 0);
        knn.learn(new double[] {1}, 100);
        // all three at squared distance 1; k = 2 keeps the two oldest (y = 0, 0)
        assertThat(knn.predict(new double[] {0})).isEqualTo(0.0);
    }

    @Test
    void fewerThanKPointsUsesAllOfThem() {
        KnnRegressor knn = new KnnRegressor(30, 1, 15);
        knn.learn(new double[] {1}, 2);
        knn.learn(new double[] {2}, 4);
        double expected = (2 / 1.0 + 4 / 4.0) / (1 / 1.0 + 1 / 4.0);
        assertThat(knn.predict(new double[] {0})).isEqualTo(expected);
    }

    @Test
    void windowForgetsTheOldestPoint() {
        KnnRegressor knn = new KnnRegressor(2, 1, 15);
        knn.learn(new double[] {0}, 1);
        knn.learn(new double[] {10}, 5);
        knn.learn(new double[] {20}, 6);
        // the exact match at 0 was evicted; nearest are 10 (d=100) and 20 (d=400)
        assertThat(knn.predict(new double[] {0})).isCloseTo((5 / 100.0 + 6 / 400.0) / (1 / 100.0 + 1 / 400.0),
                within(0.0));
    }

    @Test
    void onlyTheKNearestCount() {
        KnnRegressor knn = new KnnRegressor(30, 1, 1);
        knn.learn(new double[] {3}, 30);
        knn.learn(new double[] {1}, 10);
        knn.learn(new double[] {2}, 20);
        assertThat(knn.predict(new double[] {0})).isEqualTo((10 / 1.0) / (1 / 1.0));
    }
}
