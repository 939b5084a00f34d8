package dev.streamcast.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import dev.streamcast.learn.DayCalendar;

/**
 * The M5 {@code calendar.csv}: maps the day index N of a column {@code d_N} to its date (an epoch day), and, read
 * with its weeks, to its Walmart week {@code wm_yr_wk} (what the evaluation's sell prices are keyed by).
 *
 * <p>The file must have a header naming (among any others, in any order) a {@code date} column in
 * {@code YYYY-MM-DD} form and a {@code d} column with names {@code d_N}. The rows must be consecutive days:
 * each row's index is the previous row's plus one and its date the previous row's date plus one day. The first
 * row may start anywhere ({@code d_1} = 2011-01-29 in the published file). Blank lines are ignored; a UTF-8 BOM
 * and CRLF line ends are accepted. Fields are split on commas (the published file has no quoted fields), and
 * every row must have as many fields as the header.
 *
 * <p>Immutable and thread-safe.
 */
public final class M5Calendar implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Prefix of a SNAP column's name, followed by the state ({@code snap_CA}). */
    public static final String SNAP_PREFIX = "snap_";
    /** Prefix of an event column's name ({@code event_name_1}, {@code event_name_2}). */
    public static final String EVENT_PREFIX = "event_name_";
    /** Prefix of a day column name. */
    public static final String DAY_PREFIX = "d_";
    /** The column of the Walmart week, which keys M5's {@code sell_prices.csv}. */
    private static final String WEEK_COLUMN = "wm_yr_wk";
    /** Longest accepted day index, in digits (d_999999999). */
    private static final int MAX_INDEX_DIGITS = 9;

    private final int firstIndex;
    private final int lastIndex;
    private final int firstEpochDay;
    private final DayCalendar days;
    private final int[] weeks; // wm_yr_wk of each day, or null if not read

    private M5Calendar(int firstIndex, int lastIndex, int firstEpochDay, DayCalendar days, int[] weeks) {
        this.firstIndex = firstIndex;
        this.lastIndex = lastIndex;
        this.firstEpochDay = firstEpochDay;
        this.days = days;
        this.weeks = weeks;
    }

    /** Loads a calendar file (UTF-8). Error messages name the file and line. */
    public static M5Calendar load(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), false);
        }
    }

    /**
     * Reads a calendar from {@code reader} (not closed here). {@code sourceName} names the input in error
     * messages, e.g. {@code calendar.csv}. {@code withWeeks} also reads each day's Walmart week (column
     * {@code wm_yr_wk}, a whole number; {@link #week}), which the evaluation needs for the prices and the job does not.
     *
     * @throws M5FormatException (reason {@link Reason#BAD_CALENDAR}) if the content is malformed
     * @throws IOException       if reading fails
     */
    public static M5Calendar read(Reader reader, String sourceName, boolean withWeeks) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String header = in.readLine();
        if (header == null) {
            throw bad(sourceName, 1, "the file is empty (expected a header with 'date' and 'd' columns)");
        }
        String[] names = ByteOrderMark.strip(header).split(",", -1);
        int dateCol = column(names, "date", sourceName);
        int dCol = column(names, "d", sourceName);
        int[] snapCols = IntStream.range(0, names.length)
                .filter(i -> names[i].startsWith(SNAP_PREFIX) && names[i].length() > SNAP_PREFIX.length()).toArray();
        String[] states = Arrays.stream(snapCols).mapToObj(i -> names[i].substring(SNAP_PREFIX.length()))
                .toArray(String[]::new);
        List<boolean[]> snapRows = new ArrayList<>();
        int[] eventCols = IntStream.range(0, names.length).filter(i -> names[i].startsWith(EVENT_PREFIX)).toArray();
        List<String[]> eventRows = new ArrayList<>();
        int weekCol = Arrays.asList(names).lastIndexOf(WEEK_COLUMN);
        if (withWeeks && weekCol < 0) {
            throw bad(sourceName, 1, "the calendar has no 'wm_yr_wk' column (needed for the prices)");
        }
        List<Integer> weekRows = new ArrayList<>();

        int first = 0;
        int firstDay = 0;
        int prevIndex = 0;
        int prevDay = 0;
        int rows = 0;
        int lineNo = 1;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String s = ByteOrderMark.strip(line);
            if (s.isBlank()) {
                continue;
            }
            String[] fields = s.split(",", -1);
            if (fields.length != names.length) {
                throw bad(sourceName, lineNo, "has " + fields.length + " fields but the header has " + names.length);
            }
            int index;
            try {
                index = parseDayName(fields[dCol]);
            } catch (IllegalArgumentException e) {
                throw bad(sourceName, lineNo, "column 'd': " + e.getMessage());
            }
            int day;
            try {
                day = EventParser.parseDate(fields[dateCol]);
            } catch (BadInputException e) {
                throw bad(sourceName, lineNo, "column 'date': " + e.getMessage());
            }
            if (rows == 0) {
                first = index;
                firstDay = day;
            } else {
                if (index != prevIndex + 1) {
                    String what = index <= prevIndex
                            ? "is not after the previous row's " + dayName(prevIndex) + " (duplicate or out of order)"
                            : "follows " + dayName(prevIndex) + ": " + missing(prevIndex + 1, index - 1) + " missing";
                    throw bad(sourceName, lineNo, dayName(index) + " " + what);
                }
                if (day != prevDay + 1) {
                    throw bad(sourceName, lineNo, dayName(index) + " is dated " + LocalDate.ofEpochDay(day) + " but "
                            + dayName(prevIndex) + " is " + LocalDate.ofEpochDay(prevDay) + ": expected "
                            + LocalDate.ofEpochDay(prevDay + 1L) + " (consecutive days must have consecutive dates)");
                }
            }
            boolean[] flags = new boolean[snapCols.length];
            for (int c = 0; c < flags.length; c++) {
                String v = fields[snapCols[c]];
                if (!v.equals("0") && !v.equals("1")) {
                    throw bad(sourceName, lineNo, "column '" + names[snapCols[c]] + "' must be 0 or 1, got '" + v
                            + "'");
                }
                flags[c] = v.equals("1");
            }
            snapRows.add(flags);
            eventRows.add(Arrays.stream(eventCols).mapToObj(c -> fields[c]).filter(v -> !v.isEmpty()).distinct()
                    .toArray(String[]::new));
            if (withWeeks) {
                try {
                    weekRows.add(Integer.parseInt(fields[weekCol].trim()));
                } catch (NumberFormatException e) {
                    throw bad(sourceName, lineNo, "wm_yr_wk '" + EventParser.cap(fields[weekCol])
                            + "' is not a whole number");
                }
            }
            prevIndex = index;
            prevDay = day;
            rows++;
        }
        if (rows == 0) {
            throw bad(sourceName, lineNo, "the calendar has a header but no days");
        }
        boolean[][] snap = new boolean[states.length][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < snap.length; c++) {
                snap[c][r] = snapRows.get(r)[c];
            }
        }
        String[] eventNames = eventRows.stream().flatMap(Arrays::stream).distinct().sorted().toArray(String[]::new);
        int[][] events = eventRows.stream()
                .map(row -> Arrays.stream(row).mapToInt(e -> Arrays.binarySearch(eventNames, e)).sorted().toArray())
                .toArray(int[][]::new);
        return new M5Calendar(first, prevIndex, firstDay,
                new DayCalendar(states, firstDay, snap, eventNames, events),
                withWeeks ? weekRows.stream().mapToInt(Integer::intValue).toArray() : null);
    }

    /**
     * What is known of each day in advance: the SNAP days of each state (one column {@code snap_XX} per state, M5:
     * CA, TX, WI, values 0 or 1) and the named events (columns {@code event_name_*}, empty on most days), read with
     * the dates; a calendar without those columns has no SNAP days or events.
     */
    public DayCalendar days() {
        return days;
    }

    /** A calendar of consecutive days {@code d_firstIndex..d_lastIndex}, {@code d_firstIndex} falling on {@code firstDate}. */
    public static M5Calendar of(int firstIndex, int lastIndex, LocalDate firstDate) {
        if (firstIndex < 1 || lastIndex < firstIndex) {
            throw new IllegalArgumentException("bad calendar range d_" + firstIndex + "..d_" + lastIndex);
        }
        int first = Math.toIntExact(firstDate.toEpochDay());
        Math.addExact(first, lastIndex - firstIndex); // the last day must be an int epoch day too
        return new M5Calendar(firstIndex, lastIndex, first, DayCalendar.NONE, null);
    }

    /** The index N of the calendar's first day {@code d_N}. */
    public int firstIndex() {
        return firstIndex;
    }

    /** The index N of the calendar's last day {@code d_N}. */
    public int lastIndex() {
        return lastIndex;
    }

    /** The number of days in the calendar. */
    public int size() {
        return lastIndex - firstIndex + 1;
    }

    public boolean contains(int dIndex) {
        return dIndex >= firstIndex && dIndex <= lastIndex;
    }

    /**
     * The epoch day (days since 1970-01-01) of day {@code d_dIndex}.
     *
     * @throws IllegalArgumentException if the calendar does not have that day
     */
    public int epochDay(int dIndex) {
        if (!contains(dIndex)) {
            throw new IllegalArgumentException(dayName(dIndex) + " is not in the calendar, which covers "
                    + dayName(firstIndex) + ".." + dayName(lastIndex));
        }
        return firstEpochDay + (dIndex - firstIndex);
    }

    /** The date of day {@code d_dIndex}; see {@link #epochDay(int)}. */
    public LocalDate date(int dIndex) {
        return LocalDate.ofEpochDay(epochDay(dIndex));
    }

    /** The Walmart week {@code wm_yr_wk} of day {@code d_dIndex}, of a calendar read with its weeks. */
    public int week(int dIndex) {
        if (weeks == null) {
            throw new IllegalStateException("the calendar was read without its weeks (wm_yr_wk)");
        }
        return weeks[epochDay(dIndex) - firstEpochDay];
    }

    /** The day index N of {@code date}, or -1 if the calendar does not have it. */
    public int dayOf(LocalDate date) {
        long d = date.toEpochDay() - firstEpochDay + firstIndex;
        return d < firstIndex || d > lastIndex ? -1 : (int) d;
    }

    /** {@code d_N (YYYY-MM-DD)}, or only {@code d_N} if the calendar does not have that day. */
    public String describe(int dIndex) {
        return dayName(dIndex) + (contains(dIndex) ? " (" + date(dIndex) + ")" : "");
    }

    /**
     * The day index N whose date is {@code epochDay}.
     *
     * @throws IllegalArgumentException if the date is outside the calendar
     */
    public int dIndexOf(int epochDay) {
        long index = (long) epochDay - firstEpochDay + firstIndex;
        if (index < firstIndex || index > lastIndex) {
            throw new IllegalArgumentException(LocalDate.ofEpochDay(epochDay) + " is not in the calendar, which covers "
                    + LocalDate.ofEpochDay(firstEpochDay) + ".." + LocalDate.ofEpochDay(epochDay(lastIndex)));
        }
        return (int) index;
    }

    /**
     * The index N of a day name {@code d_N}: {@code "d_1854"} gives 1854. N is a positive decimal number without
     * leading zeros, sign or spaces.
     *
     * @throws IllegalArgumentException with a message quoting the name if it is not of that form
     */
    public static int parseDayName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("a day name d_<N> is missing");
        }
        int n = name.length();
        int digits = n - DAY_PREFIX.length();
        if (!name.startsWith(DAY_PREFIX) || digits < 1) {
            throw notADayName(name);
        }
        if (digits > MAX_INDEX_DIGITS || name.charAt(DAY_PREFIX.length()) == '0') {
            throw notADayName(name);
        }
        int v = 0;
        for (int i = DAY_PREFIX.length(); i < n; i++) {
            char ch = name.charAt(i);
            if (ch < '0' || ch > '9') {
                throw notADayName(name);
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    /**
     * The index N of the first of a header's day columns {@code names}, which must be contiguous: {@code d_N,
     * d_N+1, ...}; {@code offset} columns come before them.
     *
     * @throws IllegalArgumentException naming the bad column (its number, its name and what it must be)
     */
    public static int firstDayColumn(List<String> names, int offset) {
        int first = 0;
        for (int k = 0; k < names.size(); k++) {
            int d;
            try {
                d = parseDayName(names.get(k));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column " + (offset + k + 1) + ": " + e.getMessage());
            }
            if (k == 0) {
                first = d;
            } else if ((long) d != (long) first + k) {
                throw new IllegalArgumentException("column " + (offset + k + 1) + " is '" + names.get(k)
                        + "' but must be '" + dayName(first + k) + "': the day columns must be contiguous, starting at "
                        + dayName(first));
            }
        }
        return first;
    }

    /** The column name {@code d_N} of day index N. */
    public static String dayName(int dIndex) {
        return DAY_PREFIX + dIndex;
    }

    @Override
    public String toString() {
        return "M5Calendar[" + dayName(firstIndex) + "=" + LocalDate.ofEpochDay(firstEpochDay) + ".."
                + dayName(lastIndex) + "=" + LocalDate.ofEpochDay(epochDay(lastIndex)) + "]";
    }

    private static IllegalArgumentException notADayName(String name) {
        return new IllegalArgumentException("'" + EventParser.cap(name)
                + "' is not a day name d_<N> (N a positive whole number without leading zeros, at most "
                + MAX_INDEX_DIGITS + " digits)");
    }

    private static String missing(int from, int to) {
        return from == to ? dayName(from) + " is" : dayName(from) + ".." + dayName(to) + " are";
    }

    private static int column(String[] names, String wanted, String sourceName) throws M5FormatException {
        int[] found = IntStream.range(0, names.length).filter(i -> names[i].equals(wanted)).limit(2).toArray();
        if (found.length == 0) {
            throw bad(sourceName, 1, "the header has no '" + wanted + "' column (header: '"
                    + EventParser.cap(String.join(",", names)) + "')");
        }
        if (found.length == 2) {
            throw bad(sourceName, 1, "the header has two '" + wanted + "' columns (" + (found[0] + 1)
                    + " and " + (found[1] + 1) + ")");
        }
        return found[0];
    }

    private static M5FormatException bad(String sourceName, int lineNo, String message) {
        return new M5FormatException(Reason.BAD_CALENDAR, sourceName + " line " + lineNo + ": " + message);
    }
}
