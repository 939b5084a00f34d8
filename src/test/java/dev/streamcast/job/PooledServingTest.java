package dev.streamcast.job;

import dev.streamcast.cli.CliRun;
import dev.streamcast.io.LineParser;
import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.M5GroupHistory;
import dev.streamcast.io.M5WideFormat;
import dev.streamcast.io.Reason;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.PooledGroup;
import dev.streamcast.learn.PooledParams;
import dev.streamcast.learn.PooledProfile;
import dev.streamcast.learn.DayCalendar;
import dev.streamcast.records.GroupTotal;
import dev.streamcast.report.ReportCommandTest;
import dev.streamcast.records.SalesEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs/m5-best.yaml} (serving {@code pooled}) on the bundled real M5 subset, with the real M5 store ×
 * department totals of d_1..d_1913 as its group history: the pooled stage learns each group's totals before
 * d_1762, then d_1762..d_1913 from the series by store × department and day, then forecasts d_1914..d_1941. One
 * pooled forecast per series and day, identical at parallelism 1 and 2 (RocksDB), and identical to the learning
 * core run by hand in day order (the totals from d_1762 on are not learned: the series have taken over); without a
 * group history too. The report draws the horizon against the actual sales.
 */
class PooledServingTest {
    /** The validation window, as the seed protocol's test forecasts it. */
    static final LocalDate FIRST = SeedProtocolTest.FIRST;
    static final LocalDate LAST = SeedProtocolTest.LAST;

    @TempDir
    Path tmp;

    /** The real M5 store × department totals (src/test/resources/m5eval/NOTE.md says where they come from). */
    static final Path HISTORY = Path.of("src/test/resources/m5eval/aggregates/level9_units_d1-d1913.csv.gz");

    Map<String, String> run(int parallelism, List<String> overrides) throws Exception {
        return JobTestSupport.horizonForecasts("jobs/m5-best.yaml", tmp, parallelism, f -> {
            assertThat(f.get("model").asText()).as(f.toString()).isEqualTo("pooled");
            return f.get("prediction").asText();
        }, overrides.toArray(String[]::new));
    }

    @Test
    void onePooledForecastPerSeriesAndDaySameAtAnyParallelismAndAsTheCoreByHand() throws Exception {
        Map<String, String> p1 = run(1, List.of("source.groupHistory=" + HISTORY));
        Map<String, String> p2 = run(2, List.of("source.groupHistory=" + HISTORY));
        assertThat(p1).hasSize(300 * 28).isEqualTo(p2);
        assertThat(p1).isEqualTo(coreByHand(true));

        // the report draws the chosen series' horizon against the actual sales of d_1914..d_1941 from the M5 files
        Path report = tmp.resolve("report");
        CliRun cli = CliRun.of("report", "--input", tmp.resolve("p1").toString(), "--out", report.toString(), "--m5",
                "data/m5");
        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(ReportCommandTest.checkedImages(report)).contains("series-1-horizon.png", "series-2-horizon.png",
                "series-3-horizon.png");
        assertThat(Files.readString(report.resolve("index.html"))).contains("the forecasts of the 28 days after its "
                + "last learned day (the horizon, model pooled) against the actual sales");
    }

    @Test
    void withoutAGroupHistoryTheGroupsLearnFromTheirSeriesAlone() throws Exception {
        Map<String, String> p2 = run(2, List.of());
        assertThat(p2).hasSize(300 * 28).isEqualTo(coreByHand(false));
    }

    /** The core alone: each group's history, then its days in date order, series in id order; its horizon. */
    static Map<String, String> coreByHand(boolean withHistory) throws Exception {
        M5Calendar calendar = M5Calendar.load(Path.of("data/m5/calendar.csv"));
        DayCalendar snap = calendar.days();
        Map<String, List<GroupTotal>> history = new HashMap<>();
        for (GroupTotal t : withHistory ? M5GroupHistory.load(HISTORY, calendar) : List.<GroupTotal>of()) {
            history.computeIfAbsent(t.group(), k -> new java.util.ArrayList<>()).add(t);
        }
        List<String> lines = Files.readAllLines(Path.of("data/m5/sales_subset.csv"));
        M5WideFormat format = M5WideFormat.of(lines.get(0), calendar, null, "d_1913");
        Map<String, TreeMap<Integer, TreeMap<String, Integer>>> byGroup = new TreeMap<>();
        LineParser.EventSink sink = new LineParser.EventSink() {
            @Override
            public void event(SalesEvent e) {
                byGroup.computeIfAbsent(PooledGroup.of(e.id()), k -> new TreeMap<>())
                        .computeIfAbsent(e.day(), k -> new TreeMap<>()).put(e.id(), e.y());
            }

            @Override
            public void reject(Reason reason, String message, String raw) {
                throw new AssertionError(message);
            }
        };
        lines.subList(1, lines.size()).forEach(l -> format.parseRow(l, sink));
        PooledParams params = PooledParams.DEFAULTS;
        Map<String, String> forecasts = new TreeMap<>();
        for (Map.Entry<String, TreeMap<Integer, TreeMap<String, Integer>>> g : byGroup.entrySet()) {
            String state = PooledGroup.stateOf(g.getKey());
            PooledProfile profile = new PooledProfile(snap.eventFactorCount());
            int firstSeriesDay = g.getValue().firstKey();
            for (GroupTotal t : history.getOrDefault(g.getKey(), List.of())) {
                if (t.day() < firstSeriesDay) {
                    profile.learnTotal(t.day(), snap.isSnap(state, t.day()), snap.eventFactors(t.day()), t.units(),
                            params);
                }
            }
            Map<String, PooledProfile.Series> series = new HashMap<>();
            for (Map.Entry<Integer, TreeMap<String, Integer>> day : g.getValue().entrySet()) {
                PooledProfile.Series[] s = day.getValue().keySet().stream()
                        .map(id -> series.computeIfAbsent(id, k -> new PooledProfile.Series()))
                        .toArray(PooledProfile.Series[]::new);
                int[] ys = day.getValue().values().stream().mapToInt(Integer::intValue).toArray();
                profile.learnDay(day.getKey(), snap.isSnap(state, day.getKey()), snap.eventFactors(day.getKey()), s, ys,
                        params);
            }
            for (Map.Entry<String, PooledProfile.Series> e : series.entrySet()) {
                assertThat(e.getValue().lastDay()).isEqualTo((int) FIRST.toEpochDay() - 1);
                for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
                    int day = (int) d.toEpochDay();
                    double v = profile.forecast(e.getValue(), day, snap.isSnap(state, day), snap.eventFactors(day),
                            params);
                    forecasts.put(KeyMode.SERIES.keyOf(e.getKey()) + " " + d,
                            SeedProtocolTest.JSON.valueToTree(v).asText());
                }
            }
        }
        return forecasts;
    }
}
