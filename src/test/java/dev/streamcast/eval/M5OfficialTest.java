package dev.streamcast.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The evaluator against the organisers' own numbers, on the real M5 slice bundled in
 * {@code src/test/resources/m5eval} (see its NOTE.md): all 30,490 series on d_1914..d_1969, the sell prices
 * of those weeks, the official evaluation-window weights, and full-data level 1-9 unit histories d_1..d_1913.
 */
class M5OfficialTest {
    static final Path DIR = Path.of("src", "test", "resources", "m5eval");
    static final Path CALENDAR = Path.of("data", "m5", "calendar.csv");

    /**
     * The organisers' published level 1-9 scores of their Naive and sNaive benchmarks on the evaluation window
     * (M5-methods {@code Scores and Ranks.xlsx}, sheet "Accuracy-Benchmarks (AL)", as copied into
     * shared/data/m5/extra/official_accuracy_scores_evaluation.csv).
     */
    static final double[] NAIVE_L1_9 = {1.96679609249822, 1.90440416209777, 1.8796221973715, 1.94693173578635,
        1.91362468760069, 1.88050846879143, 1.87833508055497, 1.79814026344751, 1.76415307185393};
    static final double[] SNAIVE_L1_9 = {0.560047211808532, 0.673050356774357, 0.717605619182204, 0.622974511806106,
        0.70815509677513, 0.759991208027804, 0.829187371272282, 0.800835276491593, 0.88812567878418};

    static M5Data data;

    @BeforeAll
    static void load() throws Exception {
        M5Inputs in = M5Inputs.resolve(null, List.of(DIR.resolve("sales_all30490_d1914-d1969.csv.gz")), CALENDAR,
                DIR.resolve("sell_prices_wk11613-11617.csv.gz"),
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9).stream()
                        .map(l -> DIR.resolve("aggregates").resolve("level" + l + "_units_d1-d1913.csv.gz")).toList(),
                true);
        data = M5Data.load(in);
    }

    @Test
    void evaluationWindowWeightsEqualTheOrganisersForAll42840Series() throws Exception {
        // any forecasts: the weights do not depend on them
        WrmsseResult r = data.evaluate(Window.EVALUATION, Baseline.ZEROS.forecast(data.sales(), 1942, 28));
        Map<String, double[]> ours = new HashMap<>();
        for (WrmsseResult.Level l : r.levels()) {
            for (int g = 0; g < l.size(); g++) {
                ours.put(l.level().id() + "," + l.agg1()[g] + "," + l.agg2()[g], new double[] {l.weight()[g], l.dollars()[g]});
            }
        }
        assertThat(ours).hasSize(42_840);
        assertThat(r.unpricedUnitDays()).isZero();
        int rows = 0;
        int zeros = 0;
        try (BufferedReader in = TextFiles.open(DIR.resolve("weights_evaluation.csv.gz"))) {
            assertThat(in.readLine()).isEqualTo("\"Level_id\",\"Agg_Level_1\",\"Agg_Level_2\",\"Dollar_Sales\",\"weight\"");
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = TextFiles.splitUnquote(line);
                double[] w = ours.remove(f[0] + "," + f[1] + "," + f[2]);
                assertThat(w).as(line).isNotNull();
                double dollars = Double.parseDouble(f[3]);
                double weight = Double.parseDouble(f[4]);
                // Dollar_Sales is printed to the cent: ours agree to float rounding
                assertThat(w[1]).as(line).isCloseTo(dollars, within(1e-9 * Math.max(1, dollars)));
                // weight is printed rounded to 12 decimals: relative 1e-6, or half a unit of the 12th decimal
                assertThat(w[0]).as(line).isCloseTo(weight, within(Math.max(1e-6 * weight, 5e-13)));
                zeros += weight == 0 ? 1 : 0;
                if (weight == 0) {
                    assertThat(w[0]).isZero();
                }
                rows++;
            }
        }
        assertThat(rows).isEqualTo(42_840);
        assertThat(zeros).isEqualTo(883);
        assertThat(ours).isEmpty();
    }

    @Test
    void officialLevel1To9ScoresOfNaiveAndSeasonalNaiveAreReproduced() throws Exception {
        WrmsseResult naive = data.evaluate(Window.EVALUATION, Baseline.NAIVE.forecast(data.sales(), 1942, 28));
        WrmsseResult snaive = data.evaluate(Window.EVALUATION,
                Baseline.SEASONAL_NAIVE.forecast(data.sales(), 1942, 28));
        for (int l = 1; l <= 9; l++) {
            assertThat(naive.level(l).score()).as("Naive level %d", l).isCloseTo(NAIVE_L1_9[l - 1], within(1e-12));
            assertThat(snaive.level(l).score()).as("sNaive level %d", l).isCloseTo(SNAIVE_L1_9[l - 1], within(1e-12));
            assertThat(naive.level(l).truncated()).isZero();
        }
        // levels 10-12 have only d_1914..d_1941 here: approximate, and flagged so
        assertThat(naive.approximate()).isTrue();
        assertThat(naive.level(12).truncated()).isEqualTo(30_490);
        assertThat(naive.level(10).truncated() + naive.level(11).truncated()).isEqualTo(3_049 + 9_147);
    }
}
