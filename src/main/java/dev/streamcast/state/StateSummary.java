package dev.streamcast.state;

import dev.streamcast.learn.Learner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What a savepoint's models add up to: keys, events, the share choosing KNN, and quantiles (nearest rank) of
 * each learner's running MAE and of the chosen learner's, over the keys that learned at least one event.
 *
 * @param keys        model keys
 * @param events      events learned, all keys
 * @param knnShare    share of keys choosing KNN (NaN without keys)
 * @param stateBytes  bytes of all models
 * @param layouts     keys per layout version
 * @param maeKnn      KNN's MAE quantiles ({@link #QUANTILES})
 * @param maeLm       the linear model's
 * @param maeChosen   the chosen learner's
 */
public record StateSummary(int keys, long events, double knnShare, long stateBytes, Map<Integer, Integer> layouts,
                           double[] maeKnn, double[] maeLm, double[] maeChosen) {
    /** The quantiles reported. */
    public static final double[] QUANTILES = {0.1, 0.5, 0.9, 1.0};

    public static StateSummary of(List<ModelStateRow> rows) {
        long knn = rows.stream().filter(r -> r.chosen() == Learner.KNN).count();
        List<ModelStateRow> learned = rows.stream().filter(r -> r.n() > 0).toList();
        return new StateSummary(rows.size(), rows.stream().mapToLong(ModelStateRow::n).sum(),
                rows.isEmpty() ? Double.NaN : (double) knn / rows.size(),
                rows.stream().mapToLong(ModelStateRow::stateBytes).sum(),
                rows.stream().collect(Collectors.groupingBy(ModelStateRow::layoutVersion, TreeMap::new,
                        Collectors.summingInt(r -> 1))),
                quantiles(learned, ModelStateRow::maeKnn), quantiles(learned, ModelStateRow::maeLm),
                quantiles(learned, r -> r.chosen() == Learner.KNN ? r.maeKnn() : r.maeLm()));
    }

    /** The {@link #QUANTILES} of {@code value} over {@code rows} (nearest rank); NaN without rows. */
    static double[] quantiles(List<ModelStateRow> rows, ToDoubleFunction<ModelStateRow> value) {
        double[] v = rows.stream().mapToDouble(value).sorted().toArray();
        double[] q = new double[QUANTILES.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = v.length == 0 ? Double.NaN : v[Math.max(0, (int) Math.ceil(QUANTILES[i] * v.length) - 1)];
        }
        return q;
    }

    /** The summary as text lines. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("keys: %,d, events learned: %,d, state: %,d bytes, layout versions: %s", keys, events,
                stateBytes, layouts));
        out.add(String.format("choosing KNN: %.1f%%", 100 * knnShare));
        out.add("MAE quantiles (p10 p50 p90 max): KNN " + format(maeKnn) + ", linear " + format(maeLm)
                + ", chosen " + format(maeChosen));
        return out;
    }

    private static String format(double[] q) {
        return String.join(" ", Arrays.stream(q).mapToObj(d -> String.format(Locale.ROOT, "%.4f", d)).toList());
    }
}
