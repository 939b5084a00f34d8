package dev.streamcast.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.IChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's report into a directory: {@code index.html} and the PNG charts it shows ({@link ReportCharts}),
 * nothing else and nothing fetched from elsewhere, so the directory can be opened offline, zipped or published
 * as it is. Charts whose data is missing (e.g. no metrics yet) are left out with a note. Rendering is headless.
 */
public final class HtmlReport {
    public static final String INDEX = "index.html";

    private HtmlReport() {
    }

    /** Writes the report; returns the files written, {@code index.html} first. */
    public static List<Path> write(ReportData data, Evaluation evaluation, String title, Path outDir)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        summary(body, data);

        body.append("<h2>Learners over time</h2>\n");
        if (data.days().isEmpty()) {
            body.append("<p class=note>No daily metrics in the outputs (yet).</p>\n");
        } else {
            figure(body, written, outDir, "mae-daily.png", ReportCharts.dailyMae(data.days()),
                    "Mean absolute error of each day's forecasts: KNN, linear model, and the served forecast "
                            + "(per series, the learner with the lower running MAE).");
            figure(body, written, outDir, "knn-share.png", ReportCharts.knnShare(data.days()),
                    "Share of series whose KNN learner has the lower running MAE, at the end of each day.");
        }

        body.append("<h2>Series</h2>\n");
        if (data.series().isEmpty()) {
            body.append("<p class=note>No forecasts in the outputs (yet).</p>\n");
        } else {
            figure(body, written, outDir, "mae-per-series.png", ReportCharts.maeHistogram(data.series()),
                    "Distribution of the served forecast's MAE over all series.");
            chosenTable(body, data.chosen());
            int i = 1;
            for (ReportData.Chosen c : data.chosen()) {
                figure(body, written, outDir, "series-" + i++ + ".png", ReportCharts.forecastVsActual(c),
                        esc(c.stats().id()) + ", " + esc(c.why()) + ": actual sales (points), the served forecast"
                                + " and both learners' predictions, made before each day's value was learned"
                                + (c.points().size() > ReportCharts.MAX_SERIES_DAYS
                                ? " (last " + ReportCharts.MAX_SERIES_DAYS + " days)" : "") + ".");
                if (!c.scoredForecasts().isEmpty()) {
                    figure(body, written, outDir, "series-" + (i - 1) + "-horizon.png",
                            ReportCharts.horizonVsActual(c), esc(c.stats().id()) + ": the forecasts of the "
                                    + c.scoredForecasts().size() + " days after its last learned day (the horizon, "
                                    + "model " + esc(c.scoredForecasts().get(0).model()) + ") against the actual "
                                    + "sales of those days, which the run never saw.");
                }
            }
        }

        if (evaluation != null) {
            body.append("<h2>Evaluation</h2>\n");
            figure(body, written, outDir, "wrmsse.png", ReportCharts.wrmsse(evaluation),
                    String.format(Locale.ROOT, "WRMSSE per aggregation level; score %.5f.", evaluation.score()));
            body.append("<table><tr><th>level</th><th>name</th><th>WRMSSE</th></tr>\n");
            for (Evaluation.Level l : evaluation.levels()) {
                body.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%.5f</td></tr>%n", l.level(),
                        esc(l.name()), l.wrmsse()));
            }
            body.append("</table>\n");
        }

        Path index = outDir.resolve(INDEX);
        Files.writeString(index, page(title, body), StandardCharsets.UTF_8);
        written.add(0, index);
        return written;
    }

    private static void summary(StringBuilder b, ReportData data) {
        var s = data.summary();
        b.append("<table class=summary>\n");
        row(b, "events learned", String.format(Locale.ROOT, "%,d", s.events()));
        row(b, "series", String.format(Locale.ROOT, "%,d", s.series()));
        row(b, "days", String.format(Locale.ROOT, "%,d", data.days().size()) + (data.days().isEmpty() ? ""
                : " (" + data.days().get(0).date() + " to " + data.days().get(data.days().size() - 1).date() + ")"));
        row(b, "MAE knn / lm / served", String.format(Locale.ROOT, "%.4f / %.4f / %.4f", s.maeKnn(), s.maeLm(),
                s.maeServed()));
        row(b, "series choosing knn", String.format(Locale.ROOT, "%,d (%.1f %%)", s.seriesChoosingKnn(),
                s.series() == 0 ? 0.0 : 100.0 * s.seriesChoosingKnn() / s.series()));
        row(b, "dead letters / late events", String.format(Locale.ROOT, "%,d / %,d", s.deadLetters(), s.late()));
        b.append("</table>\n");
    }

    private static void chosenTable(StringBuilder b, List<ReportData.Chosen> chosen) {
        b.append("<table><tr><th>series</th><th>why</th><th>days</th><th>units sold</th>"
                + "<th>MAE knn</th><th>MAE lm</th><th>MAE served</th><th>MAE / mean sale</th></tr>\n");
        for (ReportData.Chosen c : chosen) {
            ReportData.SeriesStats s = c.stats();
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%,.0f</td><td>%.4f</td>"
                            + "<td>%.4f</td><td>%.4f</td><td>%.3f</td></tr>%n", esc(s.id()), esc(c.why()),
                    s.observations(), s.volume(), s.maeKnn(), s.maeLm(), s.maeServed(), s.relativeError()));
        }
        b.append("</table>\n");
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static void figure(StringBuilder b, List<Path> written, Path outDir, String file, IChart chart,
                               String caption) throws IOException {
        Path png = outDir.resolve(file);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        written.add(png);
        b.append("<figure><img src=\"").append(file).append("\" alt=\"").append(esc(chart.getTitle()))
                .append("\" width=\"").append(ReportCharts.WIDTH).append("\"><figcaption>").append(caption)
                .append("</figcaption></figure>\n");
    }

    private static String page(String title, CharSequence body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title>\n<style>body{font-family:sans-serif;max-width:1040px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;"
                + "text-align:left}td{font-variant-numeric:tabular-nums}figure{margin:1.5em 0}"
                + "figcaption{color:#555;font-size:.9em}.note{color:#a00}</style></head>\n<body>\n<h1>"
                + esc(title) + "</h1>\n" + body + "</body></html>\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
