package dev.streamcast.learn;

/** Calendar arithmetic on epoch days (days since 1970-01-01), allocation-free. */
public final class Days {
    private Days() {
    }

    /** Python's {@code datetime.weekday()}: Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday, 3). */
    public static int weekday(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L);
    }
}
