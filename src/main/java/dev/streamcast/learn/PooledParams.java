package dev.streamcast.learn;

import java.io.Serializable;

/**
 * Hyper-parameters of the pooled learner ({@link PooledProfile}). The defaults ({@link #DEFAULTS}) were chosen on
 * two backtest windows of the M5 data (forecasting d_1858..d_1885 and d_1886..d_1913 from the history before each),
 * never on the scored windows; README's Accuracy section gives the grid and the figures.
 *
 * @param levelRate         smoothing rate of a series' deseasonalised level (exponentially weighted mean)
 * @param weekdayRate       step of the group's log weekday factors, per day learned
 * @param snapRate          step of the group's log SNAP factor, per SNAP day learned
 * @param monthDayRate      step of the group's log day-of-month factors, per day learned
 * @param seriesWeekdayRate step of a series' own log weekday deviations from its group's profile
 * @param warmUpDays        events a series averages into its first level before it joins its group's learning
 * @param maxRatio          a day's group ratio (units sold / units expected) is clipped to 0..maxRatio
 */
public record PooledParams(double levelRate, double weekdayRate, double snapRate, double monthDayRate,
                           double seriesWeekdayRate, int warmUpDays, double maxRatio) implements Serializable {
    /** The settings chosen on the backtest windows. */
    public static final PooledParams DEFAULTS = new PooledParams(0.04, 0.1, 0.1, 0.03, 0.05, 7, 5.0);

    public PooledParams {
        check("levelRate", levelRate, 1);
        check("weekdayRate", weekdayRate, 1);
        check("snapRate", snapRate, 1);
        check("monthDayRate", monthDayRate, 1);
        check("seriesWeekdayRate", seriesWeekdayRate, 1);
        if (warmUpDays < 1 || warmUpDays > 366) {
            throw new IllegalArgumentException("warmUpDays must be 1..366, got " + warmUpDays);
        }
        if (!(maxRatio > 1) || Double.isInfinite(maxRatio)) {
            throw new IllegalArgumentException("maxRatio must be a finite number > 1, got " + maxRatio);
        }
    }

    private static void check(String name, double v, double max) {
        if (!(v >= 0 && v <= max)) {
            throw new IllegalArgumentException(name + " must be in 0.." + max + ", got " + v);
        }
    }
}
