package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The pooled learner's core: warm-up, what it learns from a group's days, closed days, state round trips. */
class PooledProfileTest {
    static final PooledParams P = PooledParams.DEFAULTS;
    static final int[] NO_EVENTS = {};
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
        learn(p, s, days, snapLift, P);
    }

    static void learn(PooledProfile p, PooledProfile.Series[] s, int days, double snapLift, PooledParams params) {
        for (int d = 0; d < days; d++) {
            int day = START + d;
            boolean snap = LocalDate.ofEpochDay(day).getDayOfMonth() <= 10;
            int[] ys = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                ys[i] = (int) Math.round((5 + 3 * i) * WEEK[Days.weekday(day)] * (snap ? snapLift : 1));
            }
            p.learnDay(day, snap, NO_EVENTS, s, ys, params);
        }
    }

    @Test
    void warmUpAveragesTheFirstDaysThenStartsTheLevelThere() {
        PooledProfile p = new PooledProfile(0);
        PooledProfile.Series[] s = series(1);
        int[] values = {2, 4, 0, 6, 3, 1, 5};
        for (int d = 0; d < P.warmUpDays() - 1; d++) {
            p.learnDay(START + d, false, NO_EVENTS, s, new int[]{values[d]}, P);
        }
        assertThat(p.forecast(s[0], START + 10, false, NO_EVENTS, P)).isEqualTo((2 + 4 + 0 + 6 + 3 + 1) / 6.0);
        assertThat(s[0].mae()).isNaN();
        p.learnDay(START + 6, false, NO_EVENTS, s, new int[]{values[6]}, P);
        assertThat(s[0].n()).isEqualTo(7);
        assertThat(s[0].level).isCloseTo(3.0 + 1e-3, within(1e-12));
    }

    @Test
    void learnsTheGroupsWeekAndEachSeriesLevel() {
        PooledProfile p = new PooledProfile(0);
        PooledProfile.Series[] s = series(20);
        learn(p, s, 182, 1.0);
        for (int i = 0; i < s.length; i++) {
            for (int d = 0; d < 7; d++) {
                int day = START + 182 + d;
                double expected = (5 + 3 * i) * WEEK[Days.weekday(day)];
                assertThat(p.forecast(s[i], day, false, NO_EVENTS, P)).as("series %d day %d", i, d)
                        .isCloseTo(expected, within(0.08 * expected + 0.3));
            }
        }
        assertThat(s[19].mae()).as("within 10 %% of its base").isLessThan(0.1 * (5 + 3 * 19));
    }

    @Test
    void learnsTheSnapLiftWhenItsRateIsOn() {
        PooledParams withSnap = new PooledParams(null, null, 0.1, null, null, null, null, null, null);
        PooledProfile p = new PooledProfile(0);
        PooledProfile.Series[] s = series(20);
        learn(p, s, 182, 1.5, withSnap);
        int day = START + 182;
        double snap = p.forecast(s[10], day, true, NO_EVENTS, withSnap);
        double plain = p.forecast(s[10], day, false, NO_EVENTS, withSnap);
        assertThat(snap / plain).isCloseTo(1.5, within(0.15));
    }

    @Test
    void aDayOnWhichTheWholeGroupSoldNothingTeachesNothing() {
        PooledProfile p = new PooledProfile(0);
        PooledProfile.Series[] s = series(5);
        learn(p, s, 60, 1.2);
        double[] group = p.toArray();
        double[][] before = Arrays.stream(s).map(PooledProfile.Series::toArray).toArray(double[][]::new);
        p.learnDay(START + 60, false, NO_EVENTS, s, new int[5], P);
        assertThat(Arrays.copyOf(p.toArray(), 39)).as("week, SNAP, day of month")
                .containsExactly(Arrays.copyOf(group, 39));
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
        PooledProfile p = new PooledProfile(0);
        PooledProfile.Series[] s = series(4);
        learn(p, s, 40, 1.3);
        PooledProfile q = PooledProfile.fromArray(p.toArray(), 0);
        PooledProfile.Series[] t = Arrays.stream(s).map(x -> PooledProfile.Series.fromArray(x.toArray()))
                .toArray(PooledProfile.Series[]::new);
        int[] ys = {3, 0, 7, 2};
        p.learnDay(START + 40, true, NO_EVENTS, s, ys, P);
        q.learnDay(START + 40, true, NO_EVENTS, t, ys, P);
        assertThat(q.toArray()).containsExactly(p.toArray());
        for (int i = 0; i < s.length; i++) {
            assertThat(t[i].toArray()).containsExactly(s[i].toArray());
            assertThat(t[i].accepts(START + 40)).isFalse();
        }
    }

    @Test
    void aFreshSeriesForecastsZeroAndForecastingChangesNothing() {
        PooledProfile p = new PooledProfile(0);
        assertThat(p.forecast(new PooledProfile.Series(), START, true, NO_EVENTS, P)).isEqualTo(0.0);
        PooledProfile.Series[] s = series(3);
        learn(p, s, 30, 1.2);
        double[] group = p.toArray();
        double[] one = s[1].toArray();
        double first = p.forecast(s[1], START + 30, true, NO_EVENTS, P);
        assertThat(p.forecast(s[1], START + 30, true, NO_EVENTS, P)).isEqualTo(first);
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

    /** Four years of group totals of WEEK × 1000 whose one yearly event sells {@code dayLift} and its eve {@code eveLift}. */
    static PooledProfile yearsOfTotals(PooledParams params, double eveLift, double dayLift) {
        PooledProfile p = new PooledProfile(2);
        for (int d = 0; d < 4 * 364; d++) {
            int day = START + d;
            int[] events = events(d);
            double lift = events.length == 0 ? 1 : events[0] == 0 ? eveLift : dayLift;
            p.learnTotal(day, false, events, Math.round(1000 * WEEK[Days.weekday(day)] * lift), params);
        }
        return p;
    }

    /** The factors active on day {@code d} after START: the event falls on day 200 of every 364 (its eve, 199). */
    static int[] events(int d) {
        return d % 364 == 200 ? new int[]{1} : d % 364 == 199 ? new int[]{0} : NO_EVENTS;
    }

    @Test
    void yearsOfGroupTotalsTeachTheWeekAndAnEventsDayAndEve() {
        PooledParams fast = new PooledParams(null, null, null, null, null, null, null, 0.5, null);
        PooledProfile p = yearsOfTotals(fast, 1.3, 0.6);
        PooledProfile.Series[] s = series(1);
        int day0 = START + 4 * 364;
        for (int d = 0; d < 14; d++) {
            p.learnDay(day0 + d, false, events(d), s, new int[]{(int) Math.round(10 * WEEK[Days.weekday(day0 + d)])},
                    fast);
        }
        int plain = day0 + 14 + 180;
        int eve = day0 + 199 + 364 - 364;
        double base = p.forecast(s[0], plain, false, NO_EVENTS, fast) / WEEK[Days.weekday(plain)];
        assertThat(base).isCloseTo(10, within(0.8));
        assertThat(p.forecast(s[0], eve + 1, false, new int[]{1}, fast) / WEEK[Days.weekday(eve + 1)] / base)
                .isCloseTo(0.6, within(0.06));
        assertThat(p.forecast(s[0], eve, false, new int[]{0}, fast) / WEEK[Days.weekday(eve)] / base)
                .isCloseTo(1.3, within(0.1));
    }

    @Test
    void anEventDayTeachesOnlyItsEventFactors() {
        PooledProfile p = yearsOfTotals(P, 1.0, 0.5);
        double[] before = p.toArray();
        int eventDay = START + 4 * 364 + 200;
        p.learnTotal(eventDay - 1, false, NO_EVENTS, Math.round(1000 * WEEK[Days.weekday(eventDay - 1)]), P);
        double[] plainDay = p.toArray();
        p.learnTotal(eventDay, true, new int[]{1}, 100, P);
        double[] after = p.toArray();
        assertThat(Arrays.copyOfRange(after, 0, 39)).as("week, SNAP, day of month")
                .containsExactly(Arrays.copyOfRange(plainDay, 0, 39));
        assertThat(after[after.length - 1]).isLessThan(plainDay[plainDay.length - 1]);
        assertThat(Arrays.copyOfRange(plainDay, 0, 39)).isNotEqualTo(Arrays.copyOfRange(before, 0, 39));
    }

    @Test
    void totalsAreLearnedInDateOrderAndOnlyBeforeTheFirstSeriesDay() {
        PooledProfile p = new PooledProfile(0);
        p.learnTotal(START, false, NO_EVENTS, 10, P);
        assertThat(p.acceptsTotal(START)).isFalse();
        assertThatThrownBy(() -> p.learnTotal(START, false, NO_EVENTS, 10, P)).hasMessageContaining("not after");
        assertThat(p.acceptsTotal(START + 1)).isTrue();
        p.learnDay(START + 5, false, NO_EVENTS, series(1), new int[]{3}, P);
        assertThat(p.acceptsTotal(START + 6)).as("the series have taken over").isFalse();
    }

    @Test
    void aTotalOfZeroTeachesNothingAndTheStateRoundTrips() {
        PooledProfile p = yearsOfTotals(P, 1.2, 0.7);
        double[] before = p.toArray();
        p.learnTotal(START + 5 * 364, false, NO_EVENTS, 0, P);
        double[] after = p.toArray();
        after[42] = before[42]; // only its last day moved
        assertThat(after).containsExactly(before);
        assertThat(PooledProfile.fromArray(p.toArray(), 2).toArray()).containsExactly(p.toArray());
    }

    @Test
    void readsTheFirstStateLayoutWithoutEventsOrGroupLevel() {
        PooledProfile p = new PooledProfile(0);
        learn(p, series(3), 30, 1.2);
        double[] first = Arrays.copyOf(p.toArray(), 39);
        PooledProfile q = PooledProfile.fromArray(first, 4);
        assertThat(Arrays.copyOf(q.toArray(), 39)).containsExactly(first);
        assertThat(q.toArray()).hasSize(39 + 5 + 4);
        assertThatThrownBy(() -> PooledProfile.fromArray(new double[40], 4)).hasMessageContaining("expected 48");
    }

    @Test
    void rejectsParametersOutOfRange() {
        assertThatThrownBy(() -> new PooledParams(1.5, 0.1, 0.1, 0.1, 0.1, 7, 5.0, null, null))
                .hasMessageContaining("levelRate");
        assertThatThrownBy(() -> new PooledParams(0.1, 0.1, 0.1, 0.1, 0.1, 0, 5.0, null, null))
                .hasMessageContaining("warmUpDays");
        assertThatThrownBy(() -> new PooledParams(null, null, null, null, null, null, null, 1.1, null))
                .hasMessageContaining("eventRate");
        assertThatThrownBy(() -> new PooledParams(null, null, null, null, null, null, null, null, -0.1))
                .hasMessageContaining("groupLevelRate");
    }
}
