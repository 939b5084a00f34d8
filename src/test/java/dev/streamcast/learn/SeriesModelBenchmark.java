package dev.streamcast.learn;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of the learning core on one thread: {@code observe} (predict with both learners, score,
 * learn) on M5-like series whose KNN windows are already full, visiting the series round-robin day by day
 * as a stream does; with few series the state stays in the CPU caches, with M5's 30,490 (≈ 290 MB of state)
 * every event reads its series' state from memory.
 * Run: {@code mvn -Pjmh test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SeriesModelBenchmark {
    static final int DAYS = 364;
    static final int WARM_UP_DAYS = 60;

    @Param({"100", "30490"})
    int series;

    private SeriesModel[] models;
    private int next;
    private int[][] sales;
    private int day;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(2020);
        models = new SeriesModel[series];
        sales = new int[series][DAYS];
        for (int s = 0; s < series; s++) {
            models[s] = new SeriesModel(LearnerParams.seed());
            double level = r.nextDouble() * 8;
            double zeros = r.nextDouble() * 0.6;
            for (int d = 0; d < DAYS; d++) {
                double weekly = 1 + 0.3 * Math.sin(2 * Math.PI * d / 7.0);
                sales[s][d] = r.nextDouble() < zeros ? 0 : (int) Math.round(level * weekly * (0.5 + r.nextDouble()));
            }
        }
        for (day = 0; day < WARM_UP_DAYS; day++) {
            for (int s = 0; s < series; s++) {
                models[s].observe(day, sales[s][day]);
            }
        }
    }

    /** One observation: the next series of the current day (then the next day). */
    @Benchmark
    public Prediction observe() {
        int s = next;
        Prediction p = models[s].observe(day, sales[s][day % DAYS]);
        if (++next == series) {
            next = 0;
            day++;
        }
        return p;
    }
}
