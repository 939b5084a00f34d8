package dev.streamcast.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The baselines on the bundled real subset {@code data/m5} (300 series, d_1762..d_1941, with their sell
 * prices), scored on the validation window d_1914..d_1941 (training through d_1913, weights from
 * d_1886..d_1913) over the subset's own hierarchy (1,054 series in 12 levels, all with truncated history).
 *
 * <p>The expected scores are facts about these files: they were computed once with this evaluator
 * ({@code bin/streamcast baseline --m5 data/m5 --window validation --json}, the {@code score} of each
 * {@code METHOD-validation.json}) and agree with the plain reference path of {@link WrmsseReferenceTest};
 * a change in them means the data, the baselines or the metric changed.
 */
class BaselineSubsetTest {
    static M5Data data;

    @BeforeAll
    static void load() throws Exception {
        data = M5Data.load(M5Inputs.resolve(Path.of("data", "m5"), null, null, null, null, true));
    }

    @Test
    void theFolderGivesTheSubsetAndItsPrices() {
        assertThat(data.inputs().sales()).containsExactly(Path.of("data", "m5", "sales_subset.csv"));
        assertThat(data.inputs().prices()).isEqualTo(Path.of("data", "m5", "sell_prices_subset.csv"));
        assertThat(data.inputs().aggregates()).isEmpty();
        assertThat(data.sales().size()).isEqualTo(300);
        assertThat(data.sales().firstDay()).isEqualTo(1762);
        assertThat(data.sales().lastDay()).isEqualTo(1941);
        assertThat(data.canForecast(Window.VALIDATION)).isTrue();
        assertThat(data.canScore(Window.VALIDATION)).isTrue();
        assertThat(data.canForecast(Window.EVALUATION)).isTrue();
        assertThat(data.canScore(Window.EVALUATION)).isFalse();
    }

    @Test
    void validationWindowScores() throws Exception {
        expect(Baseline.NAIVE, 1.0072112667749862);
        expect(Baseline.SEASONAL_NAIVE, 0.8007774834471014);
        expect(Baseline.ZEROS, 2.7689810118998808);
        expect(Baseline.MA28, 0.760565846029362);
    }

    private static void expect(Baseline b, double score) throws Exception {
        WrmsseResult r = data.evaluate(Window.VALIDATION, b.forecast(data.sales(), 1914, 28));
        assertThat(r.score()).as(b.label()).isCloseTo(score, within(1e-12));
        assertThat(r.seriesCount()).isEqualTo(1_054);
        assertThat(r.truncatedSeries()).isEqualTo(1_054);
        assertThat(r.approximate()).isTrue();
        assertThat(r.unscaledSeries()).isEqualTo(3); // one item never sold on d_1762..d_1913 (levels 10-12)
        assertThat(r.levels().stream().mapToDouble(WrmsseResult.Level::unscaledWeight).sum()).isZero();
    }

    @Test
    void forecastsOfTheFirstSeriesFromItsRawRow() throws Exception {
        // HOBBIES_1_001_CA_1, straight from the CSV: columns 7.. are d_1762..
        String[] row = Files.readAllLines(Path.of("data", "m5", "sales_subset.csv")).get(1).split(",");
        assertThat(row[0]).isEqualTo("HOBBIES_1_001_CA_1_evaluation");
        int[] y = new int[1942];
        for (int d = 1762; d <= 1941; d++) {
            y[d] = Integer.parseInt(row[6 + d - 1762]);
        }
        assertThat(new int[] {y[1904], y[1905], y[1906], y[1907], y[1908]}).containsExactly(1, 3, 0, 1, 1);
        int s = data.sales().indexOf("HOBBIES_1_001_CA_1");
        assertThat(s).isZero();
        double[] naive = Baseline.NAIVE.forecast(data.sales(), 1914, 28)[s];
        double[] snaive = Baseline.SEASONAL_NAIVE.forecast(data.sales(), 1914, 28)[s];
        double[] ma = Baseline.MA28.forecast(data.sales(), 1914, 28)[s];
        double sum = 0;
        for (int d = 1886; d <= 1913; d++) {
            sum += y[d];
        }
        for (int h = 0; h < 28; h++) {
            assertThat(naive[h]).isEqualTo(y[1913]);
            assertThat(snaive[h]).isEqualTo(y[1907 + h % 7]);
            assertThat(ma[h]).isEqualTo(sum / 28);
            assertThat(Baseline.ZEROS.forecast(data.sales(), 1914, 28)[s][h]).isZero();
        }
        // the evaluation window is forecast from d_1935..d_1941
        assertThat(Baseline.SEASONAL_NAIVE.forecast(data.sales(), 1942, 28)[s][0]).isEqualTo(y[1935]);
    }
}
