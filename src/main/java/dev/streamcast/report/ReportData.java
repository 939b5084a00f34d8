package dev.streamcast.report;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.job.RunSummary;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.outputs.ForecastRow;
import dev.streamcast.outputs.MetricsRow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What a report shows, read back from a run's committed outputs ({@link CommittedOutputs}): the run's summary,
 * its daily metrics, every series' errors and volume (from the forecasts), and the forecasts of a few chosen
 * series. The forecasts are streamed twice (first the per-series sums, then the chosen series' records), so the
 * outputs of a full M5 run need not fit in memory.
 *
 * @param summary the run's summary (events, MAEs, series choosing KNN, dead letters, late events)
 * @param days    the daily metrics, by date
 * @param series  every series with at least one observation, by id
 * @param chosen  the series shown forecast against actual: worst, best, highest volume
 */
public record ReportData(RunSummary summary, List<MetricsRow> days, List<SeriesStats> series, List<Chosen> chosen) {

    /**
     * One series' errors over its observations (forecast requests are not scored).
     *
     * @param volume the series' total sales over its observations
     */
    public record SeriesStats(String id, long observations, double maeKnn, double maeLm, double maeServed,
                              double volume) {
        /** Error relative to volume: the served MAE over the mean sale, for comparing series of any size. */
        public double relativeError() {
            return maeServed / (volume / observations);
        }
    }

    /**
     * One forecast record of a chosen series; {@code y} is null for a forecast request (e.g. the horizon), whose
     * {@code actual} sales may be known from elsewhere ({@link #withActuals}), else null.
     */
    public record Point(LocalDate date, Double y, double predKnn, double predLm, String model, double prediction,
                        Double actual) {
    }

    /** A series shown forecast against actual, with why it was chosen. */
    public record Chosen(String why, SeriesStats stats, List<Point> points) {
        /** The forecasts of days the run did not learn (requests, the horizon) whose actual sales are known. */
        public List<Point> scoredForecasts() {
            return points.stream().filter(p -> p.y() == null && p.actual() != null).toList();
        }
    }

    /**
     * This data with the actual sales of the chosen series' forecast requests filled in from {@code actual}
     * (series id, date: units sold, or null if unknown), e.g. the M5 window a horizon forecasts.
     */
    public ReportData withActuals(BiFunction<String, LocalDate, Integer> actual) {
        List<Chosen> filled = chosen.stream().map(c -> new Chosen(c.why(), c.stats(), c.points().stream()
                .map(p -> {
                    Integer a = p.y() == null ? actual.apply(c.stats().id(), p.date()) : null;
                    return a == null ? p : new Point(p.date(), null, p.predKnn(), p.predLm(), p.model(),
                            p.prediction(), a.doubleValue());
                }).toList())).toList();
        return new ReportData(summary, days, series, filled);
    }

    /** Reads the committed outputs of {@code format} below {@code outputDir}. */
    public static ReportData read(Path outputDir, OutputFormat format) throws IOException {
        List<MetricsRow> days = new ArrayList<>();
        CommittedOutputs.forEach(outputDir.resolve(CommittedOutputs.METRICS), format, MetricsRow.class,
                (m, file, line) -> days.add(m));
        days.sort(Comparator.comparing(MetricsRow::date));

        Map<String, double[]> sums = new HashMap<>(); // observations, |err| knn, lm, served, sum y
        Path forecasts = outputDir.resolve(CommittedOutputs.FORECASTS);
        CommittedOutputs.forEach(forecasts, format, ForecastRow.class, (f, file, line) -> {
            if (f.y() != null) {
                double y = f.y();
                double[] s = sums.computeIfAbsent(f.id(), k -> new double[5]);
                s[0]++;
                s[1] += Math.abs(y - f.predKnn());
                s[2] += Math.abs(y - f.predLm());
                s[3] += Math.abs(y - f.prediction());
                s[4] += y;
            }
        });
        List<SeriesStats> series = new ArrayList<>();
        sums.forEach((id, s) -> series.add(new SeriesStats(id, (long) s[0], s[1] / s[0], s[2] / s[0], s[3] / s[0],
                s[4])));
        series.sort(Comparator.comparing(SeriesStats::id));

        Map<String, String> why = choose(series);
        Map<String, List<Point>> points = new HashMap<>();
        why.keySet().forEach(id -> points.put(id, new ArrayList<>()));
        CommittedOutputs.forEach(forecasts, format, ForecastRow.class, (f, file, line) -> {
            List<Point> p = points.get(f.id());
            if (p != null) {
                p.add(new Point(f.date(), f.y() == null ? null : f.y().doubleValue(), f.predKnn(), f.predLm(),
                        f.model(), f.prediction(), null));
            }
        });
        Map<String, SeriesStats> byId = new HashMap<>();
        series.forEach(s -> byId.put(s.id(), s));
        List<Chosen> chosen = new ArrayList<>();
        why.forEach((id, reason) -> {
            List<Point> p = points.get(id);
            p.sort(Comparator.comparing(Point::date));
            chosen.add(new Chosen(reason, byId.get(id), p));
        });
        return new ReportData(RunSummary.fromOutputs(outputDir, format), days, series, chosen);
    }

    /**
     * The series worth a closer look, each at most once: the worst and the best relative to its volume
     * ({@link SeriesStats#relativeError}, among series that sold anything), and the highest volume.
     */
    static Map<String, String> choose(List<SeriesStats> series) {
        Map<String, String> chosen = new LinkedHashMap<>();
        List<SeriesStats> selling = series.stream().filter(s -> s.volume() > 0).toList();
        Comparator<SeriesStats> relative = Comparator.comparingDouble(SeriesStats::relativeError)
                .thenComparing(SeriesStats::id);
        pick(chosen, selling.stream().sorted(relative.reversed()).toList(), "worst: highest MAE relative to volume");
        pick(chosen, selling.stream().sorted(relative).toList(), "best: lowest MAE relative to volume");
        pick(chosen, series.stream().sorted(Comparator.comparingDouble(SeriesStats::volume).reversed()
                .thenComparing(SeriesStats::id)).toList(), "highest volume");
        return chosen;
    }

    private static void pick(Map<String, String> chosen, List<SeriesStats> ranked, String why) {
        ranked.stream().filter(s -> !chosen.containsKey(s.id())).findFirst().ifPresent(s -> chosen.put(s.id(), why));
    }
}
