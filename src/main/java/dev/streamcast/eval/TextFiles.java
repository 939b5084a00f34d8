package dev.streamcast.eval;

import dev.streamcast.io.ByteOrderMark;
import dev.streamcast.io.EventParser;
import dev.streamcast.outputs.CommittedOutputs;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.GZIPOutputStream;

/**
 * Opens, reads and writes text files, gzip-compressed ones (name ending in {@code .gz}) included, and scans the
 * fields of the evaluation's CSV files.
 */
final class TextFiles {
    private static final int BUFFER = 1 << 16;

    private TextFiles() {
    }

    static BufferedReader open(Path file) throws IOException, M5DataException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new M5DataException("cannot read " + file + (Files.exists(file) ? "" : " (no such file)"));
        }
        try {
            return CommittedOutputs.open(file);
        } catch (ZipException | EOFException e) {
            throw new M5DataException(file + ": not a readable gzip file (" + e.getMessage() + ")");
        }
    }

    static BufferedWriter create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, BUFFER);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
    }

    /** What to do with one data row of a CSV file. */
    @FunctionalInterface
    interface Row {
        /** Reads {@code line} (without a BOM, not blank), line {@code lineNo} of the file. */
        void read(String line, long lineNo) throws M5DataException;
    }

    /**
     * Passes the lines after the header, which the caller has read from {@code in}, to {@code row}: each without
     * a BOM (line ends, LF, CR or CRLF, are {@link BufferedReader#readLine}'s), with its line number (the header is
     * line 1); blank lines are skipped.
     */
    static void forEachRow(BufferedReader in, Row row) throws IOException, M5DataException {
        String line;
        long lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            line = ByteOrderMark.strip(line);
            if (!line.isBlank()) {
                row.read(line, lineNo);
            }
        }
    }

    /**
     * The start of each field of a line of {@code fields} comma-separated fields (quotes not interpreted), plus one
     * past the end ({@code line.length() + 1}) at index {@code fields}; null if the line has another field count.
     */
    static int[] fieldStarts(String line, int fields) {
        int[] at = new int[fields + 1];
        int k = 1;
        for (int p = line.indexOf(','); p >= 0; p = line.indexOf(',', p + 1)) {
            if (k == fields) {
                return null;
            }
            at[k++] = p + 1;
        }
        if (k != fields) {
            return null;
        }
        at[fields] = line.length() + 1;
        return at;
    }

    /**
     * The value of {@code s[a..b)} if it is 1 to 9 ASCII digits with only spaces around (and double quotes, if
     * {@code quoted}), else -1.
     */
    static int wholeNumber(String s, int a, int b, boolean quoted) {
        while (a < b && (s.charAt(a) == ' ' || quoted && s.charAt(a) == '"')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || quoted && s.charAt(b - 1) == '"')) {
            b--;
        }
        return EventParser.digits(s, a, b);
    }

    /** Splits on commas (no quoting) and removes one pair of surrounding double quotes from each field. */
    static String[] splitUnquote(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = unquote(f[i].trim());
        }
        return f;
    }

    static String unquote(String s) {
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' ? s.substring(1, s.length() - 1) : s;
    }

    /** A value quoted for a message, cut if long. */
    static String quote(String s) {
        return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
    }
}
