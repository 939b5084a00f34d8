package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Daily unit sales of M5 bottom series (item × store) with their hierarchy, compact: one {@code int[]} per
 * series over the days {@code d_first..d_last}, {@link #UNKNOWN} where a day was not given. Series are kept
 * in the order first seen; a series is identified by its key {@code <item_id>_<store_id>} (the first five
 * {@code _}-tokens of an M5 id, so {@code _validation} and {@code _evaluation} ids are the same series).
 *
 * <p>The full M5 (30,490 series × 1,969 days) takes 240 MB. Immutable once built.
 */
public final class M5Sales {
    /** Marks a day whose units were not given. */
    public static final int UNKNOWN = -1;

    private final int first;
    private final int last;
    private final String[] keys;
    private final String[][] attributes; // [series][attribute ordinal]
    private final int[][] units;
    private final Map<String, Integer> index;

    private M5Sales(int first, int last, String[] keys, String[][] attributes, int[][] units,
                    Map<String, Integer> index) {
        this.first = first;
        this.last = last;
        this.keys = keys;
        this.attributes = attributes;
        this.units = units;
        this.index = index;
    }

    /** The number of bottom series. */
    public int size() {
        return keys.length;
    }

    /** The first day index N covered (d_N); days before it are unknown for every series. */
    public int firstDay() {
        return first;
    }

    /** The last day index N covered; days after it are unknown for every series. */
    public int lastDay() {
        return last;
    }

    /** The key {@code <item_id>_<store_id>} of series {@code s}. */
    public String key(int s) {
        return keys[s];
    }

    /** The index of the series with this key (or M5 id, suffix ignored), or -1. */
    public int indexOf(String keyOrId) {
        Integer s = index.get(keyOrId);
        if (s == null) {
            s = index.get(seriesKey(keyOrId));
        }
        return s == null ? -1 : s;
    }

    /** A hierarchy value of series {@code s}, e.g. its {@code store_id}. */
    public String attribute(M5Level.Attribute a, int s) {
        return attributes[s][a.ordinal()];
    }

    /** The units of series {@code s} on day {@code d_day}, or {@link #UNKNOWN}. */
    public int units(int s, int day) {
        return day < first || day > last ? UNKNOWN : units[s][day - first];
    }

    /**
     * The first day of the run of known days that ends on {@code through} (the series' usable history up to
     * that day), or -1 if {@code through} itself is unknown.
     */
    public int knownFrom(int s, int through) {
        if (units(s, through) == UNKNOWN) {
            return -1;
        }
        int[] row = units[s];
        int i = through - first;
        while (i > 0 && row[i - 1] != UNKNOWN) {
            i--;
        }
        return first + i;
    }

    /** Whether every series has units on every day {@code from..to}. */
    public boolean allKnown(int from, int to) {
        return firstUnknown(from, to) < 0;
    }

    /** The first series missing a day of {@code from..to}, or -1 if none. */
    public int firstUnknown(int from, int to) {
        for (int s = 0; s < keys.length; s++) {
            for (int d = from; d <= to; d++) {
                if (units(s, d) == UNKNOWN) {
                    return s;
                }
            }
        }
        return -1;
    }

    /** The raw row of series {@code s} (index 0 is {@link #firstDay()}); not to be modified. */
    int[] row(int s) {
        return units[s];
    }

    /** The series key of an M5 id: its first five {@code _}-tokens ({@code FOODS_3_090_CA_3_validation} → {@code FOODS_3_090_CA_3}). */
    public static String seriesKey(String id) {
        return dev.streamcast.learn.KeyMode.SERIES.keyOf(id);
    }

    @Override
    public String toString() {
        return "M5Sales[" + keys.length + " series, " + M5Calendar.dayName(first) + ".." + M5Calendar.dayName(last) + "]";
    }

    /** Builds an {@link M5Sales}: series are added (or merged into) one at a time. */
    public static final class Builder {
        private final int first;
        private final int last;
        private final List<String> keys = new ArrayList<>();
        private final List<String[]> attrs = new ArrayList<>();
        private final List<int[]> rows = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, String> interned = new HashMap<>();

        /** A builder for days {@code d_first..d_last}. */
        public Builder(int first, int last) {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("bad day range d_" + first + "..d_" + last);
            }
            this.first = first;
            this.last = last;
        }

        /**
         * The index of the series {@code item_store}, added with these hierarchy values if new.
         *
         * @throws IllegalArgumentException if the series exists with other hierarchy values
         */
        public int series(String item, String dept, String cat, String store, String state) {
            String key = item + "_" + store;
            Integer s = index.get(key);
            String[] a = {item, dept, cat, store, state};
            if (s != null) {
                String[] have = attrs.get(s);
                if (!Arrays.equals(have, a)) {
                    throw new IllegalArgumentException("series " + key + " is given as " + String.join("/", a)
                            + " but was " + String.join("/", have) + " (item/dept/cat/store/state)");
                }
                return s;
            }
            for (int i = 0; i < a.length; i++) {
                a[i] = interned.computeIfAbsent(a[i], v -> v);
            }
            int[] row = new int[last - first + 1];
            Arrays.fill(row, UNKNOWN);
            index.put(key, keys.size());
            keys.add(key);
            attrs.add(a);
            rows.add(row);
            return keys.size() - 1;
        }

        /**
         * Sets the units of series {@code s} on day {@code d_day}; returns the value it had before
         * ({@link #UNKNOWN} if none), leaving a different earlier value in place (the caller reports it).
         */
        public int set(int s, int day, int value) {
            if (value < 0) {
                throw new IllegalArgumentException("units must be >= 0, got " + value);
            }
            int[] row = rows.get(s);
            int old = row[day - first];
            if (old == UNKNOWN) {
                row[day - first] = value;
            }
            return old;
        }

        /** Adds a series with the units {@code values} on the days from {@code fromDay} on (for tests and tools). */
        public Builder add(String item, String dept, String cat, String store, String state, int fromDay, int... values) {
            int s = series(item, dept, cat, store, state);
            for (int k = 0; k < values.length; k++) {
                int old = set(s, fromDay + k, values[k]);
                if (old != UNKNOWN && old != values[k]) {
                    throw new IllegalArgumentException(item + "_" + store + " d_" + (fromDay + k) + ": "
                            + values[k] + " conflicts with " + old);
                }
            }
            return this;
        }

        public int size() {
            return keys.size();
        }

        public M5Sales build() {
            return new M5Sales(first, last, keys.toArray(new String[0]), attrs.toArray(new String[0][]),
                    rows.toArray(new int[0][]), new HashMap<>(index));
        }
    }
}
