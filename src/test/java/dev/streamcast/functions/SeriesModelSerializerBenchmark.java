package dev.streamcast.functions;

import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.SeriesModel;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

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

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of the state serializer: deserialise then serialise one full series through Flink's memory
 * views, as every RocksDB read-modify-write of a series does. Reports the bytes per series too.
 * Run: {@code mvn -Pjmh test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SeriesModelSerializerBenchmark {
    private final SeriesModelSerializer serializer = new SeriesModelSerializer(LearnerParams.seed(), KeyMode.SERIES);
    private final DataOutputSerializer out = new DataOutputSerializer(16 * 1024);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private byte[] state;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SeriesModel m = new SeriesModel(LearnerParams.seed());
        for (int d = 0; d < 120; d++) {
            m.observe(d, (d * 7) % 13);
        }
        serializer.serialize(m, out);
        state = out.getCopyOfBuffer();
        System.out.printf("%nstate bytes per series (full windows): %d%n", state.length);
    }

    @Benchmark
    public int roundTrip() throws IOException {
        in.setBuffer(state);
        SeriesModel m = serializer.deserialize(in);
        out.clear();
        serializer.serialize(m, out);
        return out.length();
    }
}
