package dev.streamcast.job;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as job files write them, in the style of Flink's {@code TimeUtils}: a non-negative whole number
 * and a unit, optionally separated by blanks: {@code 500ms}, {@code 10s}, {@code 5min}, {@code 2h},
 * {@code 1d}, {@code 30 s}. Units (case-insensitive): {@code d day days}, {@code h hour hours},
 * {@code min m minute minutes}, {@code s sec secs second seconds}, {@code ms milli millis millisecond
 * milliseconds}, {@code us µs micro micros microsecond microseconds}, {@code ns nano nanos nanosecond
 * nanoseconds}.
 *
 * <p>Unlike Flink, a bare number is rejected (Flink reads it as milliseconds, which is easy to misread in a
 * job file); only {@code 0} may be written without a unit.
 */
public final class Durations {
    /** The hint every duration error ends with. */
    static final String EXAMPLES = "a duration such as 500ms, 10s, 5min, 2h or 1d";

    private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(\\p{L}*)");
    private static final Map<String, Duration> UNITS = new LinkedHashMap<>();
    /** Units tried by {@link #format}, largest first. */
    private static final String[] FORMAT_UNITS = {"d", "h", "min", "s", "ms", "us", "ns"};

    static {
        unit(Duration.ofDays(1), "d", "day", "days");
        unit(Duration.ofHours(1), "h", "hour", "hours");
        unit(Duration.ofMinutes(1), "min", "m", "minute", "minutes");
        unit(Duration.ofSeconds(1), "s", "sec", "secs", "second", "seconds");
        unit(Duration.ofMillis(1), "ms", "milli", "millis", "millisecond", "milliseconds");
        unit(Duration.ofNanos(1000), "us", "µs", "micro", "micros", "microsecond", "microseconds");
        unit(Duration.ofNanos(1), "ns", "nano", "nanos", "nanosecond", "nanoseconds");
    }

    private Durations() {
    }

    private static void unit(Duration length, String... labels) {
        for (String label : labels) {
            UNITS.put(label, length);
        }
    }

    /**
     * Parses a duration such as {@code 10s}.
     *
     * @throws IllegalArgumentException with a message that completes "KEY ..." (e.g. "must be a duration
     *                                  such as 500ms, 10s, 5min, 2h or 1d; got 'soon'")
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("must be " + EXAMPLES + "; got nothing");
        }
        String trimmed = text.strip();
        Matcher m = DURATION.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be " + EXAMPLES + "; got '" + text + "'");
        }
        BigInteger amount = new BigInteger(m.group(1));
        String label = m.group(2).toLowerCase(Locale.ROOT);
        Duration unit;
        if (label.isEmpty()) {
            if (amount.signum() != 0) {
                throw new IllegalArgumentException("must be " + EXAMPLES + "; got '" + text
                        + "' (a unit is required, e.g. '" + amount + "ms' or '" + amount + "s')");
            }
            return Duration.ZERO;
        }
        unit = UNITS.get(label);
        if (unit == null) {
            throw new IllegalArgumentException("must be " + EXAMPLES + "; got '" + text + "' (unknown unit '"
                    + m.group(2) + "'; units: d, h, min, s, ms, us, ns)");
        }
        BigInteger nanos = amount.multiply(BigInteger.valueOf(unit.toNanos()));
        BigInteger[] secondsAndNanos = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        if (secondsAndNanos[0].bitLength() > 63) {
            throw new IllegalArgumentException("must be " + EXAMPLES + "; got '" + text + "' (too large)");
        }
        return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    }

    /** The shortest exact rendering in the largest whole unit: {@code 10s}, {@code 5min}, {@code 1500ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        BigInteger nanos = BigInteger.valueOf(duration.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(duration.getNano()));
        for (String label : FORMAT_UNITS) {
            BigInteger[] qr = nanos.divideAndRemainder(BigInteger.valueOf(UNITS.get(label).toNanos()));
            if (qr[1].signum() == 0) {
                return qr[0] + label;
            }
        }
        throw new AssertionError("every duration is a whole number of nanoseconds");
    }
}
