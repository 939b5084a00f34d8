package dev.streamcast.cli;

import dev.streamcast.eval.M5DataException;
import dev.streamcast.eval.M5Inputs;
import dev.streamcast.eval.Window;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The options naming the M5 input files, a mixin of the evaluation commands ({@code evaluate}, {@code baseline},
 * {@code submission}), and the converters of their {@code --window}.
 */
final class M5Options {
    @Option(names = "--m5", paramLabel = "DIR", description = {"a folder of M5 files: calendar.csv, "
            + "sell_prices.csv(.gz), every sales_*.csv(.gz) with a wide sales header (merged per series by day), and "
            + "aggregates/level*.csv(.gz) (aggregate histories) if present; the options below replace what it gives"})
    Path folder;

    @Option(names = "--sales", paramLabel = "FILE", split = ",", description = "wide sales files (Kaggle's "
            + "id,item_id,...,d_a..d_b, or the organisers' test files)")
    List<Path> sales;

    @Option(names = "--calendar", paramLabel = "FILE", description = "calendar.csv (d_N -> date and wm_yr_wk)")
    Path calendar;

    @Option(names = "--prices", paramLabel = "FILE", description = "sell_prices.csv or .csv.gz "
            + "(store_id,item_id,wm_yr_wk,sell_price)")
    Path prices;

    @Option(names = "--aggregates", paramLabel = "FILE|none", split = ",", description = "aggregate unit histories "
            + "(d, hierarchy columns, units); none: ignore the folder's")
    List<Path> aggregates;

    M5Inputs resolve() throws IOException, M5DataException {
        boolean none = aggregates != null && aggregates.equals(List.of(Path.of("none")));
        return M5Inputs.resolve(folder, sales, calendar, prices, none ? List.of() : aggregates, !none);
    }

    /** The command's input, given once: as its argument or as its option ({@code label} names it). */
    static Path operand(CommandSpec spec, Path argument, Path option, String label) {
        if ((argument == null) == (option == null)) {
            throw new ParameterException(spec.commandLine(), argument == null ? "missing " + label
                    : "give " + label + " once, as an argument or as an option");
        }
        return argument != null ? argument : option;
    }

    /** One or both windows: {@code validation}, {@code evaluation}, or {@code both}. */
    record Windows(List<Window> list) {
        /** Reads {@code validation}, {@code evaluation} or {@code both} ({@code all}). */
        static final class Converter implements ITypeConverter<Windows> {
            @Override
            public Windows convert(String v) {
                if (v.equals("both") || v.equals("all")) {
                    return new Windows(List.of(Window.values()));
                }
                Window w = Window.of(v);
                if (w == null) {
                    throw new TypeConversionException("must be validation (d_1914..d_1941), evaluation "
                            + "(d_1942..d_1969) or both, got '" + v + "'");
                }
                return new Windows(List.of(w));
            }
        }
    }

    static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
