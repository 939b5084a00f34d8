package dev.streamcast.learn;

import java.time.LocalDate;

/**
 * The pooled learner: a multiplicative demand model whose shape is learned from all the series of a group (an M5
 * store × department) and whose level is each series' own. A series' expected sales on a day are
 * <pre>
 *   mu = level × exp(weekday[wd] + snap·isSnap + monthDay[dom] + ownWeekday[wd])
 * </pre>
 * where {@code weekday}, {@code snap} and {@code monthDay} are the group's log factors, {@code ownWeekday} the
 * series' small deviation from its group's week, and {@code level} the series' exponentially weighted mean of its
 * deseasonalised sales. It learns one day of the group at a time ({@link #learnDay}), online: the group's
 * expected total is compared with its sold total (ratio r), each active factor takes a step
 * {@code rate · (r − 1)} (stochastic gradient of the Poisson log-likelihood of the group's total), then every
 * series updates its level and own week. A day on which the whole group sold nothing (stores closed, e.g.
 * Christmas) teaches nothing. Forecasts ({@link #forecast}) use the current factors with each future day's
 * weekday, day of month and SNAP flag, all known in advance.
 *
 * <p>Plain Java, no Flink: the job keeps the group factors and each series' {@link Series} in keyed state.
 * Sums over a day's series run in the order given, so callers pass series in a fixed order (by id) for results
 * that do not depend on arrival order.
 */
public final class PooledProfile {
    /** Length of {@link #toArray()}. */
    public static final int STATE_SIZE = 7 + 1 + 31;
    private static final double MIN_MU = 0.1;
    private static final double MIN_RESIDUAL = -1;
    private static final double MAX_RESIDUAL = 3;
    private static final double INITIAL_LEVEL_OFFSET = 1e-3;

    private final double[] weekday = new double[7];
    private double snap;
    private final double[] monthDay = new double[31];

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

    public double[] toArray() {
        double[] a = new double[STATE_SIZE];
        System.arraycopy(weekday, 0, a, 0, 7);
        a[7] = snap;
        System.arraycopy(monthDay, 0, a, 8, 31);
        return a;
    }

    public static PooledProfile fromArray(double[] a) {
        if (a.length != STATE_SIZE) {
            throw new IllegalArgumentException("pooled group state has " + a.length + " values, expected "
                    + STATE_SIZE);
        }
        PooledProfile p = new PooledProfile();
        System.arraycopy(a, 0, p.weekday, 0, 7);
        p.snap = a[7];
        System.arraycopy(a, 8, p.monthDay, 0, 31);
        return p;
    }

    /** The series' factor on {@code epochDay} (its expected sales divided by its level). */
    private double factor(Series s, int epochDay, boolean isSnap) {
        int wd = Days.weekday(epochDay);
        int dom = LocalDate.ofEpochDay(epochDay).getDayOfMonth() - 1;
        return Math.exp(weekday[wd] + (isSnap ? snap : 0) + monthDay[dom] + s.ownWeekday[wd]);
    }

    /** The series' forecast for {@code epochDay}; changes nothing. Before its warm-up ends: the mean so far. */
    public double forecast(Series s, int epochDay, boolean isSnap, PooledParams p) {
        if (s.n < p.warmUpDays()) {
            return s.n == 0 ? 0.0 : s.warmUpSum / s.n;
        }
        return s.level * factor(s, epochDay, isSnap);
    }

    /**
     * Learns one day of the group: {@code series[i]} sold {@code ys[i]} units on {@code epochDay}. Every series
     * must accept the day ({@link Series#accepts}). Series still in their warm-up only add to their first level.
     */
    public void learnDay(int epochDay, boolean isSnap, Series[] series, int[] ys, PooledParams p) {
        int count = series.length;
        double[] f = new double[count];
        double[] mu = new double[count];
        double sumY = 0;
        double sumMu = 0;
        for (int i = 0; i < count; i++) {
            Series s = series[i];
            if (s.n >= p.warmUpDays()) {
                f[i] = factor(s, epochDay, isSnap);
                mu[i] = s.level * f[i];
                sumY += ys[i];
                sumMu += mu[i];
            }
        }
        boolean closed = sumY == 0;
        int wd = Days.weekday(epochDay);
        if (!closed) {
            double step = (sumMu > 0 ? Math.min(Math.max(sumY / sumMu, 0), p.maxRatio()) : 1) - 1;
            int dom = LocalDate.ofEpochDay(epochDay).getDayOfMonth() - 1;
            weekday[wd] += p.weekdayRate() * step;
            center(weekday);
            if (isSnap) {
                snap += p.snapRate() * step;
            }
            monthDay[dom] += p.monthDayRate() * step;
            center(monthDay);
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
