package dev.streamcast.cli;

import dev.streamcast.eval.M5Data;
import dev.streamcast.eval.M5DataException;
import dev.streamcast.eval.Submission;
import dev.streamcast.eval.Window;
import dev.streamcast.eval.WrmsseReport;
import dev.streamcast.eval.WrmsseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code streamcast evaluate SUBMISSION.csv --m5 DIR --window validation|evaluation [--json FILE]}: scores a
 * Kaggle-format submission with the M5 metric (WRMSSE) and prints the score and the per-level table; the
 * {@code _validation} rows are scored on d_1914..d_1941 (training through d_1913), the {@code _evaluation}
 * rows on d_1942..d_1969 (training through d_1941).
 */
public final class EvaluateCommand {
    static final String USAGE = String.join("\n",
            "usage: streamcast evaluate SUBMISSION.csv " + M5Args.USAGE,
            "                           --window validation|evaluation [--json PER_SERIES.json]",
            "  SUBMISSION.csv     Kaggle format id,F1..F28 (also as --submission S.csv); the window's rows are scored:",
            "                     validation: the _validation rows against d_1914..d_1941 (training through d_1913)",
            "                     evaluation: the _evaluation rows against d_1942..d_1969 (training through d_1941)",
            M5Args.HELP,
            "  --json FILE        also write the score, the levels and every series' weight, scale and RMSSE as JSON");

    private EvaluateCommand() {
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
        if (o.submission == null) {
            throw new UsageException("missing SUBMISSION.csv\n" + USAGE);
        }
        if (o.window == null) {
            throw new UsageException("missing --window validation|evaluation\n" + USAGE);
        }
        long t0 = System.nanoTime();
        try {
            M5Data data = M5Data.load(m5.resolve());
            String loaded = M5Args.seconds(t0);
            long t1 = System.nanoTime();
            Submission sub = Submission.read(o.submission);
            double[][] forecasts = sub.forecasts(data.sales(), o.window);
            String read = M5Args.seconds(t1);
            long t2 = System.nanoTime();
            data.dollars(o.window);
            String weights = M5Args.seconds(t2);
            long t3 = System.nanoTime();
            WrmsseResult r = data.evaluate(o.window, forecasts);
            String scored = M5Args.seconds(t3);
            out.println("streamcast: " + data.describe());
            int outside = sub.rowsOutside(data.sales(), o.window);
            if (outside > 0) {
                out.printf("streamcast: %,d %s rows of the submission are not among the series given and were ignored%n",
                        outside, o.window.suffix());
            }
            out.print(WrmsseReport.text(r, data.weeks()));
            if (o.json != null) {
                WrmsseReport.writeJson(r, o.json);
                out.println("per-series RMSSE: " + o.json);
            }
            out.println("done in " + M5Args.seconds(t0) + " (data " + loaded + ", submission " + read + ", prices and weights "
                    + weights + ", scoring " + scored + ")");
        } catch (M5DataException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The command's arguments beside the M5 inputs: SUBMISSION.csv (or --submission), --window, --json. */
    private static final class Options implements M5Args.CommandOptions {
        Path submission;
        Window window;
        Path json;

        @Override
        public boolean accept(String arg, M5Args.Value value) throws UsageException {
            switch (arg) {
                case "--submission" -> submission = Path.of(value.get());
                case "--window" -> window = M5Args.windows(value.get(), false).get(0);
                case "--json" -> json = Path.of(value.get());
                default -> {
                    if (arg.startsWith("--") || submission != null) {
                        return false;
                    }
                    submission = Path.of(arg);
                }
            }
            return true;
        }
    }
}
