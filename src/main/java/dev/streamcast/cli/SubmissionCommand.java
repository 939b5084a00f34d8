package dev.streamcast.cli;

import dev.streamcast.eval.ForecastOutputs;
import dev.streamcast.eval.M5Data;
import dev.streamcast.eval.Submission;
import dev.streamcast.eval.Window;
import dev.streamcast.eval.WrmsseReport;
import dev.streamcast.eval.WrmsseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code streamcast submission FORECASTS --m5 DIR --window validation|evaluation|both [--out S.csv]
 * [--evaluate]}: turns a job's forecast outputs into a Kaggle submission (all series, {@code _validation} and
 * {@code _evaluation} rows); a series without a forecast gets zeros, with a warning counting them.
 */
@Command(name = "submission",
        description = "Turn a job's forecast outputs into a Kaggle submission.",
        footer = "The sales files give the series, in their order, and the calendar maps dates to days.")
final class SubmissionCommand extends Subcommand {
    @Mixin
    M5Options m5;

    @Parameters(paramLabel = "FORECASTS", arity = "0..1", description = {"a job's forecasts/ directory (or its output "
            + "directory, or one part file): JSON lines or CSV as the job writes them; records with y null are "
            + "forecasts of future days (also as --forecasts)"})
    Path forecastsArgument;

    @Option(names = "--forecasts", paramLabel = "PATH", description = "the forecasts, as an option")
    Path forecastsOption;

    @Option(names = "--window", required = true, paramLabel = "validation|evaluation|both",
            converter = M5Options.Windows.Converter.class, description = {"the rows to fill: validation (forecasts "
            + "dated d_1914..d_1941 -> _validation rows), evaluation (d_1942..d_1969 -> _evaluation rows) or both; "
            + "other rows are 0"})
    M5Options.Windows windows;

    @Option(names = "--out", paramLabel = "FILE", description = "the submission to write (default "
            + "out/submission.csv; .gz compresses)")
    Path file = Path.of("out", "submission.csv");

    @Option(names = "--evaluate", description = "then score each filled window whose actuals are given (needs the "
            + "prices)")
    boolean evaluate;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path forecasts = M5Options.operand(spec, forecastsArgument, forecastsOption, "FORECASTS");
        PrintStream out = cli.out;
        M5Data data = M5Data.load(m5.resolve());
        ForecastOutputs fo = ForecastOutputs.read(forecasts, data.sales(), data.calendar(),
                Window.VALIDATION.firstDay(), Window.EVALUATION.lastDay());
        out.println("streamcast: read " + fo.describe());
        double[][] val = null;
        double[][] eval = null;
        for (Window w : windows.list()) {
            double[][] f = fo.forecasts(w.firstDay(), Window.HORIZON);
            int without = fo.seriesWithout(w.firstDay(), Window.HORIZON);
            long gaps = fo.daysWithout(w.firstDay(), Window.HORIZON);
            if (without > 0) {
                out.printf(Locale.ROOT, "streamcast: warning: %,d of %,d series have no forecast for the %s window "
                        + "%s: their %s rows are zeros%n", without, data.sales().size(), w.label(), w.days(), w.suffix());
            }
            if (gaps > 0) {
                out.printf(Locale.ROOT, "streamcast: warning: %,d days of the %s window lack a forecast in series "
                        + "that have some: zeros there%n", gaps, w.label());
            }
            if (w == Window.VALIDATION) {
                val = f;
            } else {
                eval = f;
            }
        }
        Submission.write(file, BaselineCommand.keys(data), val, eval);
        out.printf(Locale.ROOT, "streamcast: wrote %s (%,d rows: %s) in %s%n", file, 2 * data.sales().size(),
                windows.list().size() == 2 ? "both windows" : windows.list().get(0).suffix() + " rows filled, the others 0",
                M5Options.seconds(t0));
        if (evaluate) {
            for (Window w : windows.list()) {
                if (!data.canScore(w)) {
                    out.println("streamcast: the " + w.label() + " window is not scored: the sales lack its actuals");
                    continue;
                }
                WrmsseResult r = data.evaluate(w, w == Window.VALIDATION ? val : eval);
                out.print(WrmsseReport.text(r, data.calendar()));
            }
        }
        return 0;
    }
}
