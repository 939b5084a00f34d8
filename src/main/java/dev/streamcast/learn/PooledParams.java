package dev.streamcast.learn;

import java.io.Serializable;

/**
 * Hyper-parameters of the pooled learner ({@link PooledProfile}), the {@code model.pooled.*} keys of a job file;
 * a {@code null} takes the default. The defaults were chosen on three backtest windows of the M5 data (forecasting
 * d_1830..d_1857, d_1858..d_1885 and d_1886..d_1913 from the history before each), never on the scored windows
 * ({@code scripts/pooled-grid.py}); README's Accuracy section gives the search and the figures.
 *
 * @param levelRate         smoothing rate of a series' deseasonalised level (exponentially weighted mean); 0.06
 * @param weekdayRate       step of the group's log weekday factors, per day learned; 0.05
 * @param snapRate          step of the group's log SNAP factor, per SNAP day learned; 0 (off: with years of group
 *                          history the day-of-month factors carry it, M5's SNAP days being the same days of each
 *                          month in a state)
 * @param monthDayRate      step of the group's log day-of-month factors, per day learned; 0.03
 * @param seriesWeekdayRate step of a series' own log weekday deviations from its group's profile; 0.05
 * @param warmUpDays        events a series averages into its first level before it joins its group's learning; 7
 * @param maxRatio          a day's group ratio (units sold / units expected) is clipped to 0..maxRatio; 5
 * @param eventRate         step of the group's log event factors (an event's day, its eve), per day learned; 0.1
 * @param groupLevelRate    smoothing rate of the group level that its daily totals are learned against, before its
 *                          series' history ({@link PooledProfile#learnTotal}); 0.02
 */
public record PooledParams(Double levelRate, Double weekdayRate, Double snapRate, Double monthDayRate,
                           Double seriesWeekdayRate, Integer warmUpDays, Double maxRatio, Double eventRate,
                           Double groupLevelRate) implements Serializable {
    /** The settings chosen on the backtest windows. */
    public static final PooledParams DEFAULTS = new PooledParams(null, null, null, null, null, null, null, null, null);

    /** Applies the defaults to {@code null}s and validates. */
    public PooledParams {
        levelRate = rate("levelRate", levelRate, 0.06);
        weekdayRate = rate("weekdayRate", weekdayRate, 0.05);
        snapRate = rate("snapRate", snapRate, 0.0);
        monthDayRate = rate("monthDayRate", monthDayRate, 0.03);
        seriesWeekdayRate = rate("seriesWeekdayRate", seriesWeekdayRate, 0.05);
        warmUpDays = warmUpDays == null ? 7 : warmUpDays;
        if (warmUpDays < 1 || warmUpDays > 366) {
            throw new IllegalArgumentException("warmUpDays must be 1..366, got " + warmUpDays);
        }
        eventRate = rate("eventRate", eventRate, 0.1);
        groupLevelRate = rate("groupLevelRate", groupLevelRate, 0.02);
        maxRatio = maxRatio == null ? 5.0 : maxRatio;
        if (!(maxRatio > 1) || Double.isInfinite(maxRatio)) {
            throw new IllegalArgumentException("maxRatio must be a finite number > 1, got " + maxRatio);
        }
    }

    private static double rate(String name, Double v, double dflt) {
        double r = v == null ? dflt : v;
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException(name + " must be in 0..1, got " + r);
        }
        return r;
    }
}
