package dev.streamcast.job;

import dev.streamcast.functions.Horizon;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.io.CsvLineParser;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.learn.GoldenTraces;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * State written by an older release restores in this one: the committed savepoint of state layout v1
 * ({@code src/test/resources/savepoints/layout-v1}, 50 days of the golden public input learned) is restored
 * and the job continues with the other 50 days; every forecast equals creme's golden trace, as if it had
 * never stopped (and the series' counts go on from 51).
 */
class SavepointUpgradeTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();

    @TempDir
    Path tmp;

    @Test
    void savepointOfLayoutV1RestoresAndContinuesWithIdenticalForecasts() throws Exception {
        Path savepoint = Files.createDirectories(tmp.resolve("savepoint"));
        try (InputStream in = getClass().getResourceAsStream("/savepoints/layout-v1/_metadata")) {
            Files.copy(in, savepoint.resolve("_metadata"));
        }
        List<String> all;
        try (InputStream in = getClass().getResourceAsStream("/golden/public/input.csv")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int learnedBefore = 1 + SavepointFixtureWriter.DAYS * SavepointFixtureWriter.SERIES;
        List<String> rest = new ArrayList<>();
        rest.add(all.get(0));
        rest.addAll(all.subList(learnedBefore, all.size()));
        Path input = Files.createDirectories(tmp.resolve("in")).resolve("rest.csv");
        Files.write(input, rest);

        Configuration conf = JobTestSupport.rocksDbConfig(tmp.resolve("chk"), "1s");
        conf.setString("execution.state-recovery.path", savepoint.toUri().toString());
        conf.setString("execution.state-recovery.ignore-unclaimed-state", "true");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        ForecastPipeline.Outputs outputs = ForecastPipeline.build(JobTestSupport.fileLines(env, input),
                new ForecastPipeline.Settings(new CsvLineParser(), LearnerParams.seed(), KeyMode.SERIES,
                        Duration.ZERO, true, new LearnFunction.Options(28, Horizon.NONE, false, 0, null)));
        FileOutputs.attach(outputs, tmp.resolve("out").toString(), OutputFormat.CSV);
        env.execute("restore layout v1");

        Map<String, String[]> byIdAndDate = new HashMap<>();
        for (String line : JobTestSupport.committedLines(tmp.resolve("out").resolve(FileOutputs.FORECASTS), true)) {
            String[] f = line.split(",", -1);
            byIdAndDate.put(f[0] + "," + f[1], f);
        }
        List<String[]> trace = GoldenTraces.read("public", "trace");
        List<String[]> expected = trace.subList(learnedBefore, trace.size());
        assertThat(byIdAndDate).hasSize(expected.size());
        for (String[] e : expected) {
            String[] f = byIdAndDate.get(KeyMode.SERIES.keyOf(e[0]) + "," + e[1]); // the series, suffix dropped
            assertThat(f).as(e[0] + " " + e[1]).isNotNull();
            assertThat(Double.parseDouble(f[4])).as("pred_lm").isEqualTo(Double.parseDouble(e[4]));
            assertThat(Double.parseDouble(f[8])).as("mae_lm").isEqualTo(Double.parseDouble(e[6]));
            assertThat(GoldenTraces.relativeDifference(Double.parseDouble(f[3]), Double.parseDouble(e[3])))
                    .isLessThanOrEqualTo(1e-9);
            assertThat(Long.parseLong(f[9])).isGreaterThan(SavepointFixtureWriter.DAYS);
        }
        assertThat(JobTestSupport.committedLines(tmp.resolve("out").resolve(FileOutputs.LATE), true)).isEmpty();
    }
}
