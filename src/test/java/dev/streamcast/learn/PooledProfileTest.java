package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pooled learner's core: warm-up, what it learns from a group's days, closed days, state round trips. */
class PooledProfileTest {
    static final PooledParams P = PooledParams.DEFAULTS;
    static final int START = (int) LocalDate.of(2016, 1, 4).toEpochDay(); // a Monday
    /** Weekday pattern, Monday first. */
    static final double[] WEEK = {1.0, 0.8, 0.8, 0.9, 1.2, 1.6, 1.4};

    static PooledProfile.Series[] series(int n) {
        PooledProfile.Series[] s = new PooledProfile.Series[n];
        Arrays.setAll(s, i -> new PooledProfile.Series());
        return s;
    }

    /** Series i sells round(base_i × WEEK[weekday] × (snap ? snapLift : 1)) each day; SNAP on days 1-10 of a month. */
    static void learn(PooledProfile p, PooledProfile.Series[] s, int days, double snapLift) {
        for (int d = 0; d < days; d++) {
            int day = START + d;
            boolean snap = LocalDate.ofEpochDay(day).getDayOfMonth() <= 10;
            int[] ys = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                ys[i] = (int) Math.round((5 + 3 * i) * WEEK[Days.weekday(day)] * (snap ? snapLift : 1));
            }
            p.learnDay(day, snap, s, ys, P);
        }
    }

    @Test
    void warmUpAveragesTheFirstDaysThenStartsTheLevelThere() {
        PooledProfile p = new PooledProfile();
        PooledProfile.Series[] s = series(1);
        int[] values = {2, 4, 0, 6, 3, 1, 5};
        for (int d = 0; d < P.warmUpDays() - 1; d++) {
            p.learnDay(START + d, false, s, new int[]{values[d]}, P);
        }
        assertThat(p.forecast(s[0], START + 10, false, P)).isEqualTo((2 + 4 + 0 + 6 + 3 + 1) / 6.0);
        assertThat(s[0].mae()).isNaN();
        p.learnDay(START + 6, false, s, new int[]{values[6]}, P);
        assertThat(s[0].n()).isEqualTo(7);
        assertThat(s[0].level).isCloseTo(3.0 + 1e-3, within(1e-12));
    }

    @Test
    void learnsTheGroupsWeekAndEachSeriesLevel() {
        PooledProfile p = new PooledProfile();
        PooledProfile.Series[] s = series(20);
        learn(p, s, 182, 1.0);
        for (int i = 0; i < s.length; i++) {
            for (int d = 0; d < 7; d++) {
                int day = START + 182 + d;
                double expected = (5 + 3 * i) * WEEK[Days.weekday(day)];
                assertThat(p.forecast(s[i], day, false, P)).as("series %d day %d", i, d)
                        .isCloseTo(expected, within(0.08 * expected + 0.3));
            }
        }
        assertThat(s[19].mae()).as("within 10 %% of its base").isLessThan(0.1 * (5 + 3 * 19));
    }

    @Test
    void learnsTheSnapLift() {
        PooledProfile p = new PooledProfile();
        PooledProfile.Series[] s = series(20);
        learn(p, s, 182, 1.5);
        int day = START + 182;
        double snap = p.forecast(s[10], day, true, P);
        double plain = p.forecast(s[10], day, false, P);
        assertThat(snap / plain).isCloseTo(1.5, within(0.15));
    }

    @Test
    void aDayOnWhichTheWholeGroupSoldNothingTeachesNothing() {
        PooledProfile p = new PooledProfile();
        PooledProfile.Series[] s = series(5);
        learn(p, s, 60, 1.2);
        double[] group = p.toArray();
        double[][] before = Arrays.stream(s).map(PooledProfile.Series::toArray).toArray(double[][]::new);
        p.learnDay(START + 60, false, s, new int[5], P);
        assertThat(p.toArray()).containsExactly(group);
        for (int i = 0; i < s.length; i++) {
            double[] after = s[i].toArray();
            assertThat(after[0]).isEqualTo(before[i][0]);                              // level
            assertThat(Arrays.copyOfRange(after, 1, 8)).containsExactly(Arrays.copyOfRange(before[i], 1, 8));
            assertThat(s[i].n()).isEqualTo(61);
            assertThat(s[i].lastDay()).isEqualTo(START + 60);
        }
    }

    @Test
    void stateRoundTripsExactlyAndLearningGoesOnTheSame() {
        PooledProfile p = new PooledProfile();
        PooledProfile.Series[] s = series(4);
        learn(p, s, 40, 1.3);
        PooledProfile q = PooledProfile.fromArray(p.toArray());
        PooledProfile.Series[] t = Arrays.stream(s).map(x -> PooledProfile.Series.fromArray(x.toArray()))
                .toArray(PooledProfile.Series[]::new);
        int[] ys = {3, 0, 7, 2};
        p.learnDay(START + 40, true, s, ys, P);
        q.learnDay(START + 40, true, t, ys, P);
        assertThat(q.toArray()).containsExactly(p.toArray());
        for (int i = 0; i < s.length; i++) {
            assertThat(t[i].toArray()).containsExactly(s[i].toArray());
            assertThat(t[i].accepts(START + 40)).isFalse();
        }
    }

    @Test
    void aFreshSeriesForecastsZeroAndForecastingChangesNothing() {
        PooledProfile p = new PooledProfile();
        assertThat(p.forecast(new PooledProfile.Series(), START, true, P)).isEqualTo(0.0);
        PooledProfile.Series[] s = series(3);
        learn(p, s, 30, 1.2);
        double[] group = p.toArray();
        double[] one = s[1].toArray();
        double first = p.forecast(s[1], START + 30, true, P);
        assertThat(p.forecast(s[1], START + 30, true, P)).isEqualTo(first);
        assertThat(p.toArray()).containsExactly(group);
        assertThat(s[1].toArray()).containsExactly(one);
    }

    @Test
    void groupKeysAreStoreAndDepartmentWithTheState() {
        assertThat(PooledGroup.of("FOODS_3_090_CA_3_validation")).isEqualTo("CA_3|FOODS_3");
        assertThat(PooledGroup.of("HOBBIES_1_001_WI_2")).isEqualTo("WI_2|HOBBIES_1");
        assertThat(PooledGroup.stateOf("CA_3|FOODS_3")).isEqualTo("CA");
        assertThat(PooledGroup.of("shop-7")).isEqualTo("shop-7");
        assertThat(PooledGroup.stateOf("shop-7")).isEmpty();
    }

    @Test
    void rejectsParametersOutOfRange() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PooledParams(1.5, 0.1, 0.1, 0.1, 0.1, 7, 5.0))
                .hasMessageContaining("levelRate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PooledParams(0.1, 0.1, 0.1, 0.1, 0.1, 0, 5.0))
                .hasMessageContaining("warmUpDays");
    }
}
