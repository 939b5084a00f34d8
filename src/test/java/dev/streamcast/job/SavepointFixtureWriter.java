package dev.streamcast.job;

import dev.streamcast.functions.Horizon;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.LearnMetrics;
import dev.streamcast.io.CsvLineParser;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.SeriesModel;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes the savepoint fixture of {@link SavepointUpgradeTest} (not a test: run it when a state layout is about
 * to change, and commit its output under {@code src/test/resources/savepoints/}):
 * <pre>
 *   mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 *   java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
 *       dev.streamcast.job.SavepointFixtureWriter src/test/resources/savepoints/layout-v1
 * </pre>
 * It learns the first {@link #DAYS} days of the golden public input with the job's own dataflow (RocksDB, no
 * model cache), then stops with a canonical savepoint. Its source and sinks have uids of their own
 * ({@code fixture-*}), so a restored job keeps only the dataflow's state.
 */
public final class SavepointFixtureWriter {
    static final int DAYS = 50;
    static final int SERIES = 3;

    private SavepointFixtureWriter() {
    }

    static List<String> firstDays() throws Exception {
        try (InputStream in = SavepointFixtureWriter.class.getResourceAsStream("/golden/public/input.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(0, 1 + DAYS * SERIES);
        }
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createTempDirectory("fixture");
        Path input = Files.createDirectories(work.resolve("in"));
        Files.write(input.resolve("input.csv"), firstDays());

        Configuration conf = JobTestSupport.rocksDbConfig(work.resolve("chk"), "1s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        ForecastPipeline.Outputs out = ForecastPipeline.build(
                env.fromSource(org.apache.flink.connector.file.src.FileSource.forBulkFileFormat(
                                new dev.streamcast.io.LineFileFormat(Inputs.MAX_LINE_BYTES),
                                new org.apache.flink.core.fs.Path(input.toUri()))
                        .monitorContinuously(Duration.ofMillis(500)).build(),
                        org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(), "fixture input")
                        .uid("fixture-source"),
                new ForecastPipeline.Settings(new CsvLineParser(), LearnerParams.seed(), KeyMode.SERIES,
                        Duration.ZERO, true, new LearnFunction.Options(28, Horizon.NONE, false, 0, null)));
        out.forecasts().sinkTo(new DiscardingSink<>()).uid("fixture-forecasts");
        out.metrics().sinkTo(new DiscardingSink<>()).uid("fixture-metrics");
        out.snapshots().sinkTo(new DiscardingSink<>()).uid("fixture-series");
        out.deadLetters().sinkTo(new DiscardingSink<>()).uid("fixture-dead-letters");
        out.late().sinkTo(new DiscardingSink<>()).uid("fixture-late");
        JobClient client = env.executeAsync("savepoint fixture");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            Map<String, Object> acc = client.getAccumulators().get();
            Object learned = acc.get(LearnMetrics.ACC_LEARNED);
            if (learned != null && ((Number) learned).longValue() == (long) DAYS * SERIES) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the fixture job did not learn its input in time: " + acc);
            }
            Thread.sleep(500);
        }
        Path savepoint = Path.of(java.net.URI.create(client.stopWithSavepoint(false,
                work.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get()));
        Files.createDirectories(target);
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(savepoint)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            Path to = target.resolve(savepoint.relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf("savepoint of layout v%d (%d files) written to %s%n", SeriesModel.LAYOUT_VERSION,
                files.size(), target);
        System.exit(0);
    }
}
