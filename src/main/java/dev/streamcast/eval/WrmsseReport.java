package dev.streamcast.eval;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.streamcast.io.M5Calendar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Prints a {@link WrmsseResult} as a text table and writes it, per series, as JSON. */
public final class WrmsseReport {
    private WrmsseReport() {
    }

    /** The score line, the conditions it rests on, and the per-level table. */
    public static String text(WrmsseResult r, M5Weeks weeks) {
        StringBuilder sb = new StringBuilder();
        int first = r.windowFirst();
        int last = first + r.horizon() - 1;
        sb.append(String.format(Locale.ROOT, "WRMSSE %.5f%s on %s..%s, training through %s%n", r.score(),
                r.approximate() ? " (approximate)" : "", weeks.describe(first), weeks.describe(last),
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
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("score", r.score());
            g.writeBooleanField("approximate", r.approximate());
            g.writeStringField("window_first", M5Calendar.dayName(r.windowFirst()));
            g.writeStringField("window_last", M5Calendar.dayName(r.windowFirst() + r.horizon() - 1));
            g.writeStringField("training_end", M5Calendar.dayName(r.trainingEnd()));
            g.writeNumberField("bottom_series", r.bottomSeries());
            g.writeNumberField("series", r.seriesCount());
            g.writeNumberField("truncated_series", r.truncatedSeries());
            g.writeNumberField("unscaled_series", r.unscaledSeries());
            g.writeNumberField("unpriced_unit_days", r.unpricedUnitDays());
            g.writeArrayFieldStart("levels");
            for (WrmsseResult.Level l : r.levels()) {
                g.writeStartObject();
                g.writeNumberField("level", l.level().number());
                g.writeStringField("name", l.level().label());
                g.writeNumberField("series", l.size());
                g.writeNumberField("score", l.score());
                g.writeNumberField("truncated", l.truncated());
                g.writeNumberField("unscaled", l.unscaled());
                g.writeNumberField("unscaled_weight", l.unscaledWeight());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("per_series");
            for (WrmsseResult.Level l : r.levels()) {
                for (int i = 0; i < l.size(); i++) {
                    g.writeStartObject();
                    g.writeStringField("level", l.level().id());
                    g.writeStringField("agg_level_1", l.agg1()[i]);
                    g.writeStringField("agg_level_2", l.agg2()[i]);
                    g.writeNumberField("dollar_sales", l.dollars()[i]);
                    g.writeNumberField("weight", l.weight()[i]);
                    g.writeStringField("history_start", M5Calendar.dayName(l.historyStart()[i]));
                    if (l.firstSale()[i] < 0) {
                        g.writeNullField("first_sale");
                    } else {
                        g.writeStringField("first_sale", M5Calendar.dayName(l.firstSale()[i]));
                    }
                    number(g, "scale", l.scale()[i]);
                    number(g, "mse", l.mse()[i]);
                    number(g, "rmsse", l.rmsse()[i]);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }
}
