package dev.streamcast.eval;

import java.util.List;

/**
 * The outcome of a WRMSSE evaluation: the score, one {@link Level} per M5 level (its score and every series'
 * weight, scale and RMSSE), and what the score rests on.
 *
 * @param score            the mean of the 12 level scores
 * @param levels           levels 1..12
 * @param windowFirst      the first forecast day (d index); training ends the day before
 * @param horizon          days scored
 * @param historyOrigin    the first day of the complete data (d_1): a history starting later is truncated
 * @param bottomSeries     bottom series evaluated
 * @param unpricedUnitDays series-days in the weight window with units sold but no price
 */
public record WrmsseResult(double score, List<Level> levels, int windowFirst, int horizon, int historyOrigin,
                           int bottomSeries, long unpricedUnitDays) {

    /** The last training day. */
    public int trainingEnd() {
        return windowFirst - 1;
    }

    /** Whether some series' scale rests on a history that starts after {@link #historyOrigin()}. */
    public boolean approximate() {
        return truncatedSeries() > 0;
    }

    /** Series (all levels) whose scale rests on a truncated history. */
    public int truncatedSeries() {
        return levels.stream().mapToInt(Level::truncated).sum();
    }

    /** Series (all levels). */
    public int seriesCount() {
        return levels.stream().mapToInt(Level::size).sum();
    }

    /** Series (all levels) left out of the score because their scale is zero or undefined. */
    public int unscaledSeries() {
        return levels.stream().mapToInt(Level::unscaled).sum();
    }

    /** The level with this number (1..12). */
    public Level level(int number) {
        return levels.get(number - 1);
    }

    /**
     * One level's result, arrays indexed by the level's groups ({@link M5Groups} order).
     *
     * @param historyStart   first day of the history the scale uses (the known run ending at the training end)
     * @param firstSale      first day with units > 0 in that history, -1 if none
     * @param scale          mean squared day-to-day difference from {@code firstSale}; NaN if undefined
     * @param rmsse          NaN where the scale is zero or undefined (left out of the score)
     * @param score          sum of weight × RMSSE over the series with an RMSSE
     * @param truncated      series whose history starts after the origin
     * @param unscaled       series without an RMSSE
     * @param unscaledWeight their total weight
     */
    public record Level(M5Level level, String[] agg1, String[] agg2, double[] dollars, double[] weight,
                        int[] historyStart, int[] firstSale, double[] scale, double[] mse, double[] rmsse,
                        double score, int truncated, int unscaled, double unscaledWeight) {

        public int size() {
            return agg1.length;
        }
    }
}
