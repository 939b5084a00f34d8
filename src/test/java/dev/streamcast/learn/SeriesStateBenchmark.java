package dev.streamcast.learn;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of a series' state: deserialise then serialise one full series (what a RocksDB
 * read-modify-write costs the model, Flink aside). Run: {@code mvn -Pjmh test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SeriesStateBenchmark {
    private byte[] state;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SeriesModel m = new SeriesModel(LearnerParams.seed());
        for (int d = 0; d < 120; d++) {
            m.observe(d, (d * 7) % 13);
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        m.writeTo(new DataOutputStream(bos));
        state = bos.toByteArray();
    }

    @Benchmark
    public byte[] roundTrip() throws IOException {
        SeriesModel m = SeriesModel.readFrom(LearnerParams.seed(), new DataInputStream(new ByteArrayInputStream(state)));
        ByteArrayOutputStream bos = new ByteArrayOutputStream(state.length);
        m.writeTo(new DataOutputStream(bos));
        return bos.toByteArray();
    }
}
