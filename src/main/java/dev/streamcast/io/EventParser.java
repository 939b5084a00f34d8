package dev.streamcast.io;

import dev.streamcast.records.SalesEvent;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses input records into {@link SalesEvent}s, or says exactly why not. The one place where every
 * source's fields are validated.
 */
public final class EventParser {
    /** The header of the long CSV format. */
    public static final String CSV_HEADER = "id,date,y";
    /** Longest line accepted (characters); longer lines are rejected, never buffered whole. */
    public static final int MAX_LINE_LENGTH = 4096;

    private EventParser() {
    }

    /** Parses one data line of the long CSV format {@code id,date,y} (y may be empty: a forecast request). */
    public static SalesEvent parseCsvLine(String line) throws BadInputException {
        if (line.length() > MAX_LINE_LENGTH) {
            throw new BadInputException(Reason.LINE_TOO_LONG,
                    "line of " + line.length() + " characters exceeds the cap of " + MAX_LINE_LENGTH);
        }
        String s = stripLineEnd(line);
        if (s.isBlank()) {
            throw new BadInputException(Reason.EMPTY_LINE, "empty line");
        }
        int c1 = s.indexOf(',');
        int c2 = c1 < 0 ? -1 : s.indexOf(',', c1 + 1);
        if (c2 < 0 || s.indexOf(',', c2 + 1) >= 0) {
            throw new BadInputException(Reason.WRONG_FIELD_COUNT,
                    "expected 3 fields id,date,y but got " + (s.split(",", -1).length));
        }
        String id = checkId(s.substring(0, c1).trim());
        int day = parseDate(s.substring(c1 + 1, c2).trim());
        String y = s.substring(c2 + 1).trim();
        return new SalesEvent(id, day, y.isEmpty() ? SalesEvent.NO_VALUE : parseY(y));
    }

    static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        int start = !line.isEmpty() && line.charAt(0) == '\uFEFF' ? 1 : 0;
        return line.substring(start, end);
    }

    public static String checkId(String id) throws BadInputException {
        if (id == null || id.isEmpty()) {
            throw new BadInputException(Reason.EMPTY_ID, "the series id is empty");
        }
        return id;
    }

    /** Strict {@code YYYY-MM-DD} to epoch day. */
    public static int parseDate(String s) throws BadInputException {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw new BadInputException(Reason.BAD_DATE, "date '" + cap(s) + "' is not YYYY-MM-DD");
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int dayOfMonth = digits(s, 8, 10);
        if (year < 0 || month < 0 || dayOfMonth < 0) {
            throw new BadInputException(Reason.BAD_DATE, "date '" + s + "' is not YYYY-MM-DD");
        }
        try {
            return (int) LocalDate.of(year, month, dayOfMonth).toEpochDay();
        } catch (DateTimeException e) {
            throw new BadInputException(Reason.BAD_DATE, "date '" + s + "' does not exist: " + e.getMessage());
        }
    }

    /** A whole number of units, {@code 0 <= y <= Integer.MAX_VALUE - 1}; {@code 3.0} is accepted as 3. */
    public static int parseY(String s) throws BadInputException {
        String t = s;
        int dot = t.indexOf('.');
        if (dot >= 0 && dot > 0 && t.substring(dot + 1).chars().allMatch(ch -> ch == '0')) {
            t = t.substring(0, dot);
        }
        boolean negative = t.startsWith("-");
        String body = negative || t.startsWith("+") ? t.substring(1) : t;
        if (body.isEmpty() || !body.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new BadInputException(Reason.BAD_Y, "y '" + cap(s) + "' is not a whole number");
        }
        if (negative && body.chars().anyMatch(ch -> ch != '0')) {
            throw new BadInputException(Reason.NEGATIVE_Y, "y " + cap(s) + " is negative");
        }
        long v = 0;
        for (int i = 0; i < body.length(); i++) {
            v = v * 10 + (body.charAt(i) - '0');
            if (v >= Integer.MAX_VALUE) {
                throw new BadInputException(Reason.Y_OVERFLOW, "y " + cap(s) + " exceeds " + (Integer.MAX_VALUE - 1));
            }
        }
        return (int) v;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    /** Caps a text for inclusion in a message. */
    public static String cap(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
