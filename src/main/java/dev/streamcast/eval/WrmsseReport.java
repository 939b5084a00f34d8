package dev.streamcast.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.streamcast.io.M5Calendar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a {@link WrmsseResult} as a text table and writes it, per series, as JSON. */
public final class WrmsseReport {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private WrmsseReport() {
    }

    /** The score line, the conditions it rests on, and the per-level table. */
    public static String text(WrmsseResult r, M5Calendar calendar) {
        StringBuilder sb = new StringBuilder();
        int first = r.windowFirst();
        int last = first + r.horizon() - 1;
        sb.append(String.format(Locale.ROOT, "WRMSSE %.5f%s on %s..%s, training through %s%n", r.score(),
                r.approximate() ? " (approximate)" : "", calendar.describe(first), calendar.describe(last),
                M5Calendar.dayName(r.trainingEnd())));
        sb.append(String.format(Locale.ROOT, "  %,d bottom series, %,d series in 12 levels; weights: dollar sales %s..%s%n",
                r.bottomSeries(), r.seriesCount(), M5Calendar.dayName(first - 28), M5Calendar.dayName(r.trainingEnd())));
        if (r.approximate()) {
            int bottom = r.level(12).truncated();
            sb.append(String.format(Locale.ROOT, "  approximate: %,d series (%,d of them bottom series) have a scale from a "
                    + "history starting after %s (truncated)%n", r.truncatedSeries(), bottom,
                    M5Calendar.dayName(r.historyOrigin())));
        } else {
            sb.append("  exact: every scale rests on the history from ").append(M5Calendar.dayName(r.historyOrigin()))
                    .append('\n');
        }
        if (r.unscaledSeries() > 0) {
            double w = r.levels().stream().mapToDouble(WrmsseResult.Level::unscaledWeight).sum();
            sb.append(String.format(Locale.ROOT, "  %,d series have a zero or undefined scale and are left out "
                    + "(their weight, summed over the levels: %.6g)%n", r.unscaledSeries(), w));
        }
        if (r.unpricedUnitDays() > 0) {
            sb.append(String.format(Locale.ROOT, "  warning: %,d series-days in the weight window have units sold but "
                    + "no sell price (counted as $0)%n", r.unpricedUnitDays()));
        }
        sb.append(String.format(Locale.ROOT, "  %-5s %-20s %7s %10s %10s %9s%n", "level", "series", "count", "score",
                "truncated", "unscaled"));
        for (WrmsseResult.Level l : r.levels()) {
            sb.append(String.format(Locale.ROOT, "  %-5d %-20s %,7d %10.5f %,10d %,9d%n", l.level().number(),
                    l.level().label(), l.size(), l.score(), l.truncated(), l.unscaled()));
        }
        return sb.toString();
    }

    /** Writes the result as JSON: the score, the levels, and one object per series. */
    public static void writeJson(WrmsseResult r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<SeriesJson> series = new ArrayList<>();
        for (WrmsseResult.Level l : r.levels()) {
            for (int i = 0; i < l.size(); i++) {
                series.add(new SeriesJson(l.level().id(), l.agg1()[i], l.agg2()[i], l.dollars()[i], l.weight()[i],
                        M5Calendar.dayName(l.historyStart()[i]),
                        l.firstSale()[i] < 0 ? null : M5Calendar.dayName(l.firstSale()[i]),
                        finite(l.scale()[i]), finite(l.mse()[i]), finite(l.rmsse()[i])));
            }
        }
        JSON.writeValue(file.toFile(), new ResultJson(r.score(), r.approximate(), M5Calendar.dayName(r.windowFirst()),
                M5Calendar.dayName(r.windowFirst() + r.horizon() - 1), M5Calendar.dayName(r.trainingEnd()),
                r.bottomSeries(), r.seriesCount(), r.truncatedSeries(), r.unscaledSeries(), r.unpricedUnitDays(),
                r.levels().stream().map(l -> new LevelJson(l.level().number(), l.level().label(), l.size(), l.score(),
                        l.truncated(), l.unscaled(), l.unscaledWeight())).toList(), series));
    }

    /** JSON has no NaN or infinity: such a number is written null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The JSON file: fields in this order, named in snake case. */
    record ResultJson(double score, boolean approximate, String windowFirst, String windowLast, String trainingEnd,
                      int bottomSeries, int series, int truncatedSeries, int unscaledSeries, long unpricedUnitDays,
                      List<LevelJson> levels, List<SeriesJson> perSeries) {
    }

    /** One level of the JSON file. */
    record LevelJson(int level, String name, int series, double score, int truncated, int unscaled,
                     double unscaledWeight) {
    }

    /** One series of the JSON file; {@code firstSale} is null if it never sold. */
    record SeriesJson(String level, @JsonProperty("agg_level_1") String agg1, @JsonProperty("agg_level_2") String agg2,
                      double dollarSales, double weight, String historyStart, String firstSale, Double scale,
                      Double mse, Double rmsse) {
    }
}
