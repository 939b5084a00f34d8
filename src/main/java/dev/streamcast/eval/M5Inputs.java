package dev.streamcast.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The M5 files an evaluation reads, given one by one or found in a folder of M5 files:
 *
 * <ul>
 *   <li>sales: every {@code sales_*.csv} / {@code sales_*.csv.gz} in the folder that has a wide sales header
 *       (Kaggle's {@code sales_train_validation.csv}, {@code sales_train_evaluation.csv}, the organisers'
 *       {@code sales_test_*.csv}, or partial files such as {@code sales_all30490_d1762-d1969.csv.gz}), in name
 *       order; other {@code sales_*} files are skipped;</li>
 *   <li>calendar: {@code calendar.csv};</li>
 *   <li>prices: {@code sell_prices.csv(.gz)}, else the only {@code sell_prices*.csv(.gz)};</li>
 *   <li>aggregate histories: {@code aggregates/level*.csv(.gz)}, if that folder exists (see
 *       {@link AggregateHistory}).</li>
 * </ul>
 * Files given explicitly replace what the folder would give.
 *
 * @param skipped files named like sales files that are not wide sales files
 */
public record M5Inputs(List<Path> sales, Path calendar, Path prices, List<Path> aggregates, List<Path> skipped) {
    private static final Pattern SALES = Pattern.compile("sales_.*\\.csv(\\.gz)?");
    private static final Pattern PRICES = Pattern.compile("sell_prices.*\\.csv(\\.gz)?");
    private static final Pattern LEVEL = Pattern.compile("level.*\\.csv(\\.gz)?");

    /**
     * Resolves the inputs: {@code folder} (may be {@code null}) supplies whatever is not given; a {@code null}
     * list or path means not given. {@code useAggregates} false ignores the folder's aggregates.
     */
    public static M5Inputs resolve(Path folder, List<Path> sales, Path calendar, Path prices, List<Path> aggregates,
                                   boolean useAggregates) throws IOException, M5DataException {
        List<Path> skipped = new ArrayList<>();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new M5DataException("no such folder: " + folder);
        }
        if (sales == null) {
            if (folder == null) {
                throw new M5DataException("no sales files: give the M5 folder or the sales files");
            }
            sales = new ArrayList<>();
            for (Path p : list(folder, SALES)) {
                if (M5SalesReader.isSalesFile(p)) {
                    sales.add(p);
                } else {
                    skipped.add(p);
                }
            }
            if (sales.isEmpty()) {
                throw new M5DataException("no M5 sales file (sales_*.csv or sales_*.csv.gz with a wide sales header) in "
                        + folder);
            }
        }
        if (calendar == null && folder != null) {
            calendar = existing(folder, "calendar.csv", "calendar.csv.gz")
                    .orElse(folder.resolve("calendar.csv"));
        }
        if (calendar == null) {
            throw new M5DataException("no calendar: give the M5 folder or the calendar file");
        }
        if (prices == null && folder != null) {
            prices = existing(folder, "sell_prices.csv", "sell_prices.csv.gz").orElse(null);
            if (prices == null) {
                List<Path> found = list(folder, PRICES);
                if (found.size() == 1) {
                    prices = found.get(0);
                } else if (found.size() > 1) {
                    throw new M5DataException("several sell price files in " + folder + ": " + found
                            + "; name the one to use");
                }
            }
        }
        if (aggregates == null) {
            aggregates = List.of();
            if (useAggregates && folder != null && Files.isDirectory(folder.resolve("aggregates"))) {
                aggregates = list(folder.resolve("aggregates"), LEVEL);
            }
        }
        return new M5Inputs(List.copyOf(sales), calendar, prices, List.copyOf(aggregates), List.copyOf(skipped));
    }

    /** The first of {@code names} that exists in {@code dir}. */
    private static Optional<Path> existing(Path dir, String... names) {
        return Arrays.stream(names).map(dir::resolve).filter(Files::exists).findFirst();
    }

    private static List<Path> list(Path dir, Pattern names) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && names.matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
        }
    }
}
