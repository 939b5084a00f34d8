package dev.streamcast.cli;

import dev.streamcast.eval.M5Data;
import dev.streamcast.eval.M5DataException;
import dev.streamcast.eval.M5Sales;
import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.job.FileOutputs;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.outputs.MetricsRow;
import dev.streamcast.report.Evaluation;
import dev.streamcast.report.HtmlReport;
import dev.streamcast.report.ReportData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code streamcast report --input OUTPUT_DIR [--format jsonl|csv] --out REPORT_DIR [--evaluation FILE.json]}:
 * reads a run's committed forecasts and daily metrics (and its series snapshots, dead letters and late events
 * for the summary) and writes an HTML report with PNG charts ({@link HtmlReport}). Without {@code --format} the
 * format is that of the part files found. {@code --evaluation} adds WRMSSE per level ({@link Evaluation} says
 * the JSON it reads). Daily metrics of one day found more than once (outputs of several runs in one directory)
 * get a warning. With M5 inputs ({@code --m5 DIR}, as for {@code evaluate}) the chosen series' horizon forecasts
 * are drawn against the actual sales of those days.
 */
@Command(name = "report",
        description = {"An HTML report with charts of a run's outputs.",
                "Charts of the committed outputs: daily MAE of each learner and of "
                + "the served forecast, the share of series choosing KNN, forecast against actual for chosen series, "
                + "the distribution of per-series MAE, WRMSSE per level with --evaluation, and the chosen series' "
                + "horizon against the actual sales with --m5."})
final class ReportCommand extends Subcommand {
    @Option(names = "--input", required = true, paramLabel = "OUTPUT_DIR", description = "a run's output directory "
            + "(its output.path)")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "REPORT_DIR", description = "where to write index.html and "
            + "the charts")
    Path out;

    @Option(names = "--format", paramLabel = "jsonl|csv", description = "the format "
            + "of the outputs (default: that of the part files found)")
    OutputFormat format;

    @Option(names = "--evaluation", paramLabel = "EVALUATION.json", description = "WRMSSE per level: "
            + "{\"score\": 0.88, \"levels\": [{\"level\": 1, \"name\": \"Total\", \"wrmsse\": 0.61}, ...]}")
    Path evaluationFile;

    @Mixin
    M5Options m5;

    @Override
    public Integer call() throws UsageException, IOException {
        if (!Files.isDirectory(input)) {
            throw new UsageException("--input " + input + " is not a directory (a run's output.path)");
        }
        OutputFormat f = format != null ? format : detectFormat(input);
        Evaluation evaluation = null;
        if (evaluationFile != null) {
            try {
                evaluation = Evaluation.read(evaluationFile);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("cannot use the evaluation " + evaluationFile + ": " + e.getMessage());
            }
        }
        ReportData data;
        try {
            data = ReportData.read(input, f);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | DateTimeException e) {
            throw new UsageException("cannot read the outputs in " + input + " as " + f.extension() + ": "
                    + e.getMessage());
        }
        if (data.days().isEmpty() && data.series().isEmpty()) {
            throw new UsageException("no committed forecasts or metrics in " + input + " (part files are committed "
                    + "at checkpoints and at the end of a bounded run)");
        }
        long repeated = data.days().size() - data.days().stream().map(MetricsRow::date).distinct().count();
        if (repeated > 0) {
            cli.err.printf("streamcast: warning: %s holds the daily metrics of %,d days more than once: the outputs of "
                    + "more than one run? The report counts every record; rerun into an empty directory "
                    + "(run --overwrite)%n", input, repeated);
        }
        if (m5.folder != null || m5.sales != null) {
            data = withActuals(data);
        }
        List<Path> files = HtmlReport.write(data, evaluation, "streamcast report: " + input.toAbsolutePath()
                .normalize().getFileName(), out);
        cli.out.printf("streamcast: report of %s (%,d events, %,d series) written to %s (%d charts)%n", input,
                data.summary().events(), data.series().size(), files.get(0), files.size() - 1);
        return 0;
    }

    /** The chosen series' forecasts of unlearned days with the actual sales of the M5 files ({@code --m5}). */
    private ReportData withActuals(ReportData data) throws UsageException, IOException {
        try {
            M5Data m5Data = M5Data.load(m5.resolve());
            M5Sales sales = m5Data.sales();
            M5Calendar calendar = m5Data.calendar();
            return data.withActuals((id, date) -> {
                int s = sales.indexOf(id);
                int day;
                try {
                    day = calendar.dIndexOf((int) date.toEpochDay());
                } catch (IllegalArgumentException outsideTheCalendar) {
                    return null;
                }
                int units = s < 0 || day < sales.firstDay() || day > sales.lastDay() ? M5Sales.UNKNOWN
                        : sales.units(s, day);
                return units == M5Sales.UNKNOWN ? null : units;
            });
        } catch (M5DataException e) {
            throw new UsageException("cannot read the M5 inputs: " + e.getMessage());
        }
    }

    /** The format of the committed part files of the forecasts and metrics ({@link CommittedOutputs#partFiles}). */
    static OutputFormat detectFormat(Path input) throws UsageException, IOException {
        Set<OutputFormat> found = EnumSet.noneOf(OutputFormat.class);
        for (String dir : List.of(FileOutputs.FORECASTS, FileOutputs.METRICS)) {
            CommittedOutputs.partFiles(input.resolve(dir)).forEach(f -> found.add(CommittedOutputs.formatOf(f)));
        }
        if (found.size() > 1) {
            throw new UsageException(input + " holds both jsonl and csv part files: give --format");
        }
        if (found.isEmpty()) {
            throw new UsageException("no committed forecasts or metrics in " + input + " (expected "
                    + FileOutputs.FORECASTS + "/ and " + FileOutputs.METRICS + "/ with .jsonl or .csv part files)");
        }
        return found.iterator().next();
    }
}
