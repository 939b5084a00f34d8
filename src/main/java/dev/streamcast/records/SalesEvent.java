package dev.streamcast.records;

import java.time.LocalDate;

/**
 * One input event: a series id, a day, and the units sold that day, or {@link #NO_VALUE} for a forecast
 * request (answered without learning). The day is an epoch day (days since 1970-01-01). A request may carry a
 * request id, which its forecast record returns, so that a client (the {@code serve} gateway) can match the answer
 * to its request; observations never carry one. In the reordering buffer's state (a POJO: observations only) the
 * request id is a field added after state layout v1: Flink's POJO serializer migrates buffers of the older layout
 * (their {@code rid} null); no savepoint fixture with buffers covers that yet.
 *
 * @param id  the series id as given, e.g. {@code FOODS_3_090_CA_3_validation}
 * @param day the event's date as an epoch day
 * @param y   units sold (&ge; 0), or {@link #NO_VALUE}
 * @param rid the request id of a forecast request, or null
 */
public record SalesEvent(String id, int day, int y, String rid) {
    /** The value of {@code y} in a forecast request. */
    public static final int NO_VALUE = -1;

    /** An event without request id. */
    public SalesEvent(String id, int day, int y) {
        this(id, day, y, null);
    }

    public static SalesEvent request(String id, int day) {
        return new SalesEvent(id, day, NO_VALUE);
    }

    /** A forecast request whose answer carries {@code rid}. */
    public static SalesEvent request(String id, int day, String rid) {
        return new SalesEvent(id, day, NO_VALUE, rid);
    }

    public boolean isRequest() {
        return y == NO_VALUE;
    }

    public LocalDate date() {
        return LocalDate.ofEpochDay(day);
    }
}
