package dev.streamcast.learn;

/**
 * The group an M5 series' pooled model belongs to: its store × department, read from its id
 * ({@code FOODS_3_090_CA_3_validation}: store {@code CA_3}, department {@code FOODS_3}, state {@code CA}). An id
 * without the five M5 tokens is a group of its own, without a state (so no SNAP days).
 */
public final class PooledGroup {
    private PooledGroup() {
    }

    /** The group key, {@code STORE|DEPT} (e.g. {@code CA_3|FOODS_3}), or the id itself if it is not M5-shaped. */
    public static String of(String id) {
        String[] t = id.split("_", 6);
        if (t.length < 5) {
            return id;
        }
        return of(t[3] + "_" + t[4], t[0] + "_" + t[1]);
    }

    /** The group key of a store and a department ({@code CA_3}, {@code FOODS_3}: {@code CA_3|FOODS_3}). */
    public static String of(String store, String dept) {
        return store + "|" + dept;
    }

    /** The state of a group key made by {@link #of} ({@code CA}), or "" if it has none. */
    public static String stateOf(String group) {
        int bar = group.indexOf('|');
        int cut = group.indexOf('_');
        return bar < 0 || cut < 0 || cut > bar ? "" : group.substring(0, cut);
    }
}
