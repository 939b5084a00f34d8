package dev.streamcast.cli;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.job.FileOutputs;
import dev.streamcast.report.Evaluation;
import dev.streamcast.report.HtmlReport;
import dev.streamcast.report.ReportData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code streamcast report --input OUTPUT_DIR [--format jsonl|csv] --out REPORT_DIR [--evaluation FILE.json]}:
 * reads a run's committed forecasts and daily metrics (and its series snapshots, dead letters and late events
 * for the summary) and writes an HTML report with PNG charts ({@link HtmlReport}). Without {@code --format} the
 * format is that of the part files found. {@code --evaluation} adds WRMSSE per level ({@link Evaluation} says
 * the JSON it reads).
 */
public final class ReportCommand {
    static final String USAGE = "usage: streamcast report --input OUTPUT_DIR [--format jsonl|csv] --out REPORT_DIR "
            + "[--evaluation EVALUATION.json]";

    private ReportCommand() {
    }

    public static void run(String[] args) throws UsageException, IOException {
        Path input = null;
        Path out = null;
        Path evaluationFile = null;
        OutputFormat format = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input" -> input = Path.of(Args.value(args, ++i, "--input"));
                case "--out" -> out = Path.of(Args.value(args, ++i, "--out"));
                case "--evaluation" -> evaluationFile = Path.of(Args.value(args, ++i, "--evaluation"));
                case "--format" -> format = format(Args.value(args, ++i, "--format"));
                default -> throw new UsageException("unexpected argument '" + args[i] + "'\n" + USAGE);
            }
        }
        if (input == null || out == null) {
            throw new UsageException("missing " + (input == null ? "--input" : "--out") + "\n" + USAGE);
        }
        if (!Files.isDirectory(input)) {
            throw new UsageException("--input " + input + " is not a directory (a run's output.path)");
        }
        if (format == null) {
            format = detectFormat(input);
        }
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
            data = ReportData.read(input, format);
        } catch (UncheckedIOException | IllegalArgumentException | DateTimeException e) {
            throw new UsageException("cannot read the outputs in " + input + " as " + format.extension() + ": "
                    + e.getMessage());
        }
        if (data.days().isEmpty() && data.series().isEmpty()) {
            throw new UsageException("no committed forecasts or metrics in " + input + " (part files are committed "
                    + "at checkpoints and at the end of a bounded run)");
        }
        List<Path> files = HtmlReport.write(data, evaluation, "streamcast report: " + input.toAbsolutePath()
                .normalize().getFileName(), out);
        System.out.printf("streamcast: report of %s (%,d events, %,d series) written to %s (%d charts)%n", input,
                data.summary().events(), data.series().size(), files.get(0), files.size() - 1);
    }

    static OutputFormat format(String name) throws UsageException {
        for (OutputFormat f : OutputFormat.values()) {
            if (f.extension().equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new UsageException("--format must be jsonl or csv, got '" + name + "'");
    }

    /** The format of the committed part files of the forecasts and metrics. */
    static OutputFormat detectFormat(Path input) throws UsageException, IOException {
        OutputFormat found = null;
        for (String dir : List.of(FileOutputs.FORECASTS, FileOutputs.METRICS)) {
            Path d = input.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                    for (OutputFormat format : OutputFormat.values()) {
                        if (f.getFileName().toString().endsWith("." + format.extension())) {
                            if (found != null && found != format) {
                                throw new UsageException(input + " holds both jsonl and csv part files: give --format");
                            }
                            found = format;
                        }
                    }
                }
            }
        }
        if (found == null) {
            throw new UsageException("no committed forecasts or metrics in " + input + " (expected "
                    + FileOutputs.FORECASTS + "/ and " + FileOutputs.METRICS + "/ with .jsonl or .csv part files)");
        }
        return found;
    }
}
