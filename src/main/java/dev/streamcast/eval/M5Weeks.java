package dev.streamcast.eval;

import dev.streamcast.io.ByteOrderMark;
import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.M5FormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The M5 calendar with its Walmart weeks: {@link M5Calendar} (day index ↔ date, validated there) plus the
 * {@code wm_yr_wk} of every day, which keys {@code sell_prices.csv}.
 */
public final class M5Weeks {
    private final M5Calendar calendar;
    private final int[] weeks;

    private M5Weeks(M5Calendar calendar, int[] weeks) {
        this.calendar = calendar;
        this.weeks = weeks;
    }

    /** Reads {@code calendar.csv} (needs the columns {@code date}, {@code d} and {@code wm_yr_wk}). */
    public static M5Weeks load(Path file) throws IOException, M5DataException {
        M5Calendar calendar;
        try (BufferedReader in = TextFiles.open(file)) {
            calendar = M5Calendar.read(in, file.toString());
        } catch (M5FormatException e) {
            throw new M5DataException(e.getMessage());
        }
        int[] weeks = new int[calendar.size()];
        try (BufferedReader in = TextFiles.open(file)) {
            String[] names = TextFiles.splitUnquote(ByteOrderMark.strip(in.readLine()));
            int wk = Arrays.asList(names).lastIndexOf("wm_yr_wk");
            int d = Arrays.asList(names).lastIndexOf("d");
            if (wk < 0) {
                throw new M5DataException(file + " line 1: the calendar has no 'wm_yr_wk' column (needed for the prices)");
            }
            TextFiles.forEachRow(in, (line, lineNo) -> {
                String[] f = line.split(",", -1);
                int day = M5Calendar.parseDayName(f[d]);
                try {
                    weeks[day - calendar.firstIndex()] = Integer.parseInt(f[wk].trim());
                } catch (NumberFormatException e) {
                    throw new M5DataException(file + " line " + lineNo + ": wm_yr_wk " + TextFiles.quote(f[wk])
                            + " is not a whole number");
                }
            });
        }
        return new M5Weeks(calendar, weeks);
    }

    /** A calendar of {@code d_first..d_last} from {@code firstDate}, with the given weeks (for tests). */
    public static M5Weeks of(int first, LocalDate firstDate, int... weeks) {
        return new M5Weeks(M5Calendar.of(first, first + weeks.length - 1, firstDate), weeks.clone());
    }

    public M5Calendar calendar() {
        return calendar;
    }

    /** The {@code wm_yr_wk} of day {@code d_day}. */
    public int week(int day) {
        calendar.epochDay(day); // throws a clear message if outside
        return weeks[day - calendar.firstIndex()];
    }

    /** Whether the calendar has day {@code d_day}. */
    public boolean contains(int day) {
        return calendar.contains(day);
    }

    /** The day index of a date, or -1 if the calendar does not have it. */
    public int dayOf(LocalDate date) {
        long e = date.toEpochDay();
        int first = calendar.epochDay(calendar.firstIndex());
        long d = e - first + calendar.firstIndex();
        return d < calendar.firstIndex() || d > calendar.lastIndex() ? -1 : (int) d;
    }

    /** {@code d_N (YYYY-MM-DD)}. */
    public String describe(int day) {
        return M5Calendar.dayName(day) + (calendar.contains(day) ? " (" + calendar.date(day) + ")" : "");
    }
}
