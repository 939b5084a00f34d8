package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;

import java.util.Arrays;

/**
 * Simple benchmark forecasts of every series from its training history (the known run of days ending on
 * the last training day):
 *
 * <ul>
 *   <li>{@link #NAIVE}: the last day's units, every day (the organisers' "Naive");</li>
 *   <li>{@link #SEASONAL_NAIVE}: the last 7 days, repeated (the organisers' "sNaive");</li>
 *   <li>{@link #ZEROS}: 0 every day;</li>
 *   <li>{@link #MA28}: the mean of the last 28 days (of fewer if the history is shorter), every day.</li>
 * </ul>
 * A series without any sale in its history is forecast 0 by every method. With these forecasts the evaluator
 * reproduces the organisers' published level 1-9 scores of Naive and sNaive on the evaluation window to
 * 1e-13 ({@code M5OfficialTest}).
 */
public enum Baseline {
    NAIVE("naive"),
    SEASONAL_NAIVE("snaive"),
    ZEROS("zeros"),
    MA28("ma28");

    private final String label;

    Baseline(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The baseline named so ({@code naive}, {@code snaive}, {@code zeros}, {@code ma28}), or {@code null}. */
    public static Baseline of(String label) {
        return Arrays.stream(values()).filter(b -> b.label.equals(label)).findFirst().orElse(null);
    }

    /** Forecasts of {@code d_windowFirst..+horizon-1} for every series of {@code sales}, from the days before. */
    public double[][] forecast(M5Sales sales, int windowFirst, int horizon) throws M5DataException {
        int end = windowFirst - 1;
        double[][] f = new double[sales.size()][horizon];
        for (int s = 0; s < sales.size(); s++) {
            int from = sales.knownFrom(s, end);
            if (from < 0) {
                throw new M5DataException("a forecast from " + M5Calendar.dayName(end) + " needs every series' units on "
                        + "that day, but " + sales.key(s) + " has none");
            }
            int firstSale = from;
            while (firstSale <= end && sales.units(s, firstSale) == 0) {
                firstSale++;
            }
            if (firstSale > end || this == ZEROS) {
                continue;
            }
            switch (this) {
                case NAIVE -> Arrays.fill(f[s], sales.units(s, end));
                case SEASONAL_NAIVE -> {
                    for (int h = 0; h < horizon; h++) {
                        f[s][h] = sales.units(s, end - 6 + h % 7);
                    }
                }
                case MA28 -> {
                    int a = Math.max(from, end - 27);
                    long sum = 0;
                    for (int d = a; d <= end; d++) {
                        sum += sales.units(s, d);
                    }
                    Arrays.fill(f[s], (double) sum / (end - a + 1));
                }
                default -> throw new AssertionError(this);
            }
        }
        return f;
    }
}
