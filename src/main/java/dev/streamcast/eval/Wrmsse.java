package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The M5 accuracy metric, WRMSSE, as the organisers computed it (M5 competitors' guide; their benchmark
 * script {@code Point Forecasts - Benchmarks.R}):
 *
 * <ul>
 *   <li>12 levels ({@link M5Level}); each aggregate series is the sum of its bottom series (history, actuals
 *       and forecasts alike);</li>
 *   <li>scale of a series: the mean squared day-to-day difference of its training history from its first
 *       day with units &gt; 0 (leading zeros dropped) through the last training day;</li>
 *   <li>RMSSE = sqrt(mean squared forecast error over the window / scale);</li>
 *   <li>weight: the series' dollar sales (units × sell price) over the 28 days before the window divided by
 *       the level's total (so each level's weights sum to 1); a level's score is the weighted sum of its
 *       RMSSEs, and WRMSSE is the mean of the 12 level scores.</li>
 * </ul>
 *
 * <p>Partial history: a series' training history is the run of known days that ends on the last training
 * day; an aggregate's day is known when all its members are known that day (or when an
 * {@link AggregateHistory} gives it). A history starting after the origin (d_1) is truncated, which the
 * result counts: the score is then approximate.
 *
 * <p>Zero or undefined scales: a series whose history has no day with units &gt; 0, or only one day from its
 * first sale on, or is constant from it, has no RMSSE. The organisers' data has no such series (every series
 * sells before the end of training and varies); their script would give NaN or Inf. Here such a series is
 * left out of its level's sum (it counts 0) and is counted with its weight in the result.
 */
public final class Wrmsse {
    /** M5's first day: histories starting later are truncated. */
    public static final int ORIGIN = 1;

    private Wrmsse() {
    }

    /**
     * Evaluates {@code forecasts[s][h]} (series in {@code sales} order, h = 0 for {@code d_windowFirst}) against
     * the actual units in {@code sales}.
     *
     * @param aggregates given aggregate histories, or {@code null}
     */
    public static WrmsseResult evaluate(M5Sales sales, int windowFirst, double[][] forecasts, DollarSales dollars,
                                        AggregateHistory aggregates, int origin) throws M5DataException {
        int n = sales.size();
        int horizon = forecasts.length == 0 ? 0 : forecasts[0].length;
        int trainingEnd = windowFirst - 1;
        if (forecasts.length != n || horizon == 0) {
            throw new IllegalArgumentException("forecasts for " + forecasts.length + " series, expected " + n);
        }
        int windowLast = windowFirst + horizon - 1;
        int bad = sales.firstUnknown(windowFirst, windowLast);
        if (bad >= 0) {
            throw new M5DataException("the actual units of every series on " + M5Calendar.dayName(windowFirst) + ".."
                    + M5Calendar.dayName(windowLast) + " are needed to score this window, but " + sales.key(bad)
                    + " lacks some (its sales are given for " + DollarSales.describeKnown(sales, bad) + ")");
        }
        if (dollars.dollars().length != n) {
            throw new IllegalArgumentException("dollar sales for " + dollars.dollars().length + " series, expected " + n);
        }
        double total = 0;
        for (double d : dollars.dollars()) {
            total += d;
        }
        if (!(total > 0)) {
            throw new M5DataException("the series have no dollar sales on " + M5Calendar.dayName(dollars.from()) + ".."
                    + M5Calendar.dayName(dollars.to()) + ": the weights are undefined");
        }
        List<WrmsseResult.Level> levels = new ArrayList<>();
        double sum = 0;
        for (M5Level level : M5Level.values()) {
            WrmsseResult.Level r = level(sales, M5Groups.of(level, sales), windowFirst, horizon, forecasts,
                    dollars.dollars(), total, aggregates != null && aggregates.has(level) ? aggregates : null, origin);
            levels.add(r);
            sum += r.score();
        }
        return new WrmsseResult(sum / levels.size(), levels, windowFirst, horizon, origin, n,
                dollars.unpricedUnitDays());
    }

