package dev.streamcast.eval;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The evaluator against a second, deliberately plain implementation of the metric on random hierarchies
 * (partial histories, intermittent series, leading zeros, given aggregate histories): each level's aggregate
 * series is built explicitly, as a map from its name to its daily values, and scored with lists.
 */
class WrmsseReferenceTest {
    private static final int FIRST = 1;
    private static final int WINDOW = 61;
    private static final int H = 28;
    private static final int LAST = WINDOW + H - 1;

    @RepeatedTest(5)
    void fastPathAgreesWithPlainLoops(RepetitionInfo rep, @TempDir Path tmp) throws Exception {
        Random rnd = new Random(1000 + rep.getCurrentRepetition());
        M5Sales sales = randomSales(rnd);
        double[][] f = new double[sales.size()][H];
        for (double[] row : f) {
            for (int h = 0; h < H; h++) {
                row[h] = rnd.nextDouble() < 0.3 ? 0 : rnd.nextDouble() * 5;
            }
        }
        double[] dollars = new double[sales.size()];
        for (int s = 0; s < dollars.length; s++) {
            dollars[s] = rnd.nextDouble() < 0.1 ? 0 : rnd.nextDouble() * 100;
        }
        // a given total history for the first days, consistent with the bottom series where they are known
        AggregateHistory agg = null;
        if (rep.getCurrentRepetition() % 2 == 0) {
            double[] total = new double[WINDOW - 1];
            for (int d = FIRST; d < WINDOW; d++) {
                double sum = 0;
                boolean known = true;
                for (int s = 0; s < sales.size(); s++) {
                    int u = sales.units(s, d);
                    known &= u != M5Sales.UNKNOWN;
                    sum += Math.max(u, 0);
                }
                total[d - FIRST] = known ? sum : 1000 + rnd.nextInt(50);
            }
            agg = AggregateHistoryTest.givenTotal(tmp, FIRST, total);
        }
        WrmsseResult fast = Wrmsse.evaluate(sales, WINDOW, f, new DollarSales(dollars, 0, WINDOW - 28, WINDOW - 1), agg, 1);

        double score = 0;
        for (M5Level level : M5Level.values()) {
            Map<String, double[]> ref = reference(sales, level, f, dollars, agg);
            WrmsseResult.Level l = fast.level(level.number());
            assertThat(l.size()).isEqualTo(ref.size());
            double levelScore = 0;
            for (int g = 0; g < l.size(); g++) {
                double[] r = ref.get(l.agg1()[g] + "/" + l.agg2()[g]);
                assertThat(r).as("%s %s/%s", level.id(), l.agg1()[g], l.agg2()[g]).isNotNull();
                assertThat(l.weight()[g]).isCloseTo(r[0], within(1e-14));
                assertThat(l.historyStart()[g]).isEqualTo((int) r[3]);
                if (Double.isNaN(r[1])) {
                    assertThat(l.rmsse()[g]).isNaN();
                } else {
                    assertThat(l.scale()[g]).isCloseTo(r[2], within(1e-12 * r[2]));
                    assertThat(l.rmsse()[g]).isCloseTo(r[1], within(1e-12 * Math.max(1, r[1])));
                    levelScore += r[0] * r[1];
                }
            }
            assertThat(l.score()).as(level.id()).isCloseTo(levelScore, within(1e-12));
            score += levelScore / 12;
        }
        assertThat(fast.score()).isCloseTo(score, within(1e-12));
        assertThat(fast.approximate()).isTrue();
    }

