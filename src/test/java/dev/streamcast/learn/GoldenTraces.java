package dev.streamcast.learn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the golden CSV files (creme 0.5.1 reference traces) from the test resources. */
public final class GoldenTraces {
    /** The golden sets: {@code public} (everyday series) and {@code edge} (creme's rare branches). */
    public static final List<String> SETS = List.of("public", "edge");
    /** The golden set keyed by item ({@link KeyMode#ITEM}): 2 real M5 items × their 10 stores, no features file. */
    public static final String ITEM_SET = "item-public";

    private GoldenTraces() {
    }

    /** Rows of {@code golden/<set>/<file>.csv}, header first, each split on commas. */
    public static List<String[]> read(String set, String file) {
        String resource = "/golden/" + set + "/" + file + ".csv";
        try (InputStream in = GoldenTraces.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                rows.add(line.split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative difference, treating two zeros as equal. */
    public static double relativeDifference(double actual, double expected) {
        if (actual == expected) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
    }
}
