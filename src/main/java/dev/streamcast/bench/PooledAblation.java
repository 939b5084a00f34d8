package dev.streamcast.bench;

import dev.streamcast.eval.M5Data;
import dev.streamcast.eval.M5Inputs;
import dev.streamcast.eval.M5Sales;
import dev.streamcast.eval.Window;
import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.M5GroupHistory;
import dev.streamcast.learn.PooledGroup;
import dev.streamcast.learn.PooledParams;
import dev.streamcast.learn.PooledProfile;
import dev.streamcast.records.GroupTotal;
import dev.streamcast.learn.DayCalendar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The pooled learner's ablation on real M5 data, scored by the project's WRMSSE evaluator on both windows: the
 * learning core replayed exactly as the job's pooled stage learns (each store × department's days in date order,
 * series in id order, from {@code d_1762}, the first day of the README's sales file), with one ingredient switched
 * off at a time. The full row equals the job's own forecasts ({@code PooledServingTest} checks the job against the
 * same loop). Each group first learns its daily totals before that day from M5's level-9 aggregates
 * ({@code aggregates/level9_d1-d1913.csv.gz} in the M5 folder), as the job does with {@code source.groupHistory}.
 * Usage (after {@code mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt}):
 * <pre>
 *   java -cp target/classes:$(cat target/classpath.txt) dev.streamcast.bench.PooledAblation ../shared/data/m5 [firstDay]
 * </pre>
 */
public final class PooledAblation {
    /** First day learned: the first day of {@code sales_all30490_d1762-d1969.csv.gz}, the job's input. */
    static final int FIRST_DAY = 1762;

    private PooledAblation() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PooledAblation M5_FOLDER [FIRST_DAY]");
            System.exit(2);
        }
        int firstDay = args.length > 1 ? Integer.parseInt(args[1]) : FIRST_DAY;
        M5Data data = M5Data.load(M5Inputs.resolve(Path.of(args[0]), null, null, null, null, true));
        Map<String, List<GroupTotal>> history = M5GroupHistory.load(Path.of(args[0], "aggregates",
                "level9_d1-d1913.csv.gz"), data.calendar()).stream().collect(Collectors.groupingBy(GroupTotal::group));
        // a null takes the default: each row switches one ingredient off (SNAP: on)
        Map<String, Row> rows = new LinkedHashMap<>();
        rows.put("pooled learner (the defaults)", new Row(PooledParams.DEFAULTS, true));
        rows.put("without the group history (M5 aggregates before d_1762)", new Row(PooledParams.DEFAULTS, false));
        rows.put("without calendar events (eventRate 0)", new Row(new PooledParams(null, null, null, null, null, null,
                null, 0.0, null), true));
        rows.put("with a SNAP factor too (snapRate 0.1)", new Row(new PooledParams(null, null, 0.1, null, null, null,
                null, null, null), true));
        rows.put("without day of month (monthDayRate 0)", new Row(new PooledParams(null, null, null, 0.0, null, null,
                null, null, null), true));
        rows.put("without each series' own week (seriesWeekdayRate 0)", new Row(new PooledParams(null, null, null,
                null, 0.0, null, null, null, null), true));
        rows.put("without the group's week (weekdayRate 0)", new Row(new PooledParams(null, 0.0, null, null, null,
                null, null, null, null), true));
        rows.put("level only (all factor rates 0, no history)", new Row(new PooledParams(null, 0.0, 0.0, 0.0, 0.0,
                null, null, 0.0, null), false));
        System.out.printf("| %-56s | %-10s | %-10s |%n", "forecasts", "validation", "evaluation");
        System.out.printf("| %-56s | %-10s | %-10s |%n", "---", "---", "---");
        for (Map.Entry<String, Row> row : rows.entrySet()) {
            Map<String, List<GroupTotal>> h = row.getValue().withHistory() ? history : Map.of();
            double v = score(data, h, Window.VALIDATION, row.getValue().params(), firstDay);
            double e = score(data, h, Window.EVALUATION, row.getValue().params(), firstDay);
            System.out.printf("| %-56s | %10.5f | %10.5f |%n", row.getKey(), v, e);
        }
    }

    /** One ablation row: the settings, and whether the groups first learn their history. */
    record Row(PooledParams params, boolean withHistory) {
    }

    /** Learns every series through the window's last training day, forecasts the window, scores it. */
    static double score(M5Data data, Map<String, List<GroupTotal>> history, Window w, PooledParams p, int firstDay)
            throws Exception {
        M5Calendar calendar = data.calendar();
        DayCalendar days = calendar.days();
        M5Sales sales = data.sales();
        Map<String, List<Integer>> groups = IntStream.range(0, sales.size()).boxed()
                .sorted(Comparator.comparing(sales::key)) // a group's series in id order
                .collect(Collectors.groupingBy(s -> PooledGroup.of(sales.key(s)), TreeMap::new, Collectors.toList()));
        double[][] forecasts = new double[sales.size()][Window.HORIZON];
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            List<Integer> members = g.getValue();
            String state = PooledGroup.stateOf(g.getKey());
            PooledProfile profile = new PooledProfile(days.eventFactorCount());
            for (GroupTotal t : history.getOrDefault(g.getKey(), List.of())) {
                if (t.day() < calendar.epochDay(firstDay)) {
                    profile.learnTotal(t.day(), days.isSnap(state, t.day()), days.eventFactors(t.day()), t.units(), p);
                }
            }
            PooledProfile.Series[] series = new PooledProfile.Series[sales.size()];
            for (int day = firstDay; day <= w.trainingEnd(); day++) {
                List<PooledProfile.Series> today = new ArrayList<>();
                List<Integer> ys = new ArrayList<>();
                for (int s : members) {
                    int y = sales.units(s, day);
                    if (y != M5Sales.UNKNOWN) {
                        if (series[s] == null) {
                            series[s] = new PooledProfile.Series();
                        }
                        today.add(series[s]);
                        ys.add(y);
                    }
                }
                if (!today.isEmpty()) {
                    int epochDay = calendar.epochDay(day);
                    profile.learnDay(epochDay, days.isSnap(state, epochDay), days.eventFactors(epochDay),
                            today.toArray(PooledProfile.Series[]::new),
                            ys.stream().mapToInt(Integer::intValue).toArray(), p);
                }
            }
            for (int s : members) {
                for (int h = 0; h < Window.HORIZON && series[s] != null; h++) {
                    int epochDay = calendar.epochDay(w.firstDay() + h);
                    forecasts[s][h] = profile.forecast(series[s], epochDay, days.isSnap(state, epochDay),
                            days.eventFactors(epochDay), p);
                }
            }
        }
        return data.evaluate(w, forecasts).score();
    }
}
