package dev.streamcast.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streamcast.io.M5Calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads streamcast's forecast outputs (the {@code forecasts/} part files that {@code FileOutputs} writes with
 * {@code RecordEncoder.forecasts}: JSON lines, or CSV with a header; plain or {@code .gz}) and keeps, per
 * series and day, the forecast of a future day.
 *
 * <p>A record is {@code id, date, y, ..., prediction, ..., n}. Only records whose {@code y} is null (JSON) or
 * empty (CSV) are forecasts of days not yet learned (horizon forecasts and answers to forecast requests);
 * records with a {@code y} are progressive-validation records of learned days and are skipped. The id may
 * carry a suffix ({@code FOODS_3_090_CA_3_evaluation}): the series is its first five {@code _}-tokens. When a
 * series has several forecasts of one day (e.g. a horizon emitted after every learned event), the one made
 * after the most learned events ({@code n}) wins; equal {@code n} with another prediction is counted as a
 * conflict and the later file (in name order) wins.
 *
 * <p>A path that is a directory is read recursively (files whose names start with {@code .} or {@code _},
 * i.e. Flink's in-progress files, are skipped); a directory holding a {@code forecasts/} directory (a job's
 * output directory) reads that.
 */
public final class ForecastOutputs {
    private static final JsonFactory JSON = new JsonFactory();

    private final M5Sales sales;
    private final M5Weeks weeks;
    private final int first;
    private final int days;
    private final double[] pred;
    private final long[] n;
    private final List<Path> files = new ArrayList<>();
    private long records;
    private long learnedRecords;
    private long used;
    private long outsideDays;
    private long unknownIds;
    private long conflicts;
    private long nonFinite;
    private String firstUnknownId;

    private ForecastOutputs(M5Sales sales, M5Weeks weeks, int first, int last) {
        this.sales = sales;
        this.weeks = weeks;
        this.first = first;
        this.days = last - first + 1;
        this.pred = new double[sales.size() * days];
        this.n = new long[sales.size() * days];
        Arrays.fill(pred, Double.NaN);
        Arrays.fill(n, Long.MIN_VALUE);
    }

    /**
     * Reads the forecasts in {@code path} of the series in {@code sales} for the days {@code d_first..d_last}
     * (dates are mapped to days with {@code weeks}' calendar).
     */
    public static ForecastOutputs read(Path path, M5Sales sales, M5Weeks weeks, int first, int last)
            throws IOException, M5DataException {
        ForecastOutputs f = new ForecastOutputs(sales, weeks, first, last);
        List<Path> files = partFiles(path);
        if (files.isEmpty()) {
            throw new M5DataException("no forecast files (.jsonl, .json or .csv, optionally .gz) in " + path);
        }
        for (Path p : files) {
            f.files.add(p);
            if (TextFiles.baseName(p).endsWith(".csv")) {
                f.readCsv(p);
            } else {
                f.readJson(p);
            }
        }
        return f;
    }

