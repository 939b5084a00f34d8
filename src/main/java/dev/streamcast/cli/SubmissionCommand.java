package dev.streamcast.cli;

import dev.streamcast.eval.ForecastOutputs;
import dev.streamcast.eval.M5Data;
import dev.streamcast.eval.M5DataException;
import dev.streamcast.eval.Submission;
import dev.streamcast.eval.Window;
import dev.streamcast.eval.WrmsseReport;
import dev.streamcast.eval.WrmsseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code streamcast submission FORECASTS --m5 DIR --window validation|evaluation|both [--out S.csv]
 * [--evaluate]}: turns a job's forecast outputs into a Kaggle submission (all series, {@code _validation} and
 * {@code _evaluation} rows); a series without a forecast gets zeros, with a warning counting them.
 */
public final class SubmissionCommand {
    static final String USAGE = String.join("\n",
            "usage: streamcast submission FORECASTS " + M5Args.USAGE,
            "                             --window validation|evaluation|both [--out SUBMISSION.csv] [--evaluate]",
            "  FORECASTS          a job's forecasts/ directory (or its output directory, or one part file): JSON lines",
            "                     or CSV as the job writes them; records with y null are forecasts of future days",
            "  --window W         the rows to fill: validation (forecasts dated d_1914..d_1941 -> _validation rows),",
            "                     evaluation (d_1942..d_1969 -> _evaluation rows) or both; other rows are 0",
            "  --out FILE         the submission to write (default out/submission.csv; .gz compresses)",
            "  --evaluate         then score each filled window whose actuals are given (needs the prices)",
            M5Args.HELP,
            "  (the sales files give the series, in their order, and the calendar maps dates to days)");

    private SubmissionCommand() {
    }

    public static void run(String[] args) throws UsageException, IOException {
        run(args, System.out);
    }

    static void run(String[] args, PrintStream out) throws UsageException, IOException {
        M5Args m5 = new M5Args();
        Options o = new Options();
        if (!m5.parse(args, o, USAGE, out)) {
            return;
        }
        if (o.forecasts == null) {
            throw new UsageException("missing FORECASTS\n" + USAGE);
        }
        if (o.windows == null) {
            throw new UsageException("missing --window validation|evaluation|both\n" + USAGE);
        }
        long t0 = System.nanoTime();
        try {
            M5Data data = M5Data.load(m5.resolve());
            ForecastOutputs fo = ForecastOutputs.read(o.forecasts, data.sales(), data.weeks(),
                    Window.VALIDATION.firstDay(), Window.EVALUATION.lastDay());
            out.println("streamcast: read " + fo.describe());
            double[][] val = null;
            double[][] eval = null;
            for (Window w : o.windows) {
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
            Submission.write(o.file, BaselineCommand.keys(data), val, eval);
            out.printf(Locale.ROOT, "streamcast: wrote %s (%,d rows: %s) in %s%n", o.file, 2 * data.sales().size(),
                    o.windows.size() == 2 ? "both windows" : o.windows.get(0).suffix() + " rows filled, the others 0",
                    M5Args.seconds(t0));
            if (o.evaluate) {
                for (Window w : o.windows) {
                    if (!data.canScore(w)) {
                        out.println("streamcast: the " + w.label() + " window is not scored: the sales lack its actuals");
                        continue;
                    }
                    WrmsseResult r = data.evaluate(w, w == Window.VALIDATION ? val : eval);
                    out.print(WrmsseReport.text(r, data.weeks()));
                }
            }
        } catch (M5DataException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The command's arguments beside the M5 inputs: FORECASTS (or --forecasts), --window, --out, --evaluate. */
    private static final class Options implements M5Args.CommandOptions {
        Path forecasts;
        List<Window> windows;
        Path file = Path.of("out", "submission.csv");
        boolean evaluate;

        @Override
        public boolean accept(String arg, M5Args.Value value) throws UsageException {
            switch (arg) {
                case "--forecasts" -> forecasts = Path.of(value.get());
                case "--window" -> windows = M5Args.windows(value.get(), true);
                case "--out" -> file = Path.of(value.get());
                case "--evaluate" -> evaluate = true;
                default -> {
                    if (arg.startsWith("--") || forecasts != null) {
                        return false;
                    }
                    forecasts = Path.of(arg);
                }
            }
            return true;
        }
    }
}
