package dev.streamcast.report;

import dev.streamcast.outputs.MetricsRow;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.function.ToDoubleFunction;

/**
 * The report's charts, drawn with XChart: daily MAE per learner, KNN share, forecast against actual for one
 * series, the distribution of per-series MAE, WRMSSE per level. Each method needs non-empty data; dates are
 * plotted in UTC.
 */
public final class ReportCharts {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 420;
    /** At most this many of a chosen series' last days are plotted, so a long history stays readable. */
    public static final int MAX_SERIES_DAYS = 365;
    static final Color KNN = new Color(0x1f77b4);
    static final Color LM = new Color(0xff7f0e);
    static final Color SERVED = new Color(0x2ca02c);
    static final Color ACTUAL = new Color(0x333333);

    private ReportCharts() {
    }

    /** Daily MAE of the KNN, linear and served forecasts. */
    public static XYChart dailyMae(List<MetricsRow> days) {
        XYChart chart = timeChart("Daily mean absolute error", "MAE (units)");
        List<Date> x = dates(days.stream().map(MetricsRow::date).toList());
        line(chart, "knn", x, values(days, MetricsRow::maeKnn), KNN);
        line(chart, "lm", x, values(days, MetricsRow::maeLm), LM);
        line(chart, "served", x, values(days, MetricsRow::maeServed), SERVED).setLineWidth(2.5f);
        return chart;
    }

    /** Share of series whose chosen learner is KNN, at the end of each day. */
    public static XYChart knnShare(List<MetricsRow> days) {
        XYChart chart = timeChart("Share of series choosing KNN", "% of series");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        line(chart, "knn share", dates(days.stream().map(MetricsRow::date).toList()),
                values(days, d -> 100 * d.knnShare()), KNN).setLineWidth(2.5f);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** Actual sales against the served forecast (and both learners') of one series, its last days. */
    public static XYChart forecastVsActual(ReportData.Chosen c) {
        List<ReportData.Point> points = c.points().subList(Math.max(0, c.points().size() - MAX_SERIES_DAYS),
                c.points().size());
        XYChart chart = timeChart(c.stats().id() + " (" + c.why() + ")", "units sold");
        List<Date> x = dates(points.stream().map(ReportData.Point::date).toList());
        line(chart, "knn", x, values(points, ReportData.Point::predKnn), KNN).setLineWidth(1f);
        line(chart, "lm", x, values(points, ReportData.Point::predLm), LM).setLineWidth(1f);
        line(chart, "served forecast", x, values(points, ReportData.Point::prediction), SERVED).setLineWidth(2.5f);
        List<ReportData.Point> observed = points.stream().filter(p -> p.y() != null).toList();
        if (!observed.isEmpty()) {
            actual(chart, dates(observed.stream().map(ReportData.Point::date).toList()),
                    observed.stream().map(ReportData.Point::y).toList());
        }
        return chart;
    }

    /** The forecasts of days the run did not learn (the horizon) against those days' actual sales. */
    public static XYChart horizonVsActual(ReportData.Chosen c) {
        List<ReportData.Point> points = c.scoredForecasts();
        XYChart chart = timeChart(c.stats().id() + ": horizon", "units sold");
        List<Date> x = dates(points.stream().map(ReportData.Point::date).toList());
        String model = points.isEmpty() ? "" : " (" + points.get(0).model() + ")";
        line(chart, "forecast" + model, x, values(points, ReportData.Point::prediction), SERVED).setLineWidth(2.5f);
        actual(chart, x, values(points, ReportData.Point::actual));
        return chart;
    }

    /** Actual sales, as points. */
    private static void actual(XYChart chart, List<Date> x, List<Double> y) {
        XYSeries s = chart.addSeries("actual", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ACTUAL);
        chart.getStyler().setMarkerSize(5);
    }

    /** Histogram of the series' MAE of the served forecast. */
    public static CategoryChart maeHistogram(List<ReportData.SeriesStats> series) {
        List<Double> mae = series.stream().map(ReportData.SeriesStats::maeServed).filter(Double::isFinite).toList();
        int bins = (int) Math.max(5, Math.min(40, Math.round(Math.sqrt(mae.size()))));
        double max = mae.stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
        Histogram h = new Histogram(mae, bins, 0.0, max > 0 ? max : 1.0);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("MAE of the served forecast per series (" + mae.size() + " series)")
                .xAxisTitle("MAE (units, bin centre)").yAxisTitle("series").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        chart.getStyler().setAvailableSpaceFill(0.95);
        chart.addSeries("series", h.getxAxisData(), h.getyAxisData()).setFillColor(SERVED);
        return chart;
    }

    /** WRMSSE per aggregation level, the overall score in the title. */
    public static CategoryChart wrmsse(Evaluation e) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format("WRMSSE per level (score %.5f)", e.score()))
                .xAxisTitle("level").yAxisTitle("WRMSSE").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("0.000");
        List<String> levels = e.levels().stream()
                .map(l -> l.name().isEmpty() ? String.valueOf(l.level()) : l.level() + " " + l.name()).toList();
        chart.addSeries("wrmsse", levels, e.levels().stream().map(Evaluation.Level::wrmsse).toList())
                .setFillColor(KNN);
        return chart;
    }

    private static XYChart timeChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("date")
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setDatePattern("yyyy-MM-dd");
        chart.getStyler().setTimezone(TimeZone.getTimeZone(ZoneOffset.UTC));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(Color.WHITE);
        s.setAntiAlias(true);
    }

    private static XYSeries line(XYChart chart, String name, List<Date> x, List<Double> y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE).setLineColor(color).setLineWidth(1.8f);
        return s;
    }

    private static List<Date> dates(List<LocalDate> days) {
        return days.stream().map(ReportCharts::date).toList();
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Values for a chart: non-finite ones (a JSON null) become gaps. */
    private static <T> List<Double> values(List<T> items, ToDoubleFunction<T> f) {
        return items.stream().map(t -> f.applyAsDouble(t)).map(d -> Double.isFinite(d) ? d : null).toList();
    }
}
