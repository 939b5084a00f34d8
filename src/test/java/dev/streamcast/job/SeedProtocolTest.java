package dev.streamcast.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.io.LineParser;
import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.M5WideFormat;
import dev.streamcast.io.Reason;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.Learner;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.SeriesModel;
import dev.streamcast.records.SalesEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's submission protocol ({@code jobs/m5-seed-protocol.yaml}) on the bundled real M5 subset: learn
 * d_1854..d_1913, then 28 creme-style chained forecasts per series with its chosen learner. One forecast per
 * series per day, identical at parallelism 1 and 2, and identical to the learning core run by hand.
 */
class SeedProtocolTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate FIRST = LocalDate.of(2016, 4, 25); // d_1914
    static final LocalDate LAST = LocalDate.of(2016, 5, 22);  // d_1941

    @TempDir
    Path tmp;

    Map<String, String> run(int parallelism) throws Exception {
        return JobTestSupport.horizonForecasts("jobs/m5-seed-protocol.yaml", tmp, parallelism,
                f -> f.get("model").asText() + " " + f.get("prediction").asText());
    }

    @Test
    void oneForecastPerSeriesAndDaySameAtAnyParallelismAndAsTheCoreByHand() throws Exception {
        Map<String, String> p1 = run(1);
        Map<String, String> p2 = run(2);
        assertThat(p1).hasSize(300 * 28).isEqualTo(p2);
        assertThat(p1.keySet()).allSatisfy(k -> {
            LocalDate d = LocalDate.parse(k.substring(k.indexOf(' ') + 1));
            assertThat(d).isBetween(FIRST, LAST);
        });

        // the same protocol with the core alone
        Map<String, SeriesModel> models = new HashMap<>();
        for (SalesEvent e : seedWindow(Path.of("data/m5/sales_subset.csv"))) {
            models.computeIfAbsent(KeyMode.SERIES.keyOf(e.id()), k -> new SeriesModel(LearnerParams.seed()))
                    .observe(e.day(), e.y());
        }
        assertThat(models).hasSize(300);
        for (Map.Entry<String, SeriesModel> e : models.entrySet()) {
            SeriesModel m = e.getValue();
            Learner chosen = m.chosen();
            for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
                double v = m.predictOne(chosen, (int) d.toEpochDay());
                assertThat(p1.get(e.getKey() + " " + d)).isEqualTo(chosen.label() + " " + JSON.valueToTree(v).asText());
            }
        }
    }

    /**
     * {@code jobs/m5-seed-item.yaml} on the item-keyed golden sales in M5's wide layout (2 items × 10 stores, rows
     * series by series): each item's model learns d_1854..d_1913 day by day, a day's stores in series id order, then
     * forecasts its 280 days creme-style by date, then series id. The same at parallelism 1 and 2, the same as the
     * core by hand in that order; in another order (series by series) the chained predictions differ.
     */
    @Test
    void itemKeyedProtocolForecastsEachItemsSeriesByDateThenSeriesId() throws Exception {
        Path sales = JobTestSupport.copyResource("/golden/item-public/sales_wide.csv", tmp.resolve("in/sales.csv"));
        Map<String, String> p1 = JobTestSupport.horizonForecasts("jobs/m5-seed-item.yaml", tmp, 1,
                f -> f.get("model").asText() + " " + f.get("prediction").asText(), "source.path=" + sales);
        Map<String, String> p2 = JobTestSupport.horizonForecasts("jobs/m5-seed-item.yaml", tmp, 2,
                f -> f.get("model").asText() + " " + f.get("prediction").asText(), "source.path=" + sales);
        assertThat(p1).hasSize(20 * 28).isEqualTo(p2);

        // the core by hand: every event of the window, by day then series id, into its item's model
        List<SalesEvent> events = seedWindow(sales);
        events.sort(java.util.Comparator.comparingInt(SalesEvent::day).thenComparing(SalesEvent::id));
        Map<String, SeriesModel> models = new java.util.TreeMap<>();
        for (SalesEvent e : events) {
            models.computeIfAbsent(KeyMode.ITEM.keyOf(e.id()), k -> new SeriesModel(LearnerParams.seed(), KeyMode.ITEM))
                    .observe(KeyMode.SERIES.keyOf(e.id()), e.day(), e.y());
        }
        assertThat(models).hasSize(2);
        int differ = 0;
        for (Map.Entry<String, SeriesModel> e : models.entrySet()) {
            SeriesModel m = e.getValue();
            SeriesModel seriesBySeries = m.copy();
            Learner chosen = m.chosen();
            List<SeriesModel.SeriesDay> order = m.horizon(m.series(e.getKey()), 28);
            assertThat(order).hasSize(280);
            for (SeriesModel.SeriesDay sd : order) {
                double v = m.predictOne(chosen, sd.day());
                assertThat(LocalDate.ofEpochDay(sd.day())).isBetween(FIRST, LAST);
                assertThat(p1.get(sd.series() + " " + LocalDate.ofEpochDay(sd.day())))
                        .isEqualTo(chosen.label() + " " + JSON.valueToTree(v).asText());
            }
            for (String series : seriesBySeries.series(e.getKey())) {
                for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
                    double v = seriesBySeries.predictOne(chosen, (int) d.toEpochDay());
                    if (!p1.get(series + " " + d).equals(chosen.label() + " " + JSON.valueToTree(v).asText())) {
                        differ++;
                    }
                }
            }
        }
        assertThat(differ).as("forecasts that another order would change").isPositive();
    }

    /** The events of an M5 wide file's seed window, d_1854..d_1913, in the file's order (row by row). */
    static List<SalesEvent> seedWindow(Path sales) throws Exception {
        M5Calendar calendar = M5Calendar.load(Path.of("data/m5/calendar.csv"));
        List<String> lines = Files.readAllLines(sales);
        M5WideFormat format = M5WideFormat.of(lines.get(0), calendar, "d_1854", "d_1913");
        List<SalesEvent> events = new java.util.ArrayList<>();
        LineParser.EventSink sink = new LineParser.EventSink() {
            @Override
            public void event(SalesEvent e) {
                events.add(e);
            }

            @Override
            public void reject(Reason reason, String message, String raw) {
                throw new AssertionError(message);
            }
        };
        lines.subList(1, lines.size()).forEach(l -> format.parseRow(l, sink));
        return events;
    }
}
