package dev.streamcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.Map;
import java.util.function.Function;
import java.util.TreeMap;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcast.io.LineFileFormat;
import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shared plumbing of the MiniCluster tests: the cluster, job configuration, file input, reading committed part
 * files.
 */
public final class JobTestSupport {
    private JobTestSupport() {
    }

    /** The tests' MiniCluster: one TaskManager with two slots (the jobs run with parallelism 2). */
    /**
     * Runs a job file locally on the bundled data (outputs and checkpoints under {@code tmp}, no web UI) at
     * {@code parallelism}, and returns its committed horizon forecasts (records whose {@code y} is null) by
     * {@code "id date"}, each {@code value} of its record; a series and day forecast twice fails. {@code overrides}:
     * more {@code key=value} overrides of the job file.
     */
    public static Map<String, String> horizonForecasts(String jobFile, Path tmp, int parallelism,
                                                       Function<JsonNode, String> value, String... overrides)
            throws Exception {
        Path out = tmp.resolve("p" + parallelism);
        List<String> all = new ArrayList<>(List.of("output.path=" + out, "runtime.webUi=false",
                "runtime.checkpointDir=" + tmp.resolve("chk"), "runtime.parallelism=" + parallelism));
        all.addAll(List.of(overrides));
        JobConfig job = JobConfig.load(Path.of(jobFile), all);
        StreamcastJob.run(job, true, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Map<String, String> horizon = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : committedLines(out.resolve(FileOutputs.FORECASTS), false)) {
            JsonNode f = json.readTree(line);
            if (f.get("y").isNull()) {
                assertThat(horizon.put(f.get("id").asText() + " " + f.get("date").asText(), value.apply(f)))
                        .as("once: " + line).isNull();
            }
        }
        return horizon;
    }

    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** RocksDB, incremental checkpoints, no Kryo fallback. */
    public static Configuration rocksDbConfig(Path checkpoints, String checkpointInterval) {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString("execution.checkpointing.interval", checkpointInterval);
        conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        conf.setString("pipeline.generic-types", "false");
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "100ms");
        return conf;
    }

    public static DataStream<RawLine> fileLines(StreamExecutionEnvironment env, Path input) {
        FileSource<RawLine> source = FileSource
                .forBulkFileFormat(new LineFileFormat(1 << 20), new org.apache.flink.core.fs.Path(input.toUri()))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "file source").uid("source");
    }

    /** Copies a classpath resource to a file. */
    public static Path copyResource(String resource, Path to) {
        try (InputStream in = JobTestSupport.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Files.createDirectories(to.getParent());
            Files.copy(in, to);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All data lines of the committed part files in {@code dir} (in-progress files start with a dot). */
    public static List<String> committedLines(Path dir, boolean skipHeader) {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                List<String> content = Files.readAllLines(f);
                lines.addAll(skipHeader && !content.isEmpty() ? content.subList(1, content.size()) : content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * The same lines, each as often, in any order (sorted, then compared: AssertJ's
     * {@code containsExactlyInAnyOrderElementsOf} is quadratic, too slow for the 54,000 forecasts of a run).
     */
    public static void assertSameLines(String what, List<String> actual, List<String> expected) {
        List<String> a = new ArrayList<>(actual);
        List<String> e = new ArrayList<>(expected);
        a.sort(null);
        e.sort(null);
        org.assertj.core.api.Assertions.assertThat(a).as(what).hasSameSizeAs(e);
        org.assertj.core.api.Assertions.assertThat(a).as(what).isEqualTo(e);
    }
}
