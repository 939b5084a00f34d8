package dev.streamcast.io;

import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Parses input records into {@link SalesEvent}s, or says exactly why not. The one place where every
 * source's fields are validated: the line as read ({@link #checkLine}), the long CSV line, the id
 * ({@link #checkId}), the date ({@link #parseDate}) and the value ({@link #parseY}); the JSON and M5 wide parsers
 * use the same checks for their fields.
 */
public final class EventParser {
    /** The header of the long CSV format. */
    public static final String CSV_HEADER = "id,date,y";
    /** Longest line accepted (characters); longer lines are rejected, never buffered whole. */
    public static final int MAX_LINE_LENGTH = 4096;
    /** Longest series id accepted (characters); M5's are under 40. */
    public static final int MAX_ID_LENGTH = 256;
    /** The M5 id shape, see {@link #isM5Id}; groups: category, department, item, state, store, suffix. */
    public static final Pattern M5_ID = Pattern.compile(
            "([A-Z]+)_([1-9])_([0-9]{3})_([A-Z]{2})_([1-9])(_validation|_evaluation)?");
    /** The M5 id shape, as told in messages. */
    static final String M5_ID_SHAPE = "CAT_D_NNN_ST_S[_validation|_evaluation] (e.g. FOODS_3_090_CA_3_validation)";

    private EventParser() {
    }

    /**
     * Rejects a line the reader could not read as a whole, valid UTF-8 line, before any format looks at it.
     *
     * @throws BadInputException {@link Reason#LINE_TOO_LONG} if it was cut at the reader's cap,
     *                           {@link Reason#INVALID_UTF8} if its bytes are not UTF-8
     */
    public static void checkLine(RawLine line) throws BadInputException {
        if (line.truncated()) {
            throw new BadInputException(Reason.LINE_TOO_LONG, "the line is longer than the reader's cap; its first "
                    + line.text().length() + " characters are kept");
        }
        if (line.invalidUtf8()) {
            throw new BadInputException(Reason.INVALID_UTF8, "the line is not valid UTF-8; the first invalid byte "
                    + "sequence is at character " + (line.text().indexOf('\uFFFD') + 1)
                    + " (each shown as U+FFFD in raw)");
        }
    }

    /** {@link #parseCsvLine(String, Validation)} with {@link Validation#LENIENT}. */
    public static SalesEvent parseCsvLine(String line) throws BadInputException {
        return parseCsvLine(line, Validation.LENIENT);
    }

    /**
     * Parses one data line of the long CSV format {@code id,date,y} (y may be empty: a forecast request). Spaces
     * around fields, a leading BOM and CR/LF line ends are ignored; quotes are not interpreted.
     */
    public static SalesEvent parseCsvLine(String line, Validation validation) throws BadInputException {
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
        if (s.strip().equals(CSV_HEADER)) {
            throw new BadInputException(Reason.BAD_HEADER, "a header line where a record was expected (files "
                    + "concatenated?)");
        }
        String id = checkId(trimBlanks(s.substring(0, c1)), validation.requireM5Ids());
        int day = parseDate(trimBlanks(s.substring(c1 + 1, c2)));
        String y = trimBlanks(s.substring(c2 + 1));
        return new SalesEvent(id, day, y.isEmpty() ? SalesEvent.NO_VALUE : parseY(y));
    }

    /**
     * {@code s} without the spaces and tabs around it: what CSV and M5 wide fields may be padded with. Other
     * characters (a NUL, a control character) are kept, so the field's check rejects them rather than dropping them.
     */
    static String trimBlanks(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isBlank(s.charAt(a))) {
            a++;
        }
        while (b > a && isBlank(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    /** A space or a tab, see {@link #trimBlanks}. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(ByteOrderMark.length(line), end);
    }

    /**
     * Checks a series id as given by any format (CSV and M5 wide cells are trimmed before; JSON strings are exact).
     *
     * @param requireM5Shape also require the M5 shape ({@link #isM5Id})
     * @return {@code id}
     * @throws BadInputException {@link Reason#EMPTY_ID} if null, empty or blank; {@link Reason#BAD_ID} if longer
     *                           than {@link #MAX_ID_LENGTH}, with spaces around it, with a control character, a
     *                           stray byte-order mark or a lone surrogate in it, or not of the M5 shape when required
     */
    public static String checkId(String id, boolean requireM5Shape) throws BadInputException {
        if (id == null || id.isBlank()) {
            throw new BadInputException(Reason.EMPTY_ID, "the series id is empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new BadInputException(Reason.BAD_ID, "the series id has " + id.length()
                    + " characters, more than the cap of " + MAX_ID_LENGTH + ": '" + cap(id) + "'");
        }
        if (Character.isWhitespace(id.codePointAt(0)) || Character.isSpaceChar(id.codePointAt(0))
                || Character.isWhitespace(id.codePointBefore(id.length()))
                || Character.isSpaceChar(id.codePointBefore(id.length()))) {
            throw new BadInputException(Reason.BAD_ID, "the series id '" + printable(id) + "' has spaces around it");
        }
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i); // a lone surrogate comes back as itself
            String what = Character.isISOControl(cp) ? "a control character"
                    : cp == ByteOrderMark.BOM ? "a stray byte-order mark"
                    : Character.getType(cp) == Character.SURROGATE ? "a lone surrogate" : null;
            if (what != null) {
                throw new BadInputException(Reason.BAD_ID, "the series id '" + printable(id) + "' has " + what
                        + String.format(" U+%04X", cp) + " at character " + (i + 1));
            }
            i += Character.charCount(cp);
        }
        if (requireM5Shape && !isM5Id(id)) {
            throw new BadInputException(Reason.BAD_ID, "the series id '" + cap(id) + "' is not of the M5 shape "
                    + M5_ID_SHAPE);
        }
        return id;
    }

    /**
     * True if {@code id} has the shape of an M5 series id, {@link #M5_ID}: {@code CAT_D_NNN_ST_S}, optionally
     * followed by {@code _validation} or {@code _evaluation}, where {@code CAT} is one or more capital letters A-Z (the
     * category, e.g. {@code HOUSEHOLD}), {@code D} one digit 1-9 (the department within it), {@code NNN} three
     * digits (the item), {@code ST} two capital letters (the state) and {@code S} one digit 1-9 (the store within
     * the state). {@code CAT_D_NNN} is then M5's {@code item_id}, {@code CAT_D} its {@code dept_id}, {@code ST_S} its
     * {@code store_id}.
     */
    public static boolean isM5Id(String id) {
        return M5_ID.matcher(id).matches();
    }

    /** A text for a message: {@link #cap capped}, then {@link #escape escaped}. */
    static String printable(String s) {
        return escape(cap(s));
    }

    /** A text for a message with control characters, stray BOMs and lone surrogates shown as {@code \\uXXXX}. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == ByteOrderMark.BOM || Character.getType(cp) == Character.SURROGATE) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
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
        int plain = digits(s, 0, s.length()); // the usual cell
        if (plain >= 0) {
            return plain;
        }
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

    /**
     * The value of {@code s[from..to)} if it is 1..9 ASCII digits (which always fit an int), else -1: the fast path
     * of every reader of whole numbers (dates, {@code y}, M5's wide cells and the evaluation's files).
     */
    public static int digits(String s, int from, int to) {
        if (to - from < 1 || to - from > 9) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Caps a text for inclusion in a message (never cutting a surrogate pair in two). */
    public static String cap(String s) {
        if (s.length() <= 64) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(63)) ? 63 : 64;
        return s.substring(0, end) + "…";
    }
}
