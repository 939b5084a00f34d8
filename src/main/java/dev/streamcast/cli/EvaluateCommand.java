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
        Path submission = null;
        Window window = null;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            int next = m5.accept(args, i);
            if (next >= 0) {
                i = next;
                continue;
            }
            switch (args[i]) {
                case "--submission" -> submission = Path.of(Args.value(args, ++i, "--submission"));
                case "--window" -> window = M5Args.windows(Args.value(args, ++i, "--window"), false).get(0);
                case "--json" -> json = Path.of(Args.value(args, ++i, "--json"));
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return;
                }
                default -> {
                    if (args[i].startsWith("--") || submission != null) {
                        throw new UsageException("unexpected argument '" + args[i] + "'\n" + USAGE);
                    }
                    submission = Path.of(args[i]);
                }
            }
        }
        if (submission == null) {
            throw new UsageException("missing SUBMISSION.csv\n" + USAGE);
        }
        if (window == null) {
            throw new UsageException("missing --window validation|evaluation\n" + USAGE);
        }
        long t0 = System.nanoTime();
        try {
            M5Data data = M5Data.load(m5.resolve());
            String loaded = M5Args.seconds(t0);
            long t1 = System.nanoTime();
            Submission sub = Submission.read(submission);
            double[][] forecasts = sub.forecasts(data.sales(), window);
            String read = M5Args.seconds(t1);
            long t2 = System.nanoTime();
            data.dollars(window);
            String weights = M5Args.seconds(t2);
            long t3 = System.nanoTime();
            WrmsseResult r = data.evaluate(window, forecasts);
            String scored = M5Args.seconds(t3);
            out.println("streamcast: " + data.describe());
            int outside = sub.rowsOutside(data.sales(), window);
            if (outside > 0) {
                out.printf("streamcast: %,d %s rows of the submission are not among the series given and were ignored%n",
                        outside, window.suffix());
            }
            out.print(WrmsseReport.text(r, data.weeks()));
            if (json != null) {
                WrmsseReport.writeJson(r, json);
                out.println("per-series RMSSE: " + json);
            }
            out.println("done in " + M5Args.seconds(t0) + " (data " + loaded + ", submission " + read + ", prices and weights "
                    + weights + ", scoring " + scored + ")");
        } catch (M5DataException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
