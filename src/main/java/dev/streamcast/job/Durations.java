package dev.streamcast.job;

import org.apache.flink.util.TimeUtils;

import java.time.Duration;

/**
 * Durations as job files write them, read and written by Flink's {@link TimeUtils}: a whole number and a unit,
 * optionally separated by blanks ({@code 500ms}, {@code 10s}, {@code 5min}, {@code 2h}, {@code 1d},
 * {@code 30 s}). Unlike Flink, a bare number other than {@code 0} is rejected: Flink reads it as milliseconds,
 * which is easy to misread in a job file.
 */
public final class Durations {
    /** What a duration looks like, for messages. */
    static final String EXAMPLES = "a duration such as 500ms, 10s, 5min, 2h or 1d";

    private Durations() {
    }

    /**
     * Parses a duration such as {@code 10s}.
     *
     * @throws IllegalArgumentException with a message that completes "KEY ..." ("must be a duration such as
     *                                  500ms, 10s, 5min, 2h or 1d; got 'soon'")
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        String problem = t.matches("0*[1-9][0-9]*") ? " (a unit is required, e.g. '" + t + "ms' or '" + t + "s')"
                : t.isEmpty() || t.startsWith("-") || t.startsWith("P") ? "" : null;
        if (problem == null) {
            try {
                return TimeUtils.parseDuration(t);
            } catch (IllegalArgumentException e) { // NumberFormatException too
                problem = " (" + e.getMessage().replaceFirst(": DAYS:.*", "") + ")";
            }
        }
        throw new IllegalArgumentException("must be " + EXAMPLES + "; got '" + text + "'" + problem);
    }

    /** The shortest exact rendering in the largest whole unit: {@code 10 s}, {@code 5 min}, {@code 1500 ms}. */
    public static String format(Duration duration) {
        return TimeUtils.formatWithHighestUnit(duration);
    }
}
