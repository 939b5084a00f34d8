package dev.streamcast.functions;

import org.apache.flink.metrics.Gauge;

/**
 * Gauge of the event-time lag of one subtask, in whole days: how far the watermark trails the newest event
 * seen, {@code floor((newest day's timestamp - watermark) / 1 day)}. With a watermark slack of
 * {@code maxOutOfOrderness} days it settles at that slack while the input keeps up; it grows when the
 * watermark is held back (an idle or slow input). Before any watermark (an M5 wide input has none until its
 * end), every day seen is still open: the lag is the number of days from the oldest event seen to the newest.
 * It is 0 before the first event and once the watermark has passed the newest event (the end of a bounded
 * input). Days are epoch days; timestamps are {@code day * LearnFunction.DAY_MS}.
 *
 * <p>The task thread reports events and watermarks ({@link #observe}, {@link #watermark}); metric reporters
 * read {@link #getValue} from their own threads, hence the volatile fields.
 */
public final class EventTimeLag implements Gauge<Long> {
    private static final long NONE = Long.MIN_VALUE;

    private volatile long newestDay = NONE;
    private volatile long oldestDay = NONE;
    private volatile long watermark = Long.MIN_VALUE;

    /** An observed event of {@code day}, with the operator's current watermark (milliseconds). */
    public void observe(int day, long currentWatermark) {
        if (newestDay == NONE || day > newestDay) {
            newestDay = day;
        }
        if (oldestDay == NONE || day < oldestDay) {
            oldestDay = day;
        }
        watermark = currentWatermark;
    }

    /** The operator's current watermark (milliseconds), e.g. when a timer fires. */
    public void watermark(long currentWatermark) {
        watermark = currentWatermark;
    }

    @Override
    public Long getValue() {
        long newest = newestDay;
        long oldest = oldestDay;
        long wm = watermark;
        if (newest == NONE) {
            return 0L;
        }
        long allOpen = newest - oldest + 1;
        if (wm <= (oldest - 1) * LearnFunction.DAY_MS) {
            return allOpen;
        }
        return Math.max(0L, Math.floorDiv(newest * LearnFunction.DAY_MS - wm, LearnFunction.DAY_MS));
    }
}
