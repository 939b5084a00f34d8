package dev.streamcast.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.outputs.OutputFileException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Daily units of aggregate series given directly (long format: a {@code d} column with {@code d_N}, the
 * level's hierarchy columns and {@code units}; other columns such as {@code sales} or {@code sell_price} are
 * ignored), e.g. full-history level 1-9 aggregates when the bottom series are only known for recent days.
 * The level of a file follows from its hierarchy columns: {@code store_id,state_id,dept_id,cat_id} is
 * level 9 (store × department), no column is level 1, and so on. The evaluator uses a given value where the
 * sum of the members is unknown, and checks that the two agree where both are known.
 */
public final class AggregateHistory {
    private final Map<M5Level, Map<String, double[]>> series = new EnumMap<>(M5Level.class);
    private final Map<M5Level, String> sources = new EnumMap<>(M5Level.class);
    private int first = Integer.MAX_VALUE;
    private int last = Integer.MIN_VALUE;

    /** Reads the given files (plain or .gz); two files may not give the same level. */
    public static AggregateHistory load(List<Path> files) throws IOException, M5DataException {
        AggregateHistory h = new AggregateHistory();
        for (Path f : files) {
            h.read(f);
        }
        return h;
    }

    /** The levels given. */
    public Set<M5Level> levels() {
        return series.isEmpty() ? EnumSet.noneOf(M5Level.class) : EnumSet.copyOf(series.keySet());
    }

    /** The file that gave a level. */
    public String source(M5Level level) {
        return sources.get(level);
    }

    public int firstDay() {
        return first;
    }

    public int lastDay() {
        return last;
    }

    /** The given units of series {@code agg1, agg2} of {@code level} on {@code d_day}, or NaN. */
    public double units(M5Level level, String agg1, String agg2, int day) {
        Map<String, double[]> m = series.get(level);
        if (m == null || day < first || day > last) {
            return Double.NaN;
        }
        double[] row = m.get(agg1 + '\t' + agg2);
        return row == null ? Double.NaN : row[day - first];
    }

    /** Whether any series of {@code level} is given. */
    public boolean has(M5Level level) {
        return series.containsKey(level);
    }

    private void rebase(int lo, int hi) {
        if (lo == first && hi == last) {
            return;
        }
        for (Map<String, double[]> m : series.values()) {
            for (Map.Entry<String, double[]> e : m.entrySet()) {
                double[] row = nanRow(hi - lo + 1);
                System.arraycopy(e.getValue(), 0, row, first - lo, e.getValue().length);
                e.setValue(row);
            }
        }
        first = lo;
        last = hi;
    }

    private static double[] nanRow(int n) {
        double[] r = new double[n];
        Arrays.fill(r, Double.NaN);
        return r;
    }

    private void read(Path file) throws IOException, M5DataException {
        M5Level level;
        try (BufferedReader in = TextFiles.open(file)) {
            String header = in.readLine();
            List<String> columns = header == null ? List.of() : Arrays.asList(TextFiles.splitUnquote(header));
            level = levelOf(Arrays.stream(M5Level.Attribute.values()).filter(a -> columns.contains(a.column()))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(M5Level.Attribute.class))));
            if (level == null || !columns.contains("d") || !columns.contains("units")) {
                throw new M5DataException(file + " line 1: an aggregate history needs the columns 'd', 'units' and "
                        + "those of an M5 level (e.g. store_id,state_id,dept_id,cat_id for level 9), got "
                        + TextFiles.quote(header == null ? "" : header));
            }
        }
        if (series.containsKey(level)) {
            throw new M5DataException(file + ": level " + level.number() + " is already given by "
                    + sources.get(level));
        }
        Map<String, Map<Integer, Double>> given = new HashMap<>();
        try {
            CommittedOutputs.forEach(file, OutputFormat.CSV, JsonNode.class, (row, f, line) -> {
                if (Stream.concat(Stream.of("d", "units"), closure(level).stream().map(M5Level.Attribute::column))
                        .anyMatch(c -> row.path(c).asText("").isEmpty())) {
                    throw new OutputFileException(f, line, "columns d, units and " + closure(level)
                            + " must all have a value");
                }
                int d;
                double units;
                try {
                    d = M5Calendar.parseDayName(row.get("d").asText());
                    units = Double.parseDouble(row.get("units").asText());
                } catch (IllegalArgumentException e) {
                    throw new OutputFileException(f, line, "bad 'd' or 'units' (" + e.getMessage() + ")");
                }
                if (!(units >= 0) || Double.isInfinite(units)) {
                    throw new OutputFileException(f, line, "units " + units + " is not a number >= 0");
                }
                String name = (level.first() == null ? "Total" : row.get(level.first().column()).asText()) + '\t'
                        + (level.second() == null ? M5Level.NO_KEY : row.get(level.second().column()).asText());
                Double old = given.computeIfAbsent(name, k -> new HashMap<>()).put(d, units);
                if (old != null && old != units) {
                    throw new OutputFileException(f, line, name.replace('\t', '/') + " " + M5Calendar.dayName(d)
                            + " is given twice, as " + old + " and " + units);
                }
            });
        } catch (OutputFileException e) {
            throw new M5DataException(e.getMessage());
        }
        if (given.isEmpty()) {
            throw new M5DataException(file + ": no rows");
        }
        IntSummaryStatistics days = given.values().stream().flatMap(m -> m.keySet().stream())
                .mapToInt(Integer::intValue).summaryStatistics();
        rebase(Math.min(first, days.getMin()), Math.max(last, days.getMax()));
        Map<String, double[]> m = new HashMap<>();
        given.forEach((name, byDay) -> {
            double[] row = nanRow(last - first + 1);
            byDay.forEach((d, u) -> row[d - first] = u);
            m.put(name, row);
        });
        series.put(level, m);
        sources.put(level, file.toString());
    }

    /** The level whose hierarchy columns (with those they imply: store → state, dept → cat, item → dept, cat) are {@code present}. */
    static M5Level levelOf(Set<M5Level.Attribute> present) {
        return Arrays.stream(M5Level.values()).filter(l -> closure(l).equals(present)).findFirst().orElse(null);
    }

    static EnumSet<M5Level.Attribute> closure(M5Level l) {
        EnumSet<M5Level.Attribute> s = EnumSet.noneOf(M5Level.Attribute.class);
        for (M5Level.Attribute a : new M5Level.Attribute[] {l.first(), l.second()}) {
            if (a == null) {
                continue;
            }
            s.add(a);
            switch (a) {
                case STORE -> s.add(M5Level.Attribute.STATE);
                case DEPT -> s.add(M5Level.Attribute.CAT);
                case ITEM -> {
                    s.add(M5Level.Attribute.DEPT);
                    s.add(M5Level.Attribute.CAT);
                }
                default -> {
                }
            }
        }
        return s;
    }
}
