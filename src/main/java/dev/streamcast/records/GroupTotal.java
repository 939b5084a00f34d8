package dev.streamcast.records;

/**
 * Units sold by all the series of one pooled group on one day, from before the series' own history (M5's
 * store × department aggregates): what the pooled learner learns its factors from first
 * ({@link dev.streamcast.learn.PooledProfile#learnTotal}).
 *
 * @param group the group key ({@code CA_3|FOODS_3})
 * @param day   the epoch day
 * @param units units sold by the group that day, {@code >= 0}
 */
public record GroupTotal(String group, int day, long units) implements java.io.Serializable {
}
