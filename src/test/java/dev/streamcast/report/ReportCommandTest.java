package dev.streamcast.report;

import dev.streamcast.cli.CliRun;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.job.FileOutputs;
import dev.streamcast.records.ForecastRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code streamcast report} on outputs made from the golden creme traces ({@link GoldenOutputs}): the HTML page
 * exists, references every PNG written and only those, and each PNG is a real chart (a valid image of the
 * chart's size with a drawing on it); the summary and the chosen series follow from the outputs; bad arguments
 * and inputs give one clear message.
 */
public class ReportCommandTest {
    static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");

    @TempDir
    Path tmp;

    @Test
    void reportOfJsonOutputsWithAnEvaluationHasEveryChart() throws Exception {
        List<ForecastRecord> forecasts = GoldenOutputs.write("public", tmp.resolve("out"), OutputFormat.JSONL);
        Path evaluation = Files.writeString(tmp.resolve("eval.json"), "{\"score\": 0.9, \"levels\": ["
                + "{\"level\": 1, \"name\": \"Total\", \"wrmsse\": 0.61}, {\"level\": 2, \"wrmsse\": 0.83},"
                + "{\"level\": 12, \"name\": \"Item x store\", \"wrmsse\": 1.26}]}");
        Path report = tmp.resolve("report");
        CliRun run = CliRun.of("report", "--input", tmp.resolve("out").toString(), "--format", "jsonl", "--out",
            report.toString(), "--evaluation", evaluation.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).as("one run's outputs: no warning").isEmpty();

        Set<String> images = checkedImages(report);
        assertThat(images).containsExactlyInAnyOrder("mae-daily.png", "knn-share.png", "mae-per-series.png",
                "series-1.png", "series-2.png", "series-3.png", "wrmsse.png");
        String html = Files.readString(report.resolve(HtmlReport.INDEX));
        long observations = forecasts.stream().filter(f -> !f.isRequest()).count();
        assertThat(html).contains("<th>events learned</th><td>" + observations + "</td>")
                .contains("<th>series</th><td>3</td>").contains("score 0.90000").contains("Item x store");
        // the three golden series, each shown once; the one that sold most is among them
        Set<String> ids = forecasts.stream().map(ForecastRecord::id).collect(Collectors.toSet());
        for (String id : ids) {
            assertThat(html).containsOnlyOnce("<tr><td>" + id + "</td>");
        }
        String highestVolume = forecasts.stream().filter(f -> !f.isRequest())
                .collect(Collectors.groupingBy(ForecastRecord::id, Collectors.summingLong(ForecastRecord::y)))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(html).containsAnyOf("<tr><td>" + highestVolume + "</td><td>highest volume",
                "<tr><td>" + highestVolume + "</td><td>worst", "<tr><td>" + highestVolume + "</td><td>best");
    }

    @Test
    void reportOfCsvOutputsDetectsTheFormatAndLeavesOutTheEvaluation() throws Exception {
        GoldenOutputs.write("edge", tmp.resolve("out"), OutputFormat.CSV);
        Path report = tmp.resolve("report");
        CliRun run = CliRun.of("report", "--input", tmp.resolve("out").toString(), "--out", report.toString());
        assertThat(run.code()).as(run.toString()).isZero();

        Set<String> images = checkedImages(report);
        assertThat(images).contains("mae-daily.png", "knn-share.png", "mae-per-series.png", "series-1.png")
                .doesNotContain("wrmsse.png");
        assertThat(Files.readString(report.resolve(HtmlReport.INDEX))).doesNotContain("Evaluation");
    }

    @Test
    void seriesAreChosenOnceEachWorstBestThenHighestVolume() {
        List<ReportData.SeriesStats> series = List.of(
                new ReportData.SeriesStats("big", 10, 5, 5, 4.0, 1000),       // relative 0.04
                new ReportData.SeriesStats("small", 10, 1, 1, 1.0, 5),        // relative 2.0
                new ReportData.SeriesStats("steady", 10, 1, 1, 0.1, 50),      // relative 0.02
                new ReportData.SeriesStats("silent", 10, 0, 0, 0.0, 0));      // sold nothing: neither worst nor best
        assertThat(ReportData.choose(series)).containsExactly(
                Map.entry("small", "worst: highest MAE relative to volume"),
                Map.entry("steady", "best: lowest MAE relative to volume"),
                Map.entry("big", "highest volume"));
        assertThat(ReportData.choose(series.subList(0, 1))).containsOnlyKeys("big");
    }

    @Test
    void actualsFillOnlyTheForecastsOfUnlearnedDays() {
        LocalDate d = LocalDate.of(2016, 4, 24);
        ReportData.SeriesStats stats = new ReportData.SeriesStats("a", 1, 1, 1, 1, 3);
        ReportData data = new ReportData(null, List.of(), List.of(stats), List.of(new ReportData.Chosen("x", stats,
                List.of(new ReportData.Point(d, 3.0, 1, 1, "knn", 1, null),
                        new ReportData.Point(d.plusDays(1), null, 1, 1, "pooled", 2.5, null),
                        new ReportData.Point(d.plusDays(2), null, 1, 1, "pooled", 2.0, null)))));
        ReportData filled = data.withActuals((id, date) -> id.equals("a") && !date.isAfter(d.plusDays(1)) ? 7 : null);
        List<ReportData.Point> p = filled.chosen().get(0).points();
        assertThat(p).extracting(ReportData.Point::actual).containsExactly(null, 7.0, null);
        assertThat(filled.chosen().get(0).scoredForecasts()).containsExactly(p.get(1));
    }

    @Test
    void badArgumentsAndInputsGiveOneClearMessage() throws IOException {
        Path out = tmp.resolve("report");
        assertThat(CliRun.of("report", "--out", out.toString()).error())
                .isEqualTo("streamcast report: Missing required option: '--input=OUTPUT_DIR'");
        assertThat(CliRun.of("report", "--input", tmp.resolve("nope").toString(), "--out", out.toString()).error())
                .contains("is not a directory");
        Files.createDirectories(tmp.resolve("empty/forecasts"));
        assertThat(CliRun.of("report", "--input", tmp.resolve("empty").toString(), "--out", out.toString()).error())
                .contains("no committed");
        assertThat(CliRun.of("report", "--input", tmp.toString(), "--format", "xml", "--out", out.toString()).error())
                .isEqualTo("streamcast report: Invalid value for option '--format': expected one of [JSONL, CSV] "
                        + "(case-insensitive) but was 'xml'");

        GoldenOutputs.write("public", tmp.resolve("out"), OutputFormat.JSONL);
        Path eval = Files.writeString(tmp.resolve("eval.json"), "{\"levels\": [{\"level\": 1, \"wrmsse\": \"x\"}]}");
        CliRun badEvaluation = CliRun.of("report", "--input", tmp.resolve("out").toString(), "--out", out.toString(),
                "--evaluation", eval.toString());
        assertThat(badEvaluation.code()).isEqualTo(2);
        assertThat(badEvaluation.error()).contains("levels[0] needs a numeric 'wrmsse'");
        // --format picks the part files of that format: JSON outputs have no CSV ones
        assertThat(CliRun.of("report", "--input", tmp.resolve("out").toString(), "--format", "csv", "--out",
                out.toString()).error()).contains("no committed forecasts or metrics");
        Path metrics;
        try (var files = Files.list(tmp.resolve("out").resolve(FileOutputs.METRICS))) {
            metrics = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        Files.writeString(metrics, "{\"date\": \"2016-01-01\", \"events\": \"many\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        long lines = Files.readAllLines(metrics).size();
        assertThat(CliRun.of("report", "--input", tmp.resolve("out").toString(), "--out", out.toString()).error())
                .contains("cannot read the outputs").contains(metrics + " line " + lines + ": ");
        assertThat(out).doesNotExist();
    }

    @Test
    void outputsOfTwoRunsInOneDirectoryGetAWarning() throws IOException {
        Path outputs = tmp.resolve("out");
        GoldenOutputs.write("public", outputs, OutputFormat.JSONL);
        // a second run's part files beside the first's, as a run into a used directory used to leave them
        try (Stream<Path> files = Files.list(outputs.resolve(FileOutputs.METRICS))) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                Files.copy(f, f.resolveSibling("second-" + f.getFileName()));
            }
        }
        CliRun run = CliRun.of("report", "--input", outputs.toString(), "--out", tmp.resolve("report").toString());
        assertThat(run.code()).as(run.toString()).isZero();
        long days = countLines(outputs.resolve(FileOutputs.METRICS)) / 2;
        assertThat(run.err()).startsWith("streamcast: warning: " + outputs + " holds the daily metrics of "
                + days + " days more than once");
    }

    private static long countLines(Path dir) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                n += Files.readAllLines(f).size();
            }
        }
        return n;
    }

    /**
     * Checks that index.html references exactly the PNGs of the directory, each a valid image of the chart size
     * with a drawing on it (many colours, not a blank canvas); returns their names.
     */
    public static Set<String> checkedImages(Path report) throws IOException {
        assertThat(report.resolve(HtmlReport.INDEX)).isRegularFile();
        Set<String> referenced = new LinkedHashSet<>();
        Matcher m = IMG.matcher(Files.readString(report.resolve(HtmlReport.INDEX)));
        while (m.find()) {
            referenced.add(m.group(1));
        }
        Set<String> pngs = new TreeSet<>();
        try (Stream<Path> files = Files.list(report)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).forEach(pngs::add);
        }
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(pngs);
        for (String png : pngs) {
            Path file = report.resolve(png);
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as(png + " is a PNG image").isNotNull();
            assertThat(image.getWidth()).as(png).isEqualTo(ReportCharts.WIDTH);
            assertThat(image.getHeight()).as(png).isEqualTo(ReportCharts.HEIGHT);
            assertThat(Files.size(file)).as(png + " bytes").isGreaterThan(10_000);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertThat(colours).as(png + " colours").hasSizeGreaterThan(20);
        }
        return pngs;
    }
}
