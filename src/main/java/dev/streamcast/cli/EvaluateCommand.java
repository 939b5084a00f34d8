package dev.streamcast.cli;

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

/**
 * {@code streamcast evaluate SUBMISSION.csv --m5 DIR --window validation|evaluation [--json FILE]}: scores a
 * Kaggle-format submission with the M5 metric (WRMSSE) and prints the score and the per-level table; the
 * {@code _validation} rows are scored on d_1914..d_1941 (training through d_1913), the {@code _evaluation}
 * rows on d_1942..d_1969 (training through d_1941).
 */
@Command(name = "evaluate",
        description = {"Score a Kaggle submission with the M5 metric (WRMSSE).",
                "Prints the score and the per-level table; --json writes every series' figures."})
final class EvaluateCommand extends Subcommand {
    @Mixin
    M5Options m5;

    @Parameters(paramLabel = "SUBMISSION.csv", arity = "0..1", description = {"Kaggle format id,F1..F28 (also as "
            + "--submission); the window's rows are scored"})
    Path submission;

    @Option(names = "--submission", paramLabel = "FILE", description = "the submission, as an option")
    Path submissionOption;

    @Option(names = "--window", required = true, paramLabel = "validation|evaluation", description = {"validation: the _validation rows against "
            + "d_1914..d_1941 (training through d_1913); evaluation: the _evaluation rows against d_1942..d_1969 "
            + "(training through d_1941)"})
    Window window;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the score, the levels and every "
            + "series' weight, scale and RMSSE as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        Path file = M5Options.operand(spec, submission, submissionOption, "SUBMISSION.csv");
        PrintStream out = cli.out;
        long t0 = System.nanoTime();
        M5Data data = M5Data.load(m5.resolve());
        String loaded = M5Options.seconds(t0);
        long t1 = System.nanoTime();
        Submission sub = Submission.read(file);
        double[][] forecasts = sub.forecasts(data.sales(), window);
        String read = M5Options.seconds(t1);
        long t2 = System.nanoTime();
        data.dollars(window);
        String weights = M5Options.seconds(t2);
        long t3 = System.nanoTime();
        WrmsseResult r = data.evaluate(window, forecasts);
        String scored = M5Options.seconds(t3);
        out.println("streamcast: " + data.describe());
        int outside = sub.rowsOutside(data.sales(), window);
        if (outside > 0) {
            out.printf("streamcast: %,d %s rows of the submission are not among the series given and were ignored%n",
                    outside, window.suffix());
        }
        out.print(WrmsseReport.text(r, data.calendar()));
        if (json != null) {
            WrmsseReport.writeJson(r, json);
            out.println("per-series RMSSE: " + json);
        }
        out.println("done in " + M5Options.seconds(t0) + " (data " + loaded + ", submission " + read
                + ", prices and weights " + weights + ", scoring " + scored + ")");
        return 0;
    }
}
