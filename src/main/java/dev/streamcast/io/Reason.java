package dev.streamcast.io;

/** Machine-readable reasons why an input record was rejected (dead-lettered). */
public enum Reason {
    EMPTY_LINE("the line is empty"),
    LINE_TOO_LONG("the line is longer than the cap"),
    WRONG_FIELD_COUNT("the line does not have the expected number of fields"),
    EMPTY_ID("the series id is missing or empty"),
    BAD_ID("the series id does not have the M5 shape"),
    BAD_DATE("the date is not a valid YYYY-MM-DD date"),
    MISSING_Y("the value y is missing"),
    BAD_Y("y is not a whole number"),
    NEGATIVE_Y("y is negative"),
    Y_OVERFLOW("y is too large"),
    BAD_JSON("the record is not a valid JSON object"),
    BAD_HEADER("the header is not the one expected"),
    BAD_CALENDAR("the M5 calendar file is malformed"),
    UNKNOWN_DAY("the day is not in the calendar"),
    BAD_DAY_RANGE("the requested day range is malformed or not covered by the file");

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