    static List<Path> partFiles(Path path) throws IOException, M5DataException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new M5DataException("no such file or directory: " + path);
        }
        Path dir = Files.isDirectory(path.resolve("forecasts")) ? path.resolve("forecasts") : path;
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        String base = TextFiles.baseName(p);
                        return !name.startsWith(".") && !name.startsWith("_")
                                && (base.endsWith(".jsonl") || base.endsWith(".json") || base.endsWith(".csv"));
                    })
                    .sorted()
                    .toList();
        }
    }

    private void readJson(Path file) throws IOException, M5DataException {
        try (BufferedReader in = TextFiles.open(file)) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (learnedDay(line)) {
                    records++;
                    learnedRecords++;
                    continue;
                }
                String id = null;
                String date = null;
                boolean hasY = false;
                double prediction = Double.NaN;
                long count = 0;
                try (JsonParser p = JSON.createParser(line)) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw bad(file, lineNo, "not a JSON object");
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken t = p.nextToken();
                        switch (name) {
                            case "id" -> id = t == JsonToken.VALUE_STRING ? p.getText() : null;
                            case "date" -> date = t == JsonToken.VALUE_STRING ? p.getText() : null;
                            case "y" -> hasY = t != JsonToken.VALUE_NULL;
                            case "prediction" -> prediction = t.isNumeric() ? p.getDoubleValue() : Double.NaN;
                            case "n" -> count = t.isNumeric() ? p.getLongValue() : 0;
                            default -> p.skipChildren();
                        }
                    }
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    throw bad(file, lineNo, "not valid JSON (" + e.getOriginalMessage() + ")");
                }
                accept(file, lineNo, id, date, hasY, prediction, count);
            }
        }
    }

    /** Whether a JSON line plainly is a learned day's record: its {@code "y"} is a number (skips parsing it). */
    static boolean learnedDay(String line) {
        int i = line.indexOf(",\"y\":");
        if (i < 0 || i + 5 >= line.length()) {
            return false;
        }
        char c = line.charAt(i + 5);
        return c >= '0' && c <= '9' && line.indexOf(",\"y\":", i + 1) < 0;
    }

    private void readCsv(Path file) throws IOException, M5DataException {
        try (BufferedReader in = TextFiles.open(file)) {
            String header = in.readLine();
            if (header == null) {
                return;
            }
            List<String> cols = csv(TextFiles.clean(header));
            int id = cols.indexOf("id");
            int date = cols.indexOf("date");
            int y = cols.indexOf("y");
            int pr = cols.indexOf("prediction");
            int nn = cols.indexOf("n");
            if (id < 0 || date < 0 || y < 0 || pr < 0) {
                throw bad(file, 1, "a forecasts CSV needs the columns id, date, y and prediction; got "
                        + TextFiles.quote(header));
            }
            TextFiles.forEachRow(in, (line, lineNo) -> {
                if (line.equals(header)) {
                    return; // a part file's header in concatenated files
                }
                List<String> f = csv(line);
                if (f.size() != cols.size()) {
                    throw bad(file, lineNo, f.size() + " fields, but the header has " + cols.size());
                }
                double p;
                try {
                    p = f.get(pr).isEmpty() ? Double.NaN : Double.parseDouble(f.get(pr));
                } catch (NumberFormatException e) {
                    throw bad(file, lineNo, "prediction " + TextFiles.quote(f.get(pr)) + " is not a number");
                }
                long count = 0;
                if (nn >= 0 && !f.get(nn).isEmpty()) {
                    try {
                        count = Long.parseLong(f.get(nn));
                    } catch (NumberFormatException e) {
                        throw bad(file, lineNo, "n " + TextFiles.quote(f.get(nn)) + " is not a whole number");
                    }
                }
                accept(file, lineNo, f.get(id), f.get(date), !f.get(y).isEmpty(), p, count);
            });
        }
    }

    private void accept(Path file, long lineNo, String id, String date, boolean hasY, double prediction, long count)
            throws M5DataException {
        records++;
        if (hasY) {
            learnedRecords++;
            return;
        }
        if (id == null || date == null) {
            throw bad(file, lineNo, "a forecast record needs a string 'id' and 'date'");
        }
        int day;
        try {
            day = weeks.dayOf(LocalDate.parse(date));
        } catch (DateTimeParseException e) {
            throw bad(file, lineNo, "date " + TextFiles.quote(date) + " is not YYYY-MM-DD");
        }
        if (day < first || day >= first + days) {
            outsideDays++;
            return;
        }
        int s = sales.indexOf(id);
        if (s < 0) {
            if (unknownIds++ == 0) {
                firstUnknownId = id;
            }
            return;
        }
        if (!Double.isFinite(prediction)) {
            nonFinite++;
            prediction = 0;
        }
        int i = s * days + (day - first);
        if (count > n[i]) {
            pred[i] = prediction;
            n[i] = count;
        } else if (count == n[i]) {
            if (pred[i] != prediction) {
                conflicts++;
            }
            pred[i] = prediction;
        }
        used++;
    }

    /**
     * The forecasts of the days {@code d_from..d_from+horizon-1} per series (in {@code sales} order); a day
     * without a forecast is 0.
     */
    public double[][] forecasts(int from, int horizon) {
        double[][] f = new double[sales.size()][horizon];
        for (int s = 0; s < f.length; s++) {
            for (int h = 0; h < horizon; h++) {
                double v = value(s, from + h);
                f[s][h] = Double.isNaN(v) ? 0 : v;
            }
        }
        return f;
    }

    /** The forecast of series {@code s} for {@code d_day}, NaN if none. */
    public double value(int s, int day) {
        return day < first || day >= first + days ? Double.NaN : pred[s * days + (day - first)];
    }

    /** Series with no forecast at all on {@code d_from..d_from+horizon-1}. */
    public int seriesWithout(int from, int horizon) {
        int c = 0;
        for (int s = 0; s < sales.size(); s++) {
            boolean any = false;
            for (int h = 0; h < horizon && !any; h++) {
                any = !Double.isNaN(value(s, from + h));
            }
            c += any ? 0 : 1;
        }
        return c;
    }

    /** Series-days without a forecast, among the series that have some forecast in that window. */
    public long daysWithout(int from, int horizon) {
        long c = 0;
        for (int s = 0; s < sales.size(); s++) {
            int missing = 0;
            for (int h = 0; h < horizon; h++) {
                missing += Double.isNaN(value(s, from + h)) ? 1 : 0;
            }
            c += missing < horizon ? missing : 0;
        }
        return c;
    }

    public List<Path> files() {
        return files;
    }

    public long records() {
        return records;
    }

    public long learnedRecords() {
        return learnedRecords;
    }

    public long used() {
        return used;
    }

    public long outsideDays() {
        return outsideDays;
    }

    public long unknownIds() {
        return unknownIds;
    }

    public String firstUnknownId() {
        return firstUnknownId;
    }

    public long conflicts() {
        return conflicts;
    }

    public long nonFinite() {
        return nonFinite;
    }

    /** One line on what was read. */
    public String describe() {
        return files.size() + " file(s), " + records + " records: " + learnedRecords + " of learned days skipped, "
                + used + " forecasts of " + M5Calendar.dayName(first) + ".." + M5Calendar.dayName(first + days - 1)
                + " read, " + outsideDays + " of other days ignored"
                + (unknownIds > 0 ? ", " + unknownIds + " of unknown series ignored (e.g. " + firstUnknownId + ")" : "")
                + (conflicts > 0 ? ", " + conflicts + " conflicting duplicates" : "")
                + (nonFinite > 0 ? ", " + nonFinite + " non-finite predictions taken as 0" : "");
    }

    private static M5DataException bad(Path file, long lineNo, String message) {
        return new M5DataException(file + " line " + lineNo + ": " + message);
    }

    /** Splits a CSV line, with RFC 4180 quoting as {@code RecordEncoder} writes it. */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }
}
