package dev.streamcast.state;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.RecordEncoder;
import dev.streamcast.learn.Learner;

/**
 * One model key of a savepoint's learn state, as {@code state inspect} lists it.
 *
 * @param key              the model key (a series id, or an item id when keyed by item)
 * @param keyMode          {@code series} or {@code item}
 * @param series           how many series the model learned from
 * @param n                events learned
 * @param lastDay          the last learned day (epoch day; an item's: the latest of its series')
 * @param seriesLastDays   an item's series with their last learned days ({@code id=YYYY-MM-DD}, space separated, in
 *                         id order); empty for a series key
 * @param maeKnn           KNN's running MAE
 * @param maeLm            the linear model's running MAE
 * @param chosen           the learner the seed's rule chooses
 * @param stateBytes       the bytes the model takes in the savepoint
 * @param layoutVersion    the layout version of those bytes ({@code SeriesModel.LAYOUT_VERSION})
 */
public record ModelStateRow(String key, String keyMode, int series, long n, int lastDay, String seriesLastDays,
                            double maeKnn, double maeLm, Learner chosen, int stateBytes, int layoutVersion) {

    /** The rows as text lines, the project's output encoding (CSV with a header, or JSON lines). */
    public static RecordEncoder<ModelStateRow> encoder(OutputFormat format) {
        return new RecordEncoder<>(format, new String[] {"key", "key_mode", "series", "n", "last_date",
            "series_last_dates", "mae_knn", "mae_lm", "chosen", "state_bytes", "layout_version"},
                (r, l) -> l.text(r.key()).text(r.keyMode()).count((long) r.series()).count(r.n()).date(r.lastDay())
                        .text(r.seriesLastDays()).number(r.maeKnn()).number(r.maeLm()).text(r.chosen().label())
                        .count((long) r.stateBytes()).count((long) r.layoutVersion()));
    }
}
