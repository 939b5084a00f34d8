package dev.streamcast.metrics;

import dev.streamcast.io.CsvLineParser;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.Reason;
import dev.streamcast.job.FileOutputs;
import dev.streamcast.job.ForecastPipeline;
import dev.streamcast.job.Inputs;
import dev.streamcast.job.JobTestSupport;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job and input of the metrics tests: the public golden trace's input (3 series × 100 days) plus forecast
 * requests, a replayed day and bad lines, through the whole dataflow (parallelism 2, RocksDB with its size
 * metrics on). The source keeps watching its directory, so the job stays RUNNING, and its metrics queryable,
 * until the test cancels it.
 */
final class MetricsTestJob {
    static final int PARALLELISM = 2;
    static final int MAX_PARALLELISM = 128;
    /** Lines appended to the golden input, each with what it must do to the metrics. */
    static final List<String> REQUESTS = List.of(
            "HOBBIES_1_001_CA_1_validation,2011-05-09,",
            "FOODS_1_001_CA_1_validation,2011-05-09,");         // a series never seen: answered, not held
    static final List<String> LATE = List.of(
            "HOUSEHOLD_1_118_TX_2_validation,2011-01-29,5");    // a day the series has already learned
    static final Map<String, Reason> BAD = new LinkedHashMap<>();

    static {
        BAD.put("FOODS_3_090_CA_3_validation,2011-05-09", Reason.WRONG_FIELD_COUNT);
        BAD.put("FOODS_3_090_CA_3_validation,2011-05-09,1,2", Reason.WRONG_FIELD_COUNT);
        BAD.put("FOODS_3_090_CA_3_validation,2011-13-09,1", Reason.BAD_DATE);
        BAD.put("FOODS_3_090_CA_3_validation,2011-05-09,lots", Reason.BAD_Y);
        BAD.put("FOODS_3_090_CA_3_validation,2011-05-09,-4", Reason.NEGATIVE_Y);
    }

    private MetricsTestJob() {
    }

    /** Dead letters expected per reason code. */
    static Map<String, Long> badPerReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        BAD.values().forEach(r -> counts.merge(r.code(), 1L, Long::sum));
        return counts;
    }

    /** Writes the input below {@code tmp}, starts the job on the MiniCluster of the calling test. */
    static JobClient start(Path tmp, String name) throws Exception {
        Path in = tmp.resolve("in");
        Path input = JobTestSupport.copyResource("/golden/public/input.csv", in.resolve("input.csv"));
        List<String> extra = new ArrayList<>(LATE);
        extra.addAll(REQUESTS);
        extra.addAll(BAD.keySet());
        try {
            Files.write(input, extra, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("writing the test input", e);
        }
        Configuration conf = JobTestSupport.rocksDbConfig(tmp.resolve("chk"), "1s");
        conf.setString("state.backend.rocksdb.metrics.estimate-live-data-size", "true");
        conf.setString("state.backend.rocksdb.metrics.size-all-mem-tables", "true");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        env.setMaxParallelism(MAX_PARALLELISM);
        ForecastPipeline.Outputs outputs = ForecastPipeline.build(
                Inputs.fileLines(env, in, Duration.ofMillis(500)), // keeps watching: the job never finishes
                new ForecastPipeline.Settings(new CsvLineParser(), LearnerParams.seed(), KeyMode.SERIES,
                        Duration.ZERO, true, dev.streamcast.functions.LearnFunction.Options.of(28)));
        FileOutputs.attach(outputs, tmp.resolve("out").toString(), OutputFormat.CSV);
        return env.executeAsync(name);
    }

    /** Cluster settings of the metrics tests: REST on localhost, metrics fetched for it every 200 ms. */
    static Configuration clusterConfig() {
        Configuration c = new Configuration();
        c.setString("rest.bind-address", "localhost");
        c.setString("rest.address", "localhost");
        c.setString("metrics.fetcher.update-interval", "200"); // ms; the web UI's default is 10 s
        return c;
    }
}
