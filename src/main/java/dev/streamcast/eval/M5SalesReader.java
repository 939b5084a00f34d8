package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.M5WideFormat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads M5 wide sales files into an {@link M5Sales}, merging several files per series by day.
 *
 * <p>Two layouts are read (plain or {@code .gz}; a UTF-8 BOM, CRLF line ends and double-quoted fields are
 * accepted): Kaggle's {@code sales_train_*.csv}, {@code id,item_id,dept_id,cat_id,store_id,state_id,d_a..d_b},
 * and the organisers' {@code sales_test_*.csv}, {@code item_id,dept_id,cat_id,store_id,state_id,d_a..d_b}
 * (no id column). The day columns of a file are any contiguous run. A series is the pair item × store (its
 * id's {@code _validation}/{@code _evaluation} suffix does not matter); the files' day ranges may overlap
 * or leave gaps. Where two files give the same series and day, the values must agree: a conflict is an error
 * naming both files.
 */
public final class M5SalesReader {
    private static final int KAGGLE_ID_COLS = 6;
    private static final int TEST_ID_COLS = 5;

    private M5SalesReader() {
    }

    /** The header of one sales file. */
    record Header(Path file, int idColumns, int first, int last) {
        int fieldCount() {
            return idColumns + last - first + 1;
        }
    }

    /** Reads and merges {@code files} (in this order: the series order is that of first appearance). */
    public static M5Sales read(List<Path> files) throws IOException, M5DataException {
        if (files.isEmpty()) {
            throw new M5DataException("no sales file given");
        }
        List<Header> headers = new ArrayList<>();
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Path f : files) {
            Header h = header(f);
            headers.add(h);
            first = Math.min(first, h.first());
            last = Math.max(last, h.last());
        }
        M5Sales.Builder b = new M5Sales.Builder(first, last);
        List<String> sourceOf = new ArrayList<>(); // the file that first gave each series (for conflict messages)
        for (Header h : headers) {
            readRows(h, b, sourceOf);
        }
        if (b.size() == 0) {
            throw new M5DataException("the sales files have no series rows: " + files);
        }
        return b.build();
    }

    /** Reads only the header of a sales file; throws if it is not a wide sales file. */
    static Header header(Path file) throws IOException, M5DataException {
        try (BufferedReader in = TextFiles.open(file)) {
            String line = in.readLine();
            if (line == null) {
                throw new M5DataException(file + ": the file is empty (expected an M5 sales header)");
            }
            return parseHeader(file, line);
        }
    }

    /** Whether {@code file} starts with an M5 wide sales header (either layout). */
    static boolean isSalesFile(Path file) {
        try {
            header(file);
            return true;
        } catch (IOException | M5DataException e) {
            return false;
        }
    }

    private static Header parseHeader(Path file, String line) throws M5DataException {
        String[] names = TextFiles.splitUnquote(line);
        List<String> ids = M5WideFormat.ID_COLUMNS;
        int idCols;
        if (names.length > 0 && names[0].equals(ids.get(0))) {
            idCols = KAGGLE_ID_COLS;
        } else if (names.length > 0 && names[0].equals(ids.get(1))) {
            idCols = TEST_ID_COLS;
        } else {
            throw new M5DataException(file + " line 1: not an M5 sales header: expected "
                    + String.join(",", ids) + ",d_<first>,...,d_<last> (or the same without 'id'), got "
                    + TextFiles.quote(line));
        }
        int offset = KAGGLE_ID_COLS - idCols;
        for (int c = 0; c < idCols; c++) {
            if (c >= names.length || !names[c].equals(ids.get(c + offset))) {
                throw new M5DataException(file + " line 1: column " + (c + 1) + " must be '" + ids.get(c + offset)
                        + "', got " + (c >= names.length ? "nothing" : TextFiles.quote(names[c])));
            }
        }
        if (names.length == idCols) {
            throw new M5DataException(file + " line 1: the header has no day columns d_<N>");
        }
        int first;
        try {
            first = M5Calendar.firstDayColumn(Arrays.asList(names).subList(idCols, names.length), idCols);
        } catch (IllegalArgumentException e) {
            throw new M5DataException(file + " line 1: " + e.getMessage());
        }
        return new Header(file, idCols, first, first + names.length - idCols - 1);
    }

    private static void readRows(Header h, M5Sales.Builder b, List<String> sourceOf)
            throws IOException, M5DataException {
        Path file = h.file();
        int fields = h.fieldCount();
        try (BufferedReader in = TextFiles.open(file)) {
            in.readLine();
            TextFiles.forEachRow(in, (line, lineNo) -> {
                int[] starts = TextFiles.fieldStarts(line, fields);
                if (starts == null) {
                    throw new M5DataException(file + " line " + lineNo + ": " + line.split(",", -1).length
                            + " fields, but the header has " + fields);
                }
                int o = h.idColumns() == KAGGLE_ID_COLS ? 1 : 0;
                String item = field(line, starts, o);
                String dept = field(line, starts, o + 1);
                String cat = field(line, starts, o + 2);
                String store = field(line, starts, o + 3);
                String state = field(line, starts, o + 4);
                if (item.isEmpty() || store.isEmpty()) {
                    throw new M5DataException(file + " line " + lineNo + ": item_id and store_id must not be empty");
                }
                if (o == 1) {
                    String id = field(line, starts, 0);
                    String key = M5Sales.seriesKey(id);
                    if (!key.equals(item + "_" + store)) {
                        throw new M5DataException(file + " line " + lineNo + ": id " + TextFiles.quote(id)
                                + " is not item_id_store_id (" + item + "_" + store + ") with a suffix");
                    }
                }
                int s;
                try {
                    s = b.series(item, dept, cat, store, state);
                } catch (IllegalArgumentException e) {
                    throw new M5DataException(file + " line " + lineNo + ": " + e.getMessage());
                }
                if (s == sourceOf.size()) {
                    sourceOf.add(file.toString());
                }
                for (int k = 0, c = h.idColumns(); c < fields; k++, c++) {
                    int v = cell(line, starts[c], starts[c + 1] - 1);
                    if (v < 0) {
                        throw new M5DataException(file + " line " + lineNo + ": " + item + "_" + store + ", column "
                                + M5Calendar.dayName(h.first() + k) + ": "
                                + TextFiles.quote(line.substring(starts[c], starts[c + 1] - 1))
                                + " is not a whole number of units >= 0");
                    }
                    int day = h.first() + k;
                    int old = b.set(s, day, v);
                    if (old != M5Sales.UNKNOWN && old != v) {
                        throw new M5DataException(file + " line " + lineNo + ": " + item + "_" + store + " "
                                + M5Calendar.dayName(day) + " is " + v + " but " + sourceOf.get(s)
                                + (sourceOf.get(s).equals(file.toString()) ? " (an earlier row)" : "")
                                + " gives " + old + " (overlapping files must agree)");
                    }
                }
            });
        }
    }

    private static String field(String line, int[] starts, int k) {
        return TextFiles.unquote(line.substring(starts[k], starts[k + 1] - 1).trim());
    }

    /** A cell of ASCII digits (surrounding spaces allowed; "3.0" accepted), else -1. */
    private static int cell(String s, int a, int b) {
        int v = TextFiles.wholeNumber(s, a, b, false);
        return v >= 0 ? v : slow(s.substring(a, b));
    }

    /** Any other whole number {@code >= 0} that {@link Double#parseDouble} reads (which ignores the spaces around). */
    private static int slow(String t) {
        try {
            double d = Double.parseDouble(t);
            if (d >= 0 && d <= Integer.MAX_VALUE - 1 && d == Math.rint(d)) {
                return (int) d;
            }
        } catch (NumberFormatException e) {
            // not a number
        }
        return -1;
    }
}
