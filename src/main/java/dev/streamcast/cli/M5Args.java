package dev.streamcast.cli;

import dev.streamcast.eval.M5DataException;
import dev.streamcast.eval.M5Inputs;
import dev.streamcast.eval.Window;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options naming M5 input files, shared by the evaluation commands. */
final class M5Args {
    static final String USAGE = "(--m5 DIR | --sales F1[,F2...] --calendar C --prices P) [--aggregates F1[,F2...]|none]";
    static final String HELP = String.join("\n",
            "  --m5 DIR           a folder of M5 files: calendar.csv, sell_prices.csv(.gz), every sales_*.csv(.gz)",
            "                     with a wide sales header (merged per series by day), and aggregates/level*.csv(.gz)",
            "                     (aggregate histories) if present; the options below replace what it gives",
            "  --sales F1,F2      wide sales files (Kaggle's id,item_id,...,d_a..d_b, or the organisers' test files)",
            "  --calendar C       calendar.csv (d_N -> date and wm_yr_wk)",
            "  --prices P         sell_prices.csv or .csv.gz (store_id,item_id,wm_yr_wk,sell_price)",
            "  --aggregates F,..  aggregate unit histories (d, hierarchy columns, units); none: ignore the folder's");

    Path folder;
    List<Path> sales;
    Path calendar;
    Path prices;
    List<Path> aggregates;
    boolean noAggregates;

    /** Consumes an M5 input option at {@code args[i]}; returns the index of its value, or -1 if not one. */
    int accept(String[] args, int i) throws UsageException {
        switch (args[i]) {
            case "--m5" -> folder = Path.of(Args.value(args, i + 1, "--m5"));
            case "--sales" -> sales = paths(Args.value(args, i + 1, "--sales"));
            case "--calendar" -> calendar = Path.of(Args.value(args, i + 1, "--calendar"));
            case "--prices" -> prices = Path.of(Args.value(args, i + 1, "--prices"));
            case "--aggregates" -> {
                String v = Args.value(args, i + 1, "--aggregates");
                if (v.equals("none")) {
                    noAggregates = true;
                    aggregates = List.of();
                } else {
                    aggregates = paths(v);
                }
            }
            default -> {
                return -1;
            }
        }
        return i + 1;
    }

    M5Inputs resolve() throws UsageException, IOException {
        try {
            return M5Inputs.resolve(folder, sales, calendar, prices, aggregates, !noAggregates);
        } catch (M5DataException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static List<Path> paths(String list) throws UsageException {
        List<Path> out = new ArrayList<>();
        for (String p : list.split(",")) {
            if (!p.isBlank()) {
                out.add(Path.of(p.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("an empty file list: '" + list + "'");
        }
        return out;
    }

    /** {@code validation}, {@code evaluation}, or (if {@code allowAll}) {@code both}/{@code all} (returns null). */
    static List<Window> windows(String v, boolean allowAll) throws UsageException {
        Window w = Window.of(v);
        if (w != null) {
            return List.of(w);
        }
        if (allowAll && (v.equals("both") || v.equals("all"))) {
            return List.of(Window.values());
        }
        throw new UsageException("--window must be validation (d_1914..d_1941) or evaluation (d_1942..d_1969)"
                + (allowAll ? " or both" : "") + ", got '" + v + "'");
    }

    static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
