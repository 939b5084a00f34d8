package dev.streamcast.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate series of one {@link M5Level} over the bottom series of an {@link M5Sales}: each group's
 * members and its names {@code Agg_Level_1, Agg_Level_2}. Groups are numbered in the order of their first member.
 */
public final class M5Groups {
    private final M5Level level;
    private final int[][] members;
    private final String[] first;
    private final String[] second;

    private M5Groups(M5Level level, int[][] members, String[] first, String[] second) {
        this.level = level;
        this.members = members;
        this.first = first;
        this.second = second;
    }

    public static M5Groups of(M5Level level, M5Sales sales) {
        int n = sales.size();
        Map<String, Integer> byName = new LinkedHashMap<>();
        List<String> a1 = new ArrayList<>();
        List<String> a2 = new ArrayList<>();
        List<List<Integer>> mem = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            String x = level.first() == null ? "Total" : sales.attribute(level.first(), s);
            String y = level.second() == null ? M5Level.NO_KEY : sales.attribute(level.second(), s);
            String name = x + '\t' + y;
            Integer g = byName.get(name);
            if (g == null) {
                g = a1.size();
                byName.put(name, g);
                a1.add(x);
                a2.add(y);
                mem.add(new ArrayList<>());
            }
            mem.get(g).add(s);
        }
        int[][] members = new int[mem.size()][];
        for (int g = 0; g < members.length; g++) {
            members[g] = mem.get(g).stream().mapToInt(Integer::intValue).toArray();
        }
        return new M5Groups(level, members, a1.toArray(new String[0]), a2.toArray(new String[0]));
    }

    public M5Level level() {
        return level;
    }

    public int size() {
        return members.length;
    }

    public int[] members(int g) {
        return members[g];
    }

    /** {@code Agg_Level_1} of group {@code g}. */
    public String first(int g) {
        return first[g];
    }

    /** {@code Agg_Level_2} of group {@code g} ({@code X} if unused). */
    public String second(int g) {
        return second[g];
    }
}
