package dev.streamcast.records;

import java.util.Arrays;

/**
 * The observations of one pooled group on one day, for the pooled learner: series ids sorted, one value each.
 *
 * @param group the group key ({@code CA_3|FOODS_3})
 * @param day   the epoch day
 * @param ids   the series ids as given, sorted, distinct
 * @param ys    units sold, {@code ys[i]} by {@code ids[i]}
 */
public record GroupDay(String group, int day, String[] ids, int[] ys) {
    public GroupDay {
        if (ids.length != ys.length) {
            throw new IllegalArgumentException("one value per id expected");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupDay g && g.group.equals(group) && g.day == day && Arrays.equals(g.ids, ids)
                && Arrays.equals(g.ys, ys);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * group.hashCode() + day) + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "GroupDay[" + group + ", " + day + ", " + ids.length + " series]";
    }
}
