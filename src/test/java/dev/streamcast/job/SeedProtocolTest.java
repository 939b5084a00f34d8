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
        M5Calendar calendar = M5Calendar.load(Path.of("data/m5/calendar.csv"));
        List<String> lines = Files.readAllLines(Path.of("data/m5/sales_subset.csv"));
        M5WideFormat format = M5WideFormat.of(lines.get(0), calendar, "d_1854", "d_1913");
        Map<String, SeriesModel> models = new HashMap<>();
        LineParser.EventSink sink = new LineParser.EventSink() {
            @Override
            public void event(SalesEvent e) {
                models.computeIfAbsent(KeyMode.SERIES.keyOf(e.id()), k -> new SeriesModel(LearnerParams.seed()))
                        .observe(e.day(), e.y());
            }

            @Override
            public void reject(Reason reason, String message, String raw) {
                throw new AssertionError(message);
            }
        };
        lines.subList(1, lines.size()).forEach(l -> format.parseRow(l, sink));
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
}
