package dev.streamcast.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate series of one {@link M5Level} over the bottom series of an {@link M5Sales}: each group's
 * members and its names {@code Agg_Level_1, Agg_Level_2} ({@code X} if unused), each indexed by group. Groups are
 * numbered in the order of their first member.
 */
public record M5Groups(M5Level level, int[][] members, String[] first, String[] second) {
    public static M5Groups of(M5Level level, M5Sales sales) {
        Map<List<String>, List<Integer>> byName = new LinkedHashMap<>();
        for (int s = 0; s < sales.size(); s++) {
            List<String> name = List.of(level.first() == null ? "Total" : sales.attribute(level.first(), s),
                    level.second() == null ? M5Level.NO_KEY : sales.attribute(level.second(), s));
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
        }
        return new M5Groups(level,
                byName.values().stream().map(m -> m.stream().mapToInt(Integer::intValue).toArray())
                        .toArray(int[][]::new),
                byName.keySet().stream().map(name -> name.get(0)).toArray(String[]::new),
                byName.keySet().stream().map(name -> name.get(1)).toArray(String[]::new));
    }
}
