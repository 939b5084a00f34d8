package dev.streamcast.cli;

import dev.streamcast.eval.M5DataException;
import dev.streamcast.eval.M5Inputs;
import dev.streamcast.eval.Window;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options naming M5 input files, shared by the evaluation commands, and the parsing of those commands'
 * arguments ({@link #parse}).
 */
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

    /** The value after an option, read by the option that takes one. */
    @FunctionalInterface
    interface Value {
        /** The next argument; a missing value, or another option in its place, is an error. */
        String get() throws UsageException;
    }

    /** The arguments of one evaluation command beside the M5 inputs: its own options and operand. */
    @FunctionalInterface
    interface CommandOptions {
        /** Takes {@code arg} (and its {@code value}, if it has one) if it is the command's; false if not. */
        boolean accept(String arg, Value value) throws UsageException;
    }

    /**
     * Parses an evaluation command's arguments, in order: {@code --help} or {@code -h} prints {@code usage} to
     * {@code out} and returns false; the M5 input options go into this and the others to {@code own}; an
     * argument neither takes is an error that shows {@code usage}.
     */
    boolean parse(String[] args, CommandOptions own, String usage, PrintStream out) throws UsageException {
        Cursor c = new Cursor(args);
        for (c.at = 0; c.at < args.length; c.at++) {
            String arg = args[c.at];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(usage);
                return false;
            }
            if (!accept(arg, c) && !own.accept(arg, c)) {
                throw new UsageException("unexpected argument '" + arg + "'\n" + usage);
            }
        }
        return true;
    }

    /** Takes an M5 input option and its value; false if {@code arg} is not one. */
    private boolean accept(String arg, Value value) throws UsageException {
        switch (arg) {
            case "--m5" -> folder = Path.of(value.get());
            case "--sales" -> sales = paths(value.get());
            case "--calendar" -> calendar = Path.of(value.get());
            case "--prices" -> prices = Path.of(value.get());
            case "--aggregates" -> {
                String v = value.get();
                if (v.equals("none")) {
                    noAggregates = true;
                    aggregates = List.of();
                } else {
                    aggregates = paths(v);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The arguments being parsed, at the one being read; {@link #get} moves on to its value. */
    private static final class Cursor implements Value {
        private final String[] args;
        private int at;

        Cursor(String[] args) {
            this.args = args;
        }

        @Override
        public String get() throws UsageException {
            String option = args[at];
            return Args.value(args, ++at, option);
        }
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
