package dev.streamcast.records;

/**
 * A valid event that was not learned because its series has already learned this day or a later one
 * (a duplicate, a replay, or data arriving out of order).
 *
 * @param id      the series id
 * @param day     the event's date (epoch day)
 * @param y       its value
 * @param lastDay the last day the series had learned when the event arrived
 * @param reason  {@code duplicate_day} (same day again) or {@code before_last_learned_day}
 */
public record LateEvent(String id, int day, int y, int lastDay, String reason) {
    public static final String DUPLICATE_DAY = "duplicate_day";
    public static final String BEFORE_LAST_LEARNED_DAY = "before_last_learned_day";
}
