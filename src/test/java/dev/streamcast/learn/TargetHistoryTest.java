package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rolling means over min(count, n) values from one ring per group, exact as creme's integer sums. */
class TargetHistoryTest {

    @Test
    void rollingMeansFillUpLikeCremesRollingMean() {
        LearnerParams p = new LearnerParams(null, null, null, null, null, List.of(1), List.of(3));
        TargetHistory h = new TargetHistory(p);
        double[] x = new double[p.featureCount()];
        double[] expected = {0.0, 1.0, 1.5, 7 / 3.0, 14 / 3.0};
        int[] ys = {1, 2, 4, 8};
        for (int i = 0; i < expected.length; i++) {
            h.features(p, 0, x);
            assertThat(x[1]).as("item mean after " + i + " values").isEqualTo(expected[i]);
            if (i < ys.length) {
                h.update(0, ys[i]);
            }
        }
    }

    @Test
    void weekdayGroupsAreSeparateAndNeverSeenGroupsAreZero() {
        LearnerParams p = new LearnerParams(null, null, null, null, null, List.of(2, 1), List.of(2, 1));
        TargetHistory h = new TargetHistory(p);
        h.update(0, 10);
        h.update(1, 20);
        h.update(0, 30);
        double[] x = new double[p.featureCount()];
        h.features(p, 0, x);
        assertThat(x).containsExactly(20.0, 30.0, 25.0, 30.0, 0.0);
        h.features(p, 1, x);
        assertThat(x).containsExactly(20.0, 20.0, 25.0, 30.0, 1.0);
        h.features(p, 6, x);
        assertThat(x).containsExactly(0.0, 0.0, 25.0, 30.0, 6.0);
    }

    @Test
    void allWindowsAreServedFromOneRingPastItsWrapAround() {
        LearnerParams p = new LearnerParams(null, null, null, null, null, List.of(1), List.of(4, 2));
        TargetHistory h = new TargetHistory(p);
        for (int y = 1; y <= 11; y++) {
            h.update(3, y);
        }
        double[] x = new double[p.featureCount()];
        h.features(p, 3, x);
        assertThat(x).containsExactly(11.0, (8 + 9 + 10 + 11) / 4.0, (10 + 11) / 2.0, 3.0);
    }
}
