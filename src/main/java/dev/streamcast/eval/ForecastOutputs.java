package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.outputs.ForecastRow;
import dev.streamcast.outputs.OutputFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

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
    private final M5Sales sales;
    private final M5Calendar calendar;
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

    private ForecastOutputs(M5Sales sales, M5Calendar calendar, int first, int last) {
        this.sales = sales;
        this.calendar = calendar;
        this.first = first;
        this.days = last - first + 1;
        this.pred = new double[sales.size() * days];
        this.n = new long[sales.size() * days];
        Arrays.fill(pred, Double.NaN);
        Arrays.fill(n, Long.MIN_VALUE);
    }

    /**
     * Reads the forecasts in {@code path} of the series in {@code sales} for the days {@code d_first..d_last}
     * (dates are mapped to days with {@code calendar}).
     */
    public static ForecastOutputs read(Path path, M5Sales sales, M5Calendar calendar, int first, int last)
            throws IOException, M5DataException {
        ForecastOutputs f = new ForecastOutputs(sales, calendar, first, last);
        if (!Files.exists(path)) {
            throw new M5DataException("no such file or directory: " + path);
        }
        Path dir = Files.isDirectory(path.resolve(CommittedOutputs.FORECASTS))
                ? path.resolve(CommittedOutputs.FORECASTS) : path;
        f.files.addAll(CommittedOutputs.partFiles(dir));
        if (f.files.isEmpty()) {
            throw new M5DataException("no forecast files (.jsonl, .json or .csv, optionally .gz) in " + path);
        }
        try {
            for (Path p : f.files) {
                CommittedOutputs.forEach(p, null, ForecastRow.class, f::accept);
            }
        } catch (OutputFileException e) {
            throw new M5DataException(e.getMessage());
        }
        return f;
    }

    private void accept(ForecastRow r, Path file, long lineNo) {
        records++;
        if (r.y() != null) {
            learnedRecords++;
            return;
        }
        String id = r.id();
        double prediction = r.prediction();
        long count = r.n();
        int day = calendar.dayOf(r.date());
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
        return (int) IntStream.range(0, sales.size()).filter(s -> missing(s, from, horizon) == horizon).count();
    }

    /** Series-days without a forecast, among the series that have some forecast in that window. */
    public long daysWithout(int from, int horizon) {
        return IntStream.range(0, sales.size()).mapToLong(s -> missing(s, from, horizon))
                .filter(missing -> missing < horizon).sum();
    }

    /** The days of {@code d_from..d_from+horizon-1} without a forecast of series {@code s}. */
    private long missing(int s, int from, int horizon) {
        return IntStream.range(from, from + horizon).filter(day -> Double.isNaN(value(s, day))).count();
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

    public long outsideDays() {
        return outsideDays;
    }

    public long unknownIds() {
        return unknownIds;
    }

    public long conflicts() {
        return conflicts;
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
}