    private static WrmsseResult.Level level(M5Sales sales, M5Groups groups, int windowFirst, int horizon,
                                            double[][] forecasts, double[] dollars, double total,
                                            AggregateHistory agg, int origin) throws M5DataException {
        M5Level level = groups.level();
        int trainingEnd = windowFirst - 1;
        int lo = agg == null ? sales.firstDay() : Math.min(sales.firstDay(), agg.firstDay());
        if (lo > trainingEnd) {
            throw new M5DataException("no training history: the sales start on " + M5Calendar.dayName(lo)
                    + ", after the last training day " + M5Calendar.dayName(trainingEnd));
        }
        int len = trainingEnd - lo + 1;
        int g0 = groups.members().length;
        String[] a1 = groups.first();
        String[] a2 = groups.second();
        double[] dol = new double[g0];
        double[] weight = new double[g0];
        int[] start = new int[g0];
        int[] firstSale = new int[g0];
        double[] scale = new double[g0];
        double[] mse = new double[g0];
        double[] rmsse = new double[g0];
        double[] buf = new double[len];
        double[] act = new double[horizon];
        double[] fc = new double[horizon];
        double score = 0;
        int truncated = 0;
        int unscaled = 0;
        double unscaledWeight = 0;
        int salesFirst = sales.firstDay();
        for (int g = 0; g < g0; g++) {
            int[] members = groups.members()[g];
            // history: member sums, NaN where a member is unknown
            Arrays.fill(buf, 0);
            for (int i = 0; i < salesFirst - lo; i++) {
                buf[i] = Double.NaN;
            }
            Arrays.fill(act, 0);
            Arrays.fill(fc, 0);
            double dsum = 0;
            for (int s : members) {
                int[] row = sales.row(s);
                for (int i = Math.max(0, salesFirst - lo); i < len; i++) {
                    int v = row[i + lo - salesFirst];
                    buf[i] = v == M5Sales.UNKNOWN ? Double.NaN : buf[i] + v;
                }
                double[] f = forecasts[s];
                for (int h = 0; h < horizon; h++) {
                    act[h] += row[windowFirst + h - salesFirst];
                    fc[h] += f[h];
                }
                dsum += dollars[s];
            }
            if (agg != null) {
                merge(agg, level, a1[g], a2[g], buf, lo);
            }
            int i = len - 1;
            if (Double.isNaN(buf[i])) {
                throw new M5DataException(level.id() + " " + a1[g] + "/" + a2[g] + ": no units on the last training day "
                        + M5Calendar.dayName(trainingEnd));
            }
            while (i > 0 && !Double.isNaN(buf[i - 1])) {
                i--;
            }
            start[g] = lo + i;
            if (start[g] > origin) {
                truncated++;
            }
            int j = i;
            while (j < len && buf[j] == 0) {
                j++;
            }
            firstSale[g] = j < len ? lo + j : -1;
            double sc = Double.NaN;
            if (j < len - 1) {
                double ss = 0;
                for (int k = j + 1; k < len; k++) {
                    double d = buf[k] - buf[k - 1];
                    ss += d * d;
                }
                sc = ss / (len - 1 - j);
            }
            scale[g] = sc;
            double se = 0;
            for (int h = 0; h < horizon; h++) {
                double e = fc[h] - act[h];
                se += e * e;
            }
            mse[g] = se / horizon;
            dol[g] = dsum;
            weight[g] = dsum / total;
            rmsse[g] = sc > 0 ? Math.sqrt(mse[g] / sc) : Double.NaN;
            if (Double.isNaN(rmsse[g])) {
                unscaled++;
                unscaledWeight += weight[g];
            } else {
                score += weight[g] * rmsse[g];
            }
        }
        return new WrmsseResult.Level(level, a1, a2, dol, weight, start, firstSale, scale, mse, rmsse, score,
                truncated, unscaled, unscaledWeight);
    }

    /** Puts the given aggregate units where the member sums are unknown; checks them where both are known. */
    private static void merge(AggregateHistory agg, M5Level level, String a1, String a2, double[] buf, int lo)
            throws M5DataException {
        for (int i = 0; i < buf.length; i++) {
            double a = agg.units(level, a1, a2, lo + i);
            if (Double.isNaN(a)) {
                continue;
            }
            if (Double.isNaN(buf[i])) {
                buf[i] = a;
            } else if (buf[i] != a) {
                throw new M5DataException("the aggregate history of " + level.id() + " " + a1 + "/" + a2 + " gives "
                        + Submission.number(a) + " units on " + M5Calendar.dayName(lo + i) + " (" + agg.source(level)
                        + ") but its bottom series sum to " + Submission.number(buf[i])
                        + ": the aggregates must be over the same series as the sales files (--aggregates none ignores them)");
            }
        }
    }
}
