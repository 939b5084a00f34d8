package dev.streamcast.learn;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of the learning core on one thread: {@code observe} (predict with both learners, score,
 * learn) on M5-like series whose KNN windows are already full, one day of every series per invocation,
 * plus the state's serialise + deserialise round trip. Run: {@code mvn -Pjmh test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SeriesModelBenchmark {
    static final int SERIES = 1000;
    static final int DAYS = 364;
    static final int WARM_UP_DAYS = 60;

    private SeriesModel[] models;
    private int[][] sales;
    private int day;
    private byte[] state;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random r = new Random(2020);
        models = new SeriesModel[SERIES];
        sales = new int[SERIES][DAYS];
        for (int s = 0; s < SERIES; s++) {
            models[s] = new SeriesModel(LearnerParams.seed());
            double level = r.nextDouble() * 8;
            double zeros = r.nextDouble() * 0.6;
            for (int d = 0; d < DAYS; d++) {
                double weekly = 1 + 0.3 * Math.sin(2 * Math.PI * d / 7.0);
                sales[s][d] = r.nextDouble() < zeros ? 0 : (int) Math.round(level * weekly * (0.5 + r.nextDouble()));
            }
        }
        for (day = 0; day < WARM_UP_DAYS; day++) {
            for (int s = 0; s < SERIES; s++) {
                models[s].observe(day, sales[s][day]);
            }
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        models[0].writeTo(new DataOutputStream(bos));
        state = bos.toByteArray();
    }

    /** One day of every series: {@code SERIES} observations per invocation. */
    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void observe(Blackhole bh) {
        int d = day++;
        int column = d % DAYS;
        for (int s = 0; s < SERIES; s++) {
            bh.consume(models[s].observe(d, sales[s][column]));
        }
    }

    /** Deserialise then serialise one series' state (what a RocksDB read-modify-write costs the model). */
    @Benchmark
    public byte[] stateRoundTrip() throws IOException {
        SeriesModel m = SeriesModel.readFrom(LearnerParams.seed(), new DataInputStream(new ByteArrayInputStream(state)));
        ByteArrayOutputStream bos = new ByteArrayOutputStream(state.length);
        m.writeTo(new DataOutputStream(bos));
        return bos.toByteArray();
    }
}
