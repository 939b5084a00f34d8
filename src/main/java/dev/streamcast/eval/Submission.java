package dev.streamcast.eval;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A forecast submission in Kaggle's M5 format: the header {@code id,F1,...,F28}, then one row per series and
 * window, {@code <item_id>_<store_id>_validation} holding d_1914..d_1941 and {@code ..._evaluation} holding
 * d_1942..d_1969 (see {@link Window}). Kaggle's file lists all {@code _validation} rows, then all
 * {@code _evaluation} rows, each in the sales file's series order (60,980 rows for the full M5).
 */
public final class Submission {
    private final Map<String, double[]> rows;
    private final Path source;

    private Submission(Map<String, double[]> rows, Path source) {
        this.rows = rows;
        this.source = source;
    }

    /** The header line. */
    public static String header(int horizon) {
        return "id" + IntStream.rangeClosed(1, horizon).mapToObj(h -> ",F" + h).collect(Collectors.joining());
    }

    /** Reads a submission file (plain or .gz). */
    public static Submission read(Path file) throws IOException, M5DataException {
        Map<String, double[]> rows = new HashMap<>(1 << 17);
        try (BufferedReader in = TextFiles.open(file)) {
            String h = in.readLine();
            String expected = header(Window.HORIZON);
            if (h == null || !String.join(",", TextFiles.splitUnquote(h)).equals(expected)) {
                throw new M5DataException(file + " line 1: expected the header 'id,F1,...,F28', got "
                        + TextFiles.quote(h == null ? "" : h));
            }
            TextFiles.forEachRow(in, (line, lineNo) -> {
                String[] f = line.split(",", -1);
                if (f.length != Window.HORIZON + 1) {
                    throw new M5DataException(file + " line " + lineNo + ": " + f.length + " fields, expected "
                            + (Window.HORIZON + 1) + " (id,F1..F28)");
                }
                String id = TextFiles.unquote(f[0].trim());
                if (Window.ofId(id) == null) {
                    throw new M5DataException(file + " line " + lineNo + ": id " + TextFiles.quote(id)
                            + " must end in _validation or _evaluation");
                }
                double[] v = new double[Window.HORIZON];
                for (int k = 0; k < v.length; k++) {
                    try {
                        v[k] = Double.parseDouble(f[k + 1].trim());
                    } catch (NumberFormatException e) {
                        v[k] = Double.NaN;
                    }
                    if (!Double.isFinite(v[k])) {
                        throw new M5DataException(file + " line " + lineNo + ": F" + (k + 1) + " of " + id + " is "
                                + TextFiles.quote(f[k + 1]) + ", not a finite number");
                    }
                }
                if (rows.put(id, v) != null) {
                    throw new M5DataException(file + " line " + lineNo + ": " + id + " appears twice");
                }
            });
        }
        return new Submission(rows, file);
    }

    /** The number of rows. */
    public int size() {
        return rows.size();
    }

    /** The row of this id, or {@code null}. */
    public double[] row(String id) {
        return rows.get(id);
    }

    /**
     * The forecasts of {@code w} for every series of {@code sales}, in its order.
     *
     * @throws M5DataException if a series has no row for the window (the message counts them and names a few)
     */
    public double[][] forecasts(M5Sales sales, Window w) throws M5DataException {
        double[][] f = new double[sales.size()][];
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (int s = 0; s < sales.size(); s++) {
            f[s] = rows.get(sales.key(s) + w.suffix());
            if (f[s] == null) {
                count++;
                if (missing.size() < 3) {
                    missing.add(sales.key(s) + w.suffix());
                }
            }
        }
        if (count > 0) {
            throw new M5DataException(source + " has no row for "
                    + count + " of the " + sales.size() + " series of the " + w.label() + " window, e.g. "
                    + String.join(", ", missing));
        }
        return f;
    }

    /** Rows of window {@code w} whose series is not in {@code sales} (ignored when scoring). */
    public int rowsOutside(M5Sales sales, Window w) {
        return (int) rows.keySet().stream().filter(id -> id.endsWith(w.suffix())
                && sales.indexOf(id.substring(0, id.length() - w.suffix().length())) < 0).count();
    }

    /**
     * Writes a submission: for every series key (in this order) a {@code _validation} row, then for every key
     * an {@code _evaluation} row. {@code validation} or {@code evaluation} may be {@code null} (rows of zeros).
     */
    public static void write(Path file, List<String> keys, double[][] validation, double[][] evaluation)
            throws IOException {
        try (BufferedWriter out = TextFiles.create(file)) {
            out.write(header(Window.HORIZON));
            out.write('\n');
            StringBuilder sb = new StringBuilder(512);
            for (Window w : Window.values()) {
                double[][] f = w == Window.VALIDATION ? validation : evaluation;
                for (int s = 0; s < keys.size(); s++) {
                    sb.setLength(0);
                    sb.append(keys.get(s)).append(w.suffix());
                    for (int h = 0; h < Window.HORIZON; h++) {
                        double v = f == null ? 0 : f[s][h];
                        if (!Double.isFinite(v)) {
                            throw new IllegalArgumentException("a submission value must be finite, got " + v);
                        }
                        sb.append(',').append(number(v));
                    }
                    sb.append('\n');
                    out.append(sb);
                }
            }
        }
    }

    /** A double as the shortest common text that reads back to it: whole numbers without ".0". */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
