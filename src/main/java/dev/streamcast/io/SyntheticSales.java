package dev.streamcast.io;

import dev.streamcast.records.SalesEvent;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.api.common.typeinfo.Types;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Synthetic M5-scale sales, deterministic from a seed: any number of series with M5-shaped ids
 * ({@code FOODS_3_001_CA_1_evaluation}: 7 departments × 10 stores), each with its own level, weekly
 * seasonality and share of zero days, Poisson counts; emitted day by day (all series of a day, then the
 * next day), starting at M5's first day. Element {@code i} is series {@code i % series} on day
 * {@code i / series}, so a source of parallelism 1 keeps every series in date order.
 */
public final class SyntheticSales implements GeneratorFunction<Long, SalesEvent> {
    private static final long serialVersionUID = 1L;
    /** M5's d_1. */
    public static final int FIRST_DAY = (int) LocalDate.of(2011, 1, 29).toEpochDay();
    private static final String[] DEPARTMENTS = {"FOODS_1", "FOODS_2", "FOODS_3", "HOBBIES_1", "HOBBIES_2",
        "HOUSEHOLD_1", "HOUSEHOLD_2"};
    private static final String[] STORES = {"CA_1", "CA_2", "CA_3", "CA_4", "TX_1", "TX_2", "TX_3", "WI_1", "WI_2",
        "WI_3"};

    private final int series;
    private final long seed;
    private transient String[] ids;
    private transient double[] level;
    private transient double[] zeroShare;
    private transient double[][] weekly;

    public SyntheticSales(int series, long seed) {
        if (series < 1) {
            throw new IllegalArgumentException("series must be >= 1, got " + series);
        }
        this.series = series;
        this.seed = seed;
    }

    /** A bounded source of {@code series × days} events, generated in day order. */
    public static DataGeneratorSource<SalesEvent> source(int series, int days, long seed) {
        return new DataGeneratorSource<>(new SyntheticSales(series, seed), (long) series * days,
                Types.POJO(SalesEvent.class));
    }

    /** The id of series {@code s}. */
    public static String id(int s) {
        int store = s % STORES.length;
        int item = s / STORES.length;
        String dept = DEPARTMENTS[item % DEPARTMENTS.length];
        return String.format("%s_%03d_%s_evaluation", dept, item / DEPARTMENTS.length + 1, STORES[store]);
    }

    private void init() {
        ids = new String[series];
        level = new double[series];
        zeroShare = new double[series];
        weekly = new double[series][7];
        for (int s = 0; s < series; s++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + s);
            ids[s] = id(s);
            level[s] = Math.exp(r.nextGaussian() * 1.1); // mostly small counts, some busy series
            zeroShare[s] = r.nextDouble() * 0.7;
            double amplitude = r.nextDouble() * 0.6;
            double phase = r.nextDouble() * 7;
            for (int w = 0; w < 7; w++) {
                weekly[s][w] = 1 + amplitude * Math.sin(2 * Math.PI * (w + phase) / 7);
            }
        }
    }

    @Override
    public SalesEvent map(Long index) {
        if (ids == null) {
            init();
        }
        long i = index;
        int s = (int) (i % series);
        int d = (int) (i / series);
        SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
        int y = r.nextDouble() < zeroShare[s] ? 0 : poisson(level[s] * weekly[s][d % 7], r);
        return new SalesEvent(ids[s], FIRST_DAY + d, y);
    }

    private static int poisson(double lambda, SplittableRandom r) {
        double limit = Math.exp(-lambda);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit && k < 1000) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }
}
