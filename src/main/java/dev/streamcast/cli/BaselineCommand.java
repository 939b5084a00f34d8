package dev.streamcast.cli;

import dev.streamcast.eval.Baseline;
import dev.streamcast.eval.M5Data;
import dev.streamcast.eval.M5DataException;
import dev.streamcast.eval.Submission;
import dev.streamcast.eval.Window;
import dev.streamcast.eval.WrmsseReport;
import dev.streamcast.eval.WrmsseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code streamcast baseline --m5 DIR [--window ...] [--methods ...] [--out DIR]}: forecasts every series with
 * the simple baselines (naive, seasonal naive, zeros, 28-day moving average), writes one Kaggle submission per
 * method, and scores each window the data holds actuals for with the same evaluator as {@code evaluate}.
 */
public final class BaselineCommand {
    static final String USAGE = String.join("\n",
            "usage: streamcast baseline " + M5Args.USAGE,
            "                           [--window validation|evaluation|both] [--methods naive,snaive,zeros,ma28]",
            "                           [--out DIR] [--levels] [--json]",
            "  --window W         the windows to forecast (default both): validation from the history through d_1913",
            "                     into the _validation rows, evaluation from the history through d_1941 into the",
            "                     _evaluation rows (a window the sales do not reach is skipped; its rows stay 0);",
            "                     each window whose actuals are given is scored",
            "  --methods M,..     naive (last day), snaive (last 7 days repeated), zeros, ma28 (mean of the last 28 days)",
            "  --out DIR          where to write METHOD.csv (default out/baselines)",
            "  --levels           print each score's per-level table",
            "  --json             also write METHOD-WINDOW.json (per-series RMSSE) into the output folder",
            M5Args.HELP);

    private BaselineCommand() {
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
        long t0 = System.nanoTime();
        try {
            M5Data data = M5Data.load(m5.resolve());
            out.println("streamcast: " + data.describe() + " (loaded in " + M5Args.seconds(t0) + ")");
            List<Window> forecastable = new ArrayList<>();
            for (Window w : o.windows) {
                if (data.canForecast(w)) {
                    forecastable.add(w);
                } else {
                    out.println("streamcast: skipping the " + w.label() + " window: the sales do not reach "
                            + data.weeks().describe(w.trainingEnd()) + " for every series");
                }
            }
            if (forecastable.isEmpty()) {
                throw new UsageException("no window can be forecast from these sales");
            }
            List<String> rows = new ArrayList<>();
            for (Baseline b : o.methods) {
                long t1 = System.nanoTime();
                Map<Window, double[][]> f = new EnumMap<>(Window.class);
                for (Window w : forecastable) {
                    f.put(w, b.forecast(data.sales(), w.firstDay(), Window.HORIZON));
                }
                Path file = o.outDir.resolve(b.label() + ".csv");
                Submission.write(file, keys(data), f.get(Window.VALIDATION), f.get(Window.EVALUATION));
                for (Window w : forecastable) {
                    if (!data.canScore(w)) {
                        rows.add(String.format(Locale.ROOT, "%-8s %-10s %9s  (no actuals for %s)", b.label(), w.label(),
                                "-", w.days()));
                        continue;
                    }
                    WrmsseResult r = data.evaluate(w, f.get(w));
                    rows.add(String.format(Locale.ROOT, "%-8s %-10s %9.5f  %s  %s", b.label(), w.label(), r.score(),
                            r.approximate() ? "approximate" : "exact      ", levelScores(r)));
                    if (o.levels) {
                        out.println("== " + b.label() + ", " + w.label() + " window (" + file + ")");
                        out.print(WrmsseReport.text(r, data.weeks()));
                    }
                    if (o.json) {
                        WrmsseReport.writeJson(r, o.outDir.resolve(b.label() + "-" + w.label() + ".json"));
                    }
                }
                out.println("streamcast: " + b.label() + " -> " + file + " (" + M5Args.seconds(t1) + ")");
            }
            out.println(String.format(Locale.ROOT, "%-8s %-10s %9s  %-11s  %s", "method", "window", "WRMSSE", "",
                    "levels 1..12"));
            rows.forEach(out::println);
            out.println("done in " + M5Args.seconds(t0));
        } catch (M5DataException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The command's arguments beside the M5 inputs: --window, --methods, --out, --levels, --json. */
    private static final class Options implements M5Args.CommandOptions {
        List<Window> windows = List.of(Window.values());
        List<Baseline> methods = List.of(Baseline.values());
        Path outDir = Path.of("out", "baselines");
        boolean levels;
        boolean json;

        @Override
        public boolean accept(String arg, M5Args.Value value) throws UsageException {
            switch (arg) {
                case "--window" -> windows = M5Args.windows(value.get(), true);
                case "--methods" -> methods = methods(value.get());
                case "--out" -> outDir = Path.of(value.get());
                case "--levels" -> levels = true;
                case "--json" -> json = true;
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    static List<String> keys(M5Data data) {
        List<String> keys = new ArrayList<>(data.sales().size());
        for (int s = 0; s < data.sales().size(); s++) {
            keys.add(data.sales().key(s));
        }
        return keys;
    }

    static String levelScores(WrmsseResult r) {
        StringBuilder sb = new StringBuilder();
        for (WrmsseResult.Level l : r.levels()) {
            sb.append(String.format(Locale.ROOT, "%s%.3f", sb.length() == 0 ? "" : " ", l.score()));
        }
        return sb.toString();
    }

    private static List<Baseline> methods(String list) throws UsageException {
        List<Baseline> out = new ArrayList<>();
        for (String m : list.split(",")) {
            Baseline b = Baseline.of(m.trim());
            if (b == null) {
                throw new UsageException("unknown method '" + m.trim() + "': use naive, snaive, zeros or ma28");
            }
            out.add(b);
        }
        return out;
    }
}
