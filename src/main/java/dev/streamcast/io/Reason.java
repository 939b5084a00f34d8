package dev.streamcast.io;

/**
 * Machine-readable reasons why an input record was rejected (dead-lettered), or why a whole input cannot be used
 * ({@link #BAD_CALENDAR}, {@link #UNKNOWN_DAY}, {@link #BAD_DAY_RANGE}, {@link #BAD_GROUP_HISTORY}, and
 * {@link #BAD_HEADER} of an M5 file: errors at start). The {@link #code()} is what dead letters and the per-reason counters carry; the README lists every code
 * with its {@link #description()} (a test keeps the two in step).
 */
public enum Reason {
    EMPTY_LINE("the line is empty or blank"),
    LINE_TOO_LONG("the line is longer than the cap (4,096 characters for csv and jsonl records, 1 MiB for any "
            + "line read)"),
    INVALID_UTF8("the line is not valid UTF-8 (the raw text shows each invalid byte sequence as U+FFFD)"),
    WRONG_FIELD_COUNT("the line does not have the expected number of fields (csv: 3; m5-wide: 6 + the header's days)"),
    EMPTY_ID("the series id is missing, null, empty or blank"),
    BAD_ID("the series id has control characters, spaces around it or more than 256 characters, or is not of the "
            + "M5 shape when source.requireM5Ids is set (m5-wide: or disagrees with the row's item, dept, cat, "
            + "store or state column)"),
    BAD_DATE("the date is missing, not YYYY-MM-DD, or does not exist"),
    MISSING_Y("the value y is missing where the format requires one (an empty m5-wide cell)"),
    BAD_Y("y is not a whole number (fractional, NaN, infinite, text)"),
    NEGATIVE_Y("y is negative"),
    Y_OVERFLOW("y is too large (2,147,483,647 or more)"),
    BAD_JSON("the record is not one valid JSON object (syntax, trailing content, not an object)"),
    WRONG_TYPE("a JSON field has the wrong type (id, date or rid not a string, y not a number)"),
    DUPLICATE_FIELD("a JSON field appears more than once"),
    UNKNOWN_FIELD("a JSON field other than id, date, y and rid, when source.strict is set (otherwise ignored)"),
    BAD_REQUEST_ID("the request id (JSON rid) is empty, longer than 64 characters, has characters other than "
            + "A-Z a-z 0-9 . _ : -, or is on an observation (only forecast requests carry one)"),
    BAD_HEADER("the header is not the one expected, or a header line repeats where a record was expected"),
    BAD_CALENDAR("the M5 calendar file is malformed or misses a day (stops the job at start)"),
    UNKNOWN_DAY("a selected day is not in the calendar (stops the job at start)"),
    BAD_DAY_RANGE("the requested day range is malformed or not covered by the file (stops the job at start)"),
    BAD_GROUP_HISTORY("the pooled learner's group history file (source.groupHistory) is malformed (stops the job at "
            + "start)");

    private final String description;

    Reason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The code as written in dead-letter records, e.g. {@code bad_date}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
