package dev.streamcast.records;

import java.time.LocalDate;

/**
 * One input event: a series id, a day, and the units sold that day, or {@link #NO_VALUE} for a forecast
 * request (answered without learning). The day is an epoch day (days since 1970-01-01).
 *
 * @param id  the series id as given, e.g. {@code FOODS_3_090_CA_3_validation}
 * @param day the event's date as an epoch day
 * @param y   units sold (&ge; 0), or {@link #NO_VALUE}
 */
public record SalesEvent(String id, int day, int y) {
    /** The value of {@code y} in a forecast request. */
    public static final int NO_VALUE = -1;

    public static SalesEvent request(String id, int day) {
        return new SalesEvent(id, day, NO_VALUE);
    }

    public boolean isRequest() {
        return y == NO_VALUE;
    }

    public LocalDate date() {
        return LocalDate.ofEpochDay(day);
    }
}