    /** name → {weight, rmsse (NaN if none), scale, history start}. */
    private static Map<String, double[]> reference(M5Sales sales, M5Level level, double[][] f, double[] dollars,
                                                   AggregateHistory agg) {
        Map<String, double[]> hist = new LinkedHashMap<>();
        Map<String, double[]> fc = new HashMap<>();
        Map<String, Double> dol = new HashMap<>();
        double total = 0;
        for (int s = 0; s < sales.size(); s++) {
            String a = level.first() == null ? "Total" : sales.attribute(level.first(), s);
            String b = level.second() == null ? "X" : sales.attribute(level.second(), s);
            String name = a + "/" + b;
            double[] h = hist.computeIfAbsent(name, k -> new double[LAST + 1]);
            for (int d = FIRST; d <= LAST; d++) {
                int u = sales.units(s, d);
                h[d] = u == M5Sales.UNKNOWN ? Double.NaN : h[d] + u;
            }
            double[] x = fc.computeIfAbsent(name, k -> new double[H]);
            for (int k = 0; k < H; k++) {
                x[k] += f[s][k];
            }
            dol.merge(name, dollars[s], Double::sum);
            total += dollars[s];
        }
        Map<String, double[]> out = new HashMap<>();
        for (Map.Entry<String, double[]> e : hist.entrySet()) {
            double[] h = e.getValue();
            if (agg != null && level == M5Level.TOTAL) {
                for (int d = FIRST; d < WINDOW; d++) {
                    if (Double.isNaN(h[d])) {
                        h[d] = agg.units(level, "Total", "X", d);
                    }
                }
            }
            List<Double> train = new ArrayList<>();
            int start = WINDOW - 1;
            while (start >= FIRST && !Double.isNaN(h[start])) {
                train.add(0, h[start]);
                start--;
            }
            while (!train.isEmpty() && train.get(0) == 0) {
                train.remove(0);
            }
            double scale = Double.NaN;
            if (train.size() >= 2) {
                double ss = 0;
                for (int i = 1; i < train.size(); i++) {
                    ss += Math.pow(train.get(i) - train.get(i - 1), 2);
                }
                scale = ss / (train.size() - 1);
            }
            double mse = 0;
            for (int k = 0; k < H; k++) {
                mse += Math.pow(fc.get(e.getKey())[k] - h[WINDOW + k], 2) / H;
            }
            double rmsse = scale > 0 ? Math.sqrt(mse / scale) : Double.NaN;
            out.put(e.getKey(), new double[] {dol.get(e.getKey()) / total, rmsse, scale, start + 1});
        }
        return out;
    }

    /** 2-3 states of 1-3 stores; 2 categories of 2 departments of 3-6 items; each item × store present with p 0.8. */
    static M5Sales randomSales(Random rnd) {
        M5Sales.Builder b = new M5Sales.Builder(FIRST, LAST);
        String[] states = {"CA", "TX", "WI"};
        String[] cats = {"FOODS", "HOBBIES"};
        int nStates = 2 + rnd.nextInt(2);
        for (int st = 0; st < nStates; st++) {
            int stores = 1 + rnd.nextInt(3);
            for (int so = 1; so <= stores; so++) {
                String store = states[st] + "_" + so;
                for (String cat : cats) {
                    for (int dp = 1; dp <= 2; dp++) {
                        String dept = cat + "_" + dp;
                        int items = 3 + rnd.nextInt(4);
                        for (int it = 1; it <= items; it++) {
                            if (rnd.nextDouble() > 0.8) {
                                continue;
                            }
                            String item = dept + "_" + String.format("%03d", it);
                            int from = rnd.nextDouble() < 0.5 ? FIRST : FIRST + rnd.nextInt(WINDOW - 5);
                            int launch = rnd.nextDouble() < 0.3 ? from + rnd.nextInt(WINDOW - from) : from;
                            double p = 0.1 + rnd.nextDouble() * 0.8;
                            int s = b.series(item, dept, cat, store, states[st]);
                            for (int d = from; d <= LAST; d++) {
                                int v = d < launch ? 0 : rnd.nextDouble() < p ? 1 + rnd.nextInt(6) : 0;
                                b.set(s, d, v);
                            }
                        }
                    }
                }
            }
        }
        return b.build();
    }
}
