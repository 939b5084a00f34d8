package dev.streamcast.cli;

import dev.streamcast.eval.Baseline;
import dev.streamcast.eval.M5Data;
import dev.streamcast.eval.Submission;
import dev.streamcast.eval.Window;
import dev.streamcast.eval.WrmsseReport;
import dev.streamcast.eval.WrmsseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code streamcast baseline --m5 DIR [--window ...] [--methods ...] [--out DIR]}: forecasts every series with
 * the simple baselines (naive, seasonal naive, zeros, 28-day moving average), writes one Kaggle submission per
 * method, and scores each window the data holds actuals for with the same evaluator as {@code evaluate}.
 */
@Command(name = "baseline",
        description = {"Write and score the baseline submissions.",
                "Naive, seasonal naive, zeros and 28-day moving average, scored with the evaluator of 'evaluate'."})
final class BaselineCommand extends Subcommand {
    @Option(names = "--window", paramLabel = "validation|evaluation|both", converter = M5Options.Windows.Converter.class,
            description = {"the windows to forecast (default both): validation from the history through d_1913 into "
            + "the _validation rows, evaluation from the history through d_1941 into the _evaluation rows (a window "
            + "the sales do not reach is skipped; its rows stay 0); each window whose actuals are given is scored"})
    M5Options.Windows windows = new M5Options.Windows(List.of(Window.values()));

    @Option(names = "--methods", paramLabel = "METHOD", split = ",", converter = MethodConverter.class,
            description = "naive (last day), snaive (last 7 days repeated), zeros, ma28 (mean of the last 28 days); "
            + "default all")
    List<Baseline> methods = List.of(Baseline.values());

    @Option(names = "--out", paramLabel = "DIR", description = "where to write METHOD.csv (default out/baselines)")
    Path outDir = Path.of("out", "baselines");

    @Option(names = "--levels", description = "print each score's per-level table")
    boolean levels;

    @Option(names = "--json", description = "also write METHOD-WINDOW.json (per-series RMSSE) into the output folder")
    boolean json;

    @Mixin
    M5Options m5;

    @Override
    public Integer call() throws Exception {
        PrintStream out = cli.out;
        long t0 = System.nanoTime();
        M5Data data = M5Data.load(m5.resolve());
        out.println("streamcast: " + data.describe() + " (loaded in " + M5Options.seconds(t0) + ")");
        List<Window> forecastable = new ArrayList<>();
        for (Window w : windows.list()) {
            if (data.canForecast(w)) {
                forecastable.add(w);
            } else {
                out.println("streamcast: skipping the " + w.label() + " window: the sales do not reach "
                        + data.calendar().describe(w.trainingEnd()) + " for every series");
            }
        }
        if (forecastable.isEmpty()) {
            throw new UsageException("no window can be forecast from these sales");
        }
        List<String> rows = new ArrayList<>();
        for (Baseline b : methods) {
            long t1 = System.nanoTime();
            Map<Window, double[][]> f = new EnumMap<>(Window.class);
            for (Window w : forecastable) {
                f.put(w, b.forecast(data.sales(), w.firstDay(), Window.HORIZON));
            }
            Path file = outDir.resolve(b.label() + ".csv");
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
                if (levels) {
                    out.println("== " + b.label() + ", " + w.label() + " window (" + file + ")");
                    out.print(WrmsseReport.text(r, data.calendar()));
                }
                if (json) {
                    WrmsseReport.writeJson(r, outDir.resolve(b.label() + "-" + w.label() + ".json"));
                }
            }
            out.println("streamcast: " + b.label() + " -> " + file + " (" + M5Options.seconds(t1) + ")");
        }
        out.println(String.format(Locale.ROOT, "%-8s %-10s %9s  %-11s  %s", "method", "window", "WRMSSE", "",
                "levels 1..12"));
        rows.forEach(out::println);
        out.println("done in " + M5Options.seconds(t0));
        return 0;
    }

    static List<String> keys(M5Data data) {
        return IntStream.range(0, data.sales().size()).mapToObj(data.sales()::key).toList();
    }

    static String levelScores(WrmsseResult r) {
        return r.levels().stream().map(l -> String.format(Locale.ROOT, "%.3f", l.score()))
                .collect(Collectors.joining(" "));
    }

    /** A method's name: naive, snaive, zeros or ma28. */
    static final class MethodConverter implements ITypeConverter<Baseline> {
        @Override
        public Baseline convert(String m) {
            Baseline b = Baseline.of(m.trim());
            if (b == null) {
                throw new TypeConversionException("unknown method '" + m.trim() + "': use naive, snaive, zeros or ma28");
            }
            return b;
        }
    }
}
