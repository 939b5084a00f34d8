package dev.streamcast.io;

import dev.streamcast.records.SalesEvent;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The wide sales format of the M5 competition, as published: a header
 * {@code id,item_id,dept_id,cat_id,store_id,state_id,d_<first>,...,d_<last>} (any contiguous run of day columns),
 * then one row per series with the integer units sold on each day.
 *
 * <p>Built once from the header line, the {@link M5Calendar} and an optional day range; then
 * {@link #parseRow(String, LineParser.EventSink)} turns each data row into one {@link SalesEvent} per selected day, in day
 * order. A bad cell (not a whole number, negative, too large, empty) is reported on its own and the rest of the row
 * is still emitted; a row with the wrong number of fields, a bad id (see {@link EventParser#checkId}), or an empty
 * line is reported once, whole.
 *
 * <p>Rows are scanned for commas in place: no splitting, and no allocation per good cell besides its event (the id
 * string is made once per row). Fields are not quoted in the M5 files and quotes are not interpreted here; spaces
 * and tabs around a cell are ignored (other characters are judged, not dropped). A UTF-8 BOM on the header and
 * CR/LF line ends are accepted.
 *
 * <p>Immutable and thread-safe.
 */
public final class M5WideFormat implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The columns before the day columns, exactly in this order. */
    public static final List<String> ID_COLUMNS = List.of("id", "item_id", "dept_id", "cat_id", "store_id", "state_id");
    private static final int ID_COLS = 6;

    private final int fieldCount;
    private final int fileFirst;
    private final int fileLast;
    private final int first;
    private final int last;
    private final int firstEpochDay;

    private M5WideFormat(int fileFirst, int fileLast, int first, int last, int firstEpochDay) {
        this.fieldCount = ID_COLS + (fileLast - fileFirst + 1);
        this.fileFirst = fileFirst;
        this.fileLast = fileLast;
        this.first = first;
        this.last = last;
        this.firstEpochDay = firstEpochDay;
    }

    /** The format of a file with this header, selecting all its day columns. */
    public static M5WideFormat of(String headerLine, M5Calendar calendar) throws M5FormatException {
        return of(headerLine, calendar, null, null);
    }

    /**
     * The format of a file with this header, selecting the days {@code firstDay..lastDay} (names like
     * {@code d_1854}; {@code null} or blank means open on that side, i.e. the file's first or last day column).
     *
     * @throws M5FormatException {@link Reason#BAD_HEADER} if the header is not the M5 wide header (the message names
     *                           the bad column); {@link Reason#BAD_DAY_RANGE} if a bound is not a day name, the bounds
     *                           are reversed, or a bound is not one of the file's day columns;
     *                           {@link Reason#UNKNOWN_DAY} if a selected day is not in the calendar
     */
    public static M5WideFormat of(String headerLine, M5Calendar calendar, String firstDay, String lastDay)
            throws M5FormatException {
        if (headerLine == null) {
            throw header("there is no header line");
        }
        String h = headerLine;
        int start = ByteOrderMark.length(h);
        int end = lineEnd(h);
        if (end <= start) {
            throw header("the header line is empty; expected " + expectedHeader());
        }
        List<String> names = List.of(h.substring(start, end).split(",", -1));
        for (int col = 0; col < ID_COLS; col++) {
            if (col == names.size()) {
                throw header("the header ends after column " + col + "; column " + (col + 1) + " must be '"
                        + ID_COLUMNS.get(col) + "'; expected " + expectedHeader());
            }
            if (!names.get(col).equals(ID_COLUMNS.get(col))) {
                throw header("column " + (col + 1) + " is '" + EventParser.cap(names.get(col)) + "' but must be '"
                        + ID_COLUMNS.get(col) + "'; expected " + expectedHeader());
            }
        }
        if (names.size() == ID_COLS) {
            throw header("the header has no day columns d_<N> after 'state_id'");
        }
        int fileFirst;
        try {
            fileFirst = M5Calendar.firstDayColumn(names.subList(ID_COLS, names.size()), ID_COLS);
        } catch (IllegalArgumentException e) {
            throw header(e.getMessage());
        }
        int fileLast = fileFirst + (names.size() - ID_COLS - 1);

        int selFirst = bound(firstDay, "first", fileFirst);
        int selLast = bound(lastDay, "last", fileLast);
        String fileDays = M5Calendar.dayName(fileFirst) + ".." + M5Calendar.dayName(fileLast);
        if (selFirst > selLast) {
            throw new M5FormatException(Reason.BAD_DAY_RANGE, "the first day " + M5Calendar.dayName(selFirst)
                    + " is after the last day " + M5Calendar.dayName(selLast) + " (file's day columns: " + fileDays + ")");
        }
        checkInFile(selFirst, "first", fileFirst, fileLast, fileDays);
        checkInFile(selLast, "last", fileFirst, fileLast, fileDays);
        for (int d : new int[] {selFirst, selLast}) {
            if (!calendar.contains(d)) { // the calendar is contiguous: both ends in means all in
                throw new M5FormatException(Reason.UNKNOWN_DAY, "the selected days " + M5Calendar.dayName(selFirst)
                        + ".." + M5Calendar.dayName(selLast) + " are not all in the calendar, which covers "
                        + M5Calendar.dayName(calendar.firstIndex()) + ".." + M5Calendar.dayName(calendar.lastIndex())
                        + ": " + M5Calendar.dayName(d) + " is not");
            }
        }
        return new M5WideFormat(fileFirst, fileLast, selFirst, selLast, calendar.epochDay(selFirst));
    }

    /** {@link #parseRow(String, Validation, LineParser.EventSink)} with {@link Validation#LENIENT} rules. */
    public int parseRow(String line, LineParser.EventSink sink) {
        return parseRow(line, Validation.LENIENT, sink);
    }

    /**
     * Parses one data row (a trailing CR/LF and a leading BOM are ignored) into events for the selected days, in day
     * order, and reports bad cells or a bad row to {@code sink}. The id is checked by
     * {@link EventParser#checkId}; with {@link Validation#requireM5Ids} the row's {@code item_id}, {@code dept_id},
     * {@code cat_id}, {@code store_id} and {@code state_id} must also agree with it (else the row is
     * {@link Reason#BAD_ID}: a row whose columns disagree is corrupt, and which of them is right is unknown).
     *
     * @return the number of events emitted
     */
    public int parseRow(String line, Validation validation, LineParser.EventSink sink) {
        int end = lineEnd(line);
        int begin = end > 0 ? ByteOrderMark.length(line) : 0; // a BOM, e.g. from concatenated files
        int nonBlank = begin;
        while (nonBlank < end && Character.isWhitespace(line.charAt(nonBlank))) {
            nonBlank++;
        }
        if (nonBlank == end) {
            sink.reject(Reason.EMPTY_LINE, "empty line where a series row was expected", line.substring(begin, end));
            return 0;
        }
        // One pass over the commas: count the fields, find the end of the id and the start of the first selected cell.
        int commasBeforeFirst = ID_COLS + (first - fileFirst);
        int commas = 0;
        int idEnd = end;
        int cellsStart = -1;
        for (int p = line.indexOf(',', begin); p >= 0 && p < end; p = line.indexOf(',', p + 1)) {
            commas++;
            if (commas == 1) {
                idEnd = p;
            }
            if (commas == commasBeforeFirst) {
                cellsStart = p + 1;
            }
        }
        String rawId = line.substring(begin, idEnd);
        if (commas + 1 != fieldCount) {
            sink.reject(Reason.WRONG_FIELD_COUNT, "row '" + EventParser.printable(EventParser.trimBlanks(rawId))
                    + "' has " + (commas + 1) + " fields but the header has " + fieldCount + " (" + ID_COLS
                    + " id columns + " + (fieldCount - ID_COLS) + " day columns " + M5Calendar.dayName(fileFirst) + ".."
                    + M5Calendar.dayName(fileLast) + ")", line.substring(begin, end));
            return 0;
        }
        String id = EventParser.trimBlanks(rawId);
        if (id.isEmpty()) {
            sink.reject(Reason.EMPTY_ID, "the series id (column 1, 'id') is empty", line.substring(begin, end));
            return 0;
        }
        if (id.equals(ID_COLUMNS.get(0))) {
            sink.reject(Reason.BAD_HEADER, "a header line where a series row was expected", line.substring(begin, end));
            return 0;
        }
        try {
            EventParser.checkId(id, validation.requireM5Ids());
            if (validation.requireM5Ids()) {
                checkIdColumns(line, idEnd + 1, id);
            }
        } catch (BadInputException e) {
            sink.reject(e.reason(), e.getMessage(), line.substring(begin, end));
            return 0;
        }
        int emitted = 0;
        int pos = cellsStart;
        for (int k = 0, n = last - first + 1; k < n; k++) {
            int comma = line.indexOf(',', pos);
            int cEnd = comma < 0 || comma > end ? end : comma;
            int a = pos;
            int b = cEnd;
            while (a < b && EventParser.isBlank(line.charAt(a))) {
                a++;
            }
            while (b > a && EventParser.isBlank(line.charAt(b - 1))) {
                b--;
            }
            int v = EventParser.digits(line, a, b);
            if (v >= 0) {
                sink.event(new SalesEvent(id, firstEpochDay + k, v));
                emitted++;
            } else if (a == b) {
                sink.reject(Reason.MISSING_Y, cellLabel(id, k) + ": the cell is empty", line.substring(pos, cEnd));
            } else {
                // Unusual text: EventParser.parseY decides (it also accepts e.g. "3.0" and "+3") and explains.
                try {
                    sink.event(new SalesEvent(id, firstEpochDay + k, EventParser.parseY(line.substring(a, b))));
                    emitted++;
                } catch (BadInputException e) {
                    sink.reject(e.reason(), cellLabel(id, k) + ": " + e.getMessage(), line.substring(pos, cEnd));
                }
            }
            pos = cEnd + 1;
        }
        return emitted;
    }

    /**
     * Checks that columns 2..6 of a row ({@code item_id, dept_id, cat_id, store_id, state_id}, starting at
     * {@code from}) are what the M5 id {@code id} says they are.
     */
    private static void checkIdColumns(String line, int from, String id) throws BadInputException {
        Matcher m = EventParser.M5_ID.matcher(id);
        if (!m.matches()) { // EventParser.checkId has made sure it does
            throw new BadInputException(Reason.BAD_ID, "the series id '" + EventParser.printable(id)
                    + "' is not of the M5 shape " + EventParser.M5_ID_SHAPE);
        }
        String cat = m.group(1);
        String dept = cat + "_" + m.group(2);
        String state = m.group(4);
        String[] expected = {dept + "_" + m.group(3), dept, cat, state + "_" + m.group(5), state};
        int pos = from;
        for (int col = 1; col < ID_COLS; col++) {
            int comma = line.indexOf(',', pos);
            String value = EventParser.trimBlanks(line.substring(pos, comma));
            if (!value.equals(expected[col - 1])) {
                throw new BadInputException(Reason.BAD_ID, "the id " + id + " disagrees with its row's "
                        + ID_COLUMNS.get(col) + " '" + EventParser.printable(value) + "' (expected '"
                        + expected[col - 1] + "')");
            }
            pos = comma + 1;
        }
    }

    /** The number of fields of every row: 6 id columns plus the file's day columns. */
    public int fieldCount() {
        return fieldCount;
    }

    /** The index N of the file's first day column {@code d_N}. */
    public int fileFirstIndex() {
        return fileFirst;
    }

    /** The index N of the file's last day column {@code d_N}. */
    public int fileLastIndex() {
        return fileLast;
    }

    /** The index N of the first selected day {@code d_N}. */
    public int firstIndex() {
        return first;
    }

    /** The index N of the last selected day {@code d_N}. */
    public int lastIndex() {
        return last;
    }

    /** The number of selected days, i.e. the number of events of a good row. */
    public int dayCount() {
        return last - first + 1;
    }

    /** The epoch day of the first selected day; the k-th selected day is this plus k. */
    public int firstEpochDay() {
        return firstEpochDay;
    }

    @Override
    public String toString() {
        return "M5WideFormat[file " + M5Calendar.dayName(fileFirst) + ".." + M5Calendar.dayName(fileLast)
                + ", selected " + M5Calendar.dayName(first) + ".." + M5Calendar.dayName(last) + " = "
                + LocalDate.ofEpochDay(firstEpochDay) + ".." + LocalDate.ofEpochDay(firstEpochDay + (long) (last - first))
                + "]";
    }

    private String cellLabel(String id, int k) {
        return "series " + EventParser.cap(id) + ", column " + M5Calendar.dayName(first + k) + " ("
                + LocalDate.ofEpochDay(firstEpochDay + (long) k) + ")";
    }

    private static int bound(String name, String which, int open) throws M5FormatException {
        if (name == null || name.isBlank()) {
            return open;
        }
        try {
            return M5Calendar.parseDayName(name.trim());
        } catch (IllegalArgumentException e) {
            throw new M5FormatException(Reason.BAD_DAY_RANGE, "the " + which + " day of the range: " + e.getMessage());
        }
    }

    private static void checkInFile(int d, String which, int fileFirst, int fileLast, String fileDays)
            throws M5FormatException {
        if (d < fileFirst || d > fileLast) {
            throw new M5FormatException(Reason.BAD_DAY_RANGE, "the " + which + " day " + M5Calendar.dayName(d)
                    + " is not one of the file's day columns " + fileDays);
        }
    }

    private static int lineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    private static String expectedHeader() {
        return String.join(",", ID_COLUMNS) + ",d_<first>,...,d_<last>";
    }

    private static M5FormatException header(String message) {
        return new M5FormatException(Reason.BAD_HEADER, "bad M5 wide header: " + message);
    }
}
