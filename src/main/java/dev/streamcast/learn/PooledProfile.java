package dev.streamcast.learn;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * The pooled learner: a multiplicative demand model whose shape is learned from all the series of a group (an M5
 * store × department) and whose level is each series' own. A series' expected sales on a day are
 * <pre>
 *   mu = level × exp(weekday[wd] + snap·isSnap + monthDay[dom] + Σ event[e] + ownWeekday[wd])
 * </pre>
 * where {@code weekday}, {@code snap}, {@code monthDay} and {@code event} are the group's log factors (an event
 * factor for each calendar event's day and for its eve, {@link DayCalendar#eventFactors}), {@code ownWeekday} the
 * series' small deviation from its group's week, and {@code level} the series' exponentially weighted mean of its
 * deseasonalised sales. It learns one day of the group at a time ({@link #learnDay}), online: the group's
 * expected total is compared with its sold total (ratio r), each active factor takes a step
 * {@code rate · (r − 1)} (stochastic gradient of the Poisson log-likelihood of the group's total; on a day with
 * events only the event factors), then every series updates its level and own week. A day on which the whole group sold nothing (stores closed, e.g.
 * Christmas) teaches nothing. Forecasts ({@link #forecast}) use the current factors with each future day's
 * weekday, day of month, SNAP flag and events, all known in advance.
 *
 * <p>Before its series' own history starts, a group can learn from its daily totals alone
 * ({@link #learnTotal}, e.g. M5's store × department aggregates since 2011): the same factor steps against a
 * group level of its own. Events recur once a year, so years of totals are what teach their factors.
 *
 * <p>Plain Java, no Flink: the job keeps the group's state ({@link #toArray}) and each series' {@link Series} in
 * keyed state. Sums over a day's series run in the order given, so callers pass series in a fixed order (by id)
 * for results that do not depend on arrival order.
 */
public final class PooledProfile {
    /** Length of {@link #toArray()} without the event factors. */
    private static final int FIXED_SIZE = 7 + 1 + 31 + 5;
    /** Length of the first layout's state (before events and group totals). */
    private static final int FIRST_LAYOUT_SIZE = 7 + 1 + 31;
    private static final double MIN_MU = 0.1;
    private static final double MIN_RESIDUAL = -1;
    private static final double MAX_RESIDUAL = 3;
    private static final double INITIAL_LEVEL_OFFSET = 1e-3;

    private final double[] weekday = new double[7];
    private double snap;
    private final double[] monthDay = new double[31];
    private final double[] event;
    /** The group level of {@link #learnTotal}: its warm-up sum, days learned, and last day learned. */
    private double groupLevel;
    private double groupWarmUpSum;
    private long groupN;
    private int groupLastDay = Integer.MIN_VALUE;
    /** Days learned from series ({@link #learnDay}); once there is one, totals are not learned any more. */
    private long seriesDays;

    /** A new group with {@code eventFactors} event factors ({@link DayCalendar#eventFactorCount()}). */
    public PooledProfile(int eventFactors) {
        event = new double[eventFactors];
    }

    /** One series' part of the model: its level and own week, and progressive-validation counts. */
    public static final class Series {
        /** Length of {@link #toArray()}. */
        public static final int STATE_SIZE = 13;
        double level;
        final double[] ownWeekday = new double[7];
        /** Sum of the warm-up events' sales. */
        double warmUpSum;
        long n;
        int lastDay = Integer.MIN_VALUE;
        /** Sum and count of absolute errors of the predictions made before learning (progressive validation). */
        double absErrorSum;
        long scored;

        public long n() {
            return n;
        }

        public int lastDay() {
            return lastDay;
        }

        /** Running mean absolute error of this series' pooled predictions (NaN before the first). */
        public double mae() {
            return scored == 0 ? Double.NaN : absErrorSum / scored;
        }

        /** True if {@code epochDay} may be learned: after the last learned day. */
        public boolean accepts(int epochDay) {
            return n == 0 || epochDay > lastDay;
        }

        public double[] toArray() {
            double[] a = new double[STATE_SIZE];
            a[0] = level;
            System.arraycopy(ownWeekday, 0, a, 1, 7);
            a[8] = warmUpSum;
            a[9] = n;
            a[10] = lastDay;
            a[11] = absErrorSum;
            a[12] = scored;
            return a;
        }

        public static Series fromArray(double[] a) {
            if (a.length != STATE_SIZE) {
                throw new IllegalArgumentException("pooled series state has " + a.length + " values, expected "
                        + STATE_SIZE);
            }
            Series s = new Series();
            s.level = a[0];
            System.arraycopy(a, 1, s.ownWeekday, 0, 7);
            s.warmUpSum = a[8];
            s.n = (long) a[9];
            s.lastDay = (int) a[10];
            s.absErrorSum = a[11];
            s.scored = (long) a[12];
            return s;
        }
    }

    /** The group's state: its factors, its group level, then its event factors. */
    public double[] toArray() {
        double[] a = new double[FIXED_SIZE + event.length];
        System.arraycopy(weekday, 0, a, 0, 7);
        a[7] = snap;
        System.arraycopy(monthDay, 0, a, 8, 31);
        a[39] = groupLevel;
        a[40] = groupWarmUpSum;
        a[41] = groupN;
        a[42] = groupLastDay;
        a[43] = seriesDays;
        System.arraycopy(event, 0, a, FIXED_SIZE, event.length);
        return a;
    }

    /**
     * The group of {@link #toArray()}; {@code eventFactors} must be the count it was made with. Also reads the
     * first layout (weekday, SNAP and day-of-month factors only), with no group level and event factors 0.
     */
    public static PooledProfile fromArray(double[] a, int eventFactors) {
        if (a.length == FIRST_LAYOUT_SIZE) {
            return fromArray(Arrays.copyOf(a, FIXED_SIZE + eventFactors), eventFactors);
        }
        if (a.length != FIXED_SIZE + eventFactors) {
            throw new IllegalArgumentException("pooled group state has " + a.length + " values, expected "
                    + (FIXED_SIZE + eventFactors) + " (was it made with another calendar's events?)");
        }
        PooledProfile p = new PooledProfile(eventFactors);
        System.arraycopy(a, 0, p.weekday, 0, 7);
        p.snap = a[7];
        System.arraycopy(a, 8, p.monthDay, 0, 31);
        p.groupLevel = a[39];
        p.groupWarmUpSum = a[40];
        p.groupN = (long) a[41];
        p.groupLastDay = (int) a[42];
        p.seriesDays = (long) a[43];
        System.arraycopy(a, FIXED_SIZE, p.event, 0, eventFactors);
        return p;
    }

    /** The group's factor on {@code epochDay}: its expected sales divided by a level, before a series' own week. */
    private double groupLogFactor(int epochDay, boolean isSnap, int[] events) {
        double x = weekday[Days.weekday(epochDay)] + (isSnap ? snap : 0)
                + monthDay[LocalDate.ofEpochDay(epochDay).getDayOfMonth() - 1];
        for (int e : events) {
            x += event[e];
        }
        return x;
    }

    /** The series' forecast for {@code epochDay}; changes nothing. Before its warm-up ends: the mean so far. */
    public double forecast(Series s, int epochDay, boolean isSnap, int[] events, PooledParams p) {
        if (s.n < p.warmUpDays()) {
            return s.n == 0 ? 0.0 : s.warmUpSum / s.n;
        }
        return s.level * Math.exp(groupLogFactor(epochDay, isSnap, events) + s.ownWeekday[Days.weekday(epochDay)]);
    }

    /** True if {@link #learnTotal} may learn {@code epochDay}: after its last day, and no series learned yet. */
    public boolean acceptsTotal(int epochDay) {
        return seriesDays == 0 && epochDay > groupLastDay;
    }

    /**
     * Learns one day of the group from its total alone ({@code units} sold by all its series on {@code epochDay}),
     * against the group level: the first {@code warmUpDays} totals only start that level, later ones step the
     * factors as {@link #learnDay} does and update the level. Days must come in date order
     * ({@link #acceptsTotal}); a total of 0 teaches nothing.
     */
    public void learnTotal(int epochDay, boolean isSnap, int[] events, long units, PooledParams p) {
        if (!acceptsTotal(epochDay)) {
            throw new IllegalArgumentException("day " + epochDay + " is not after the group's last day "
                    + groupLastDay + ", or the group learns from its series already");
        }
        groupLastDay = epochDay;
        if (units == 0) {
            return;
        }
        if (groupN < p.warmUpDays()) {
            groupWarmUpSum += units;
            if (++groupN == p.warmUpDays()) {
                groupLevel = groupWarmUpSum / p.warmUpDays() + INITIAL_LEVEL_OFFSET;
            }
            return;
        }
        double f = Math.exp(groupLogFactor(epochDay, isSnap, events));
        step(epochDay, isSnap, events, units / (groupLevel * f), p);
        groupLevel += p.groupLevelRate() * (units / f - groupLevel);
        groupN++;
    }

    /**
     * One step of the factors of {@code epochDay} for a sold / expected ratio {@code ratio} of the group: on a day
     * with events only the event factors learn (an event's day says little about an ordinary week), on other days
     * the weekday, SNAP and day-of-month factors.
     */
    private void step(int epochDay, boolean isSnap, int[] events, double ratio, PooledParams p) {
        double step = Math.min(Math.max(ratio, 0), p.maxRatio()) - 1;
        if (events.length > 0) {
            for (int e : events) {
                event[e] += p.eventRate() * step;
            }
            return;
        }
        weekday[Days.weekday(epochDay)] += p.weekdayRate() * step;
        center(weekday);
        if (isSnap) {
            snap += p.snapRate() * step;
        }
        monthDay[LocalDate.ofEpochDay(epochDay).getDayOfMonth() - 1] += p.monthDayRate() * step;
        center(monthDay);
    }

    /**
     * Learns one day of the group: {@code series[i]} sold {@code ys[i]} units on {@code epochDay}. Every series
     * must accept the day ({@link Series#accepts}). Series still in their warm-up only add to their first level.
     */
    public void learnDay(int epochDay, boolean isSnap, int[] events, Series[] series, int[] ys, PooledParams p) {
        int count = series.length;
        double[] f = new double[count];
        double[] mu = new double[count];
        double sumY = 0;
        double sumMu = 0;
        int wd = Days.weekday(epochDay);
        double group = groupLogFactor(epochDay, isSnap, events);
        for (int i = 0; i < count; i++) {
            Series s = series[i];
            if (s.n >= p.warmUpDays()) {
                f[i] = Math.exp(group + s.ownWeekday[wd]);
                mu[i] = s.level * f[i];
                sumY += ys[i];
                sumMu += mu[i];
            }
        }
        boolean closed = sumY == 0;
        groupLastDay = Math.max(groupLastDay, epochDay);
        seriesDays++;
        if (!closed) {
            step(epochDay, isSnap, events, sumMu > 0 ? sumY / sumMu : 1, p);
        }
        for (int i = 0; i < count; i++) {
            Series s = series[i];
            int y = ys[i];
            if (s.n >= p.warmUpDays()) {
                s.absErrorSum += Math.abs(y - mu[i]);
                s.scored++;
                if (!closed) {
                    double residual = (y - mu[i]) / Math.max(mu[i], MIN_MU);
                    s.ownWeekday[wd] += p.seriesWeekdayRate()
                            * Math.min(Math.max(residual, MIN_RESIDUAL), MAX_RESIDUAL);
                    center(s.ownWeekday);
                    s.level += p.levelRate() * (y / f[i] - s.level);
                }
            } else {
                s.warmUpSum += y;
                if (s.n + 1 == p.warmUpDays()) {
                    s.level = s.warmUpSum / p.warmUpDays() + INITIAL_LEVEL_OFFSET;
                }
            }
            s.n++;
            s.lastDay = epochDay;
        }
    }

    private static void center(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
        }
    }
}
