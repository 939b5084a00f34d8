package dev.streamcast.metrics;

import dev.streamcast.learn.GoldenTraces;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.Learner;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The job's metrics as the web UI reads them: a running job on a MiniCluster (parallelism 2, RocksDB), its
 * {@code learn} and {@code parse} metrics fetched through Flink's REST API and checked against what the input
 * implies ({@link MetricsTestJob}: the public golden input plus requests, a replayed day and bad lines). Expected
 * values come from the input and creme's trace, never from the job: counters summed over subtasks, and each
 * subtask's gauges from the series that Flink's key groups send to it.
 */
class MetricsRestTest {
    static final Duration PATIENCE = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(MetricsTestJob.clusterConfig()).setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(MetricsTestJob.PARALLELISM).build());

    @TempDir
    Path tmp;

    @Test
    void learnAndParseMetricsOverRestMatchWhatTheInputImplies(@InjectClusterRESTAddress URI rest) throws Exception {
        Expected expected = Expected.fromGoldenTrace("public");
        JobClient client = MetricsTestJob.start(tmp, "metrics over REST");
        try {
            FlinkRest api = new FlinkRest(rest);
            String job = client.getJobID().toHexString();
            String learn = api.vertexId(job, "learn", PATIENCE);
            String parse = api.vertexId(job, "parse", PATIENCE);

            Map<String, Double> learnSums = new LinkedHashMap<>();
            learnSums.put("learn.eventsIn", (double) expected.observations + MetricsTestJob.REQUESTS.size()
                    + MetricsTestJob.LATE.size());
            learnSums.put("learn.eventsLearned", (double) expected.observations);
            learnSums.put("learn.forecastRequests", (double) MetricsTestJob.REQUESTS.size());
            learnSums.put("learn.lateEvents", (double) MetricsTestJob.LATE.size());
            learnSums.put("learn.seriesHeld", (double) expected.series.size());
            learnSums.put("learn.seriesChoosingKnn", (double) expected.seriesChoosingKnn());
            Map<String, Double> parseSums = new LinkedHashMap<>();
            parseSums.put("parse.deadLetters", (double) MetricsTestJob.BAD.size());
            MetricsTestJob.badPerReason().forEach((reason, n) ->
                    parseSums.put("parse.reason." + reason + ".deadLetters", (double) n));
            List<String> gauges = List.of("learn.maeKnn", "learn.maeLm", "learn.maeServed", "learn.seriesHeld",
                    "learn.knnShare");

            Eventually.within(PATIENCE, Duration.ofMillis(200), () -> {
                assertThat(api.aggregated(job, learn, learnSums.keySet(), "sum")).isEqualTo(learnSums);
                assertThat(api.aggregated(job, parse, parseSums.keySet(), "sum")).isEqualTo(parseSums);
                for (int subtask = 0; subtask < MetricsTestJob.PARALLELISM; subtask++) {
                    Map<String, String> g = api.ofSubtask(job, learn, subtask, gauges);
                    Totals t = expected.ofSubtask(subtask);
                    String of = "subtask " + subtask + ": ";
                    assertThat(Long.parseLong(g.get("learn.seriesHeld"))).as(of + "seriesHeld").isEqualTo(t.series);
                    assertThat(Double.parseDouble(g.get("learn.maeKnn"))).as(of + "maeKnn")
                            .isCloseTo(t.mean(t.errorKnn), within(1e-9));
                    assertThat(Double.parseDouble(g.get("learn.maeLm"))).as(of + "maeLm")
                            .isCloseTo(t.mean(t.errorLm), within(1e-9));
                    assertThat(Double.parseDouble(g.get("learn.maeServed"))).as(of + "maeServed")
                            .isCloseTo(t.mean(t.errorServed), within(1e-9));
                    assertThat(Double.parseDouble(g.get("learn.knnShare"))).as(of + "knnShare")
                            .isEqualTo(t.series == 0 ? 0.0 : (double) t.knnChosen / t.series);
                }
            });
            // RocksDB's own estimate of the state's size (the learners' state is the column family "model"); a
            // native metric is sampled every few seconds, so it may still read 0 right after the input is learned
            List<String> stateBytes = List.of("learn.model.rocksdb_size-all-mem-tables",
                    "learn.model.rocksdb_estimate-live-data-size");
            Eventually.within(PATIENCE, Duration.ofMillis(500), () -> {
                Map<String, Double> state = api.aggregated(job, learn, stateBytes, "sum");
                assertThat(state).containsOnlyKeys(stateBytes);
                assertThat(state.values().stream().mapToDouble(Double::doubleValue).sum()).isPositive();
            });
        } finally {
            client.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /** Sums of one group of series' observations, as the learn function's gauges report them. */
    static final class Totals {
        long observations;
        long series;
        long knnChosen;
        double errorKnn;
        double errorLm;
        double errorServed;

        double mean(double sum) {
            return observations == 0 ? 0.0 : sum / observations;
        }
    }

    /** What the golden input implies, from creme's trace and summary (not from the job). */
    record Expected(long observations, Map<String, Totals> series) {
        static Expected fromGoldenTrace(String set) {
            Map<String, Totals> series = new LinkedHashMap<>();
            Map<String, double[]> lastMae = new HashMap<>();
            List<String[]> trace = GoldenTraces.read(set, "trace"); // id,date,y,pred_knn,pred_lm,mae_knn,mae_lm
            for (String[] row : trace.subList(1, trace.size())) {
                String key = KeyMode.SERIES.keyOf(row[0]);
                Totals t = series.computeIfAbsent(key, k -> new Totals());
                double y = Double.parseDouble(row[2]);
                double knn = Double.parseDouble(row[3]);
                double lm = Double.parseDouble(row[4]);
                double[] before = lastMae.getOrDefault(key, new double[2]);
                double served = Learner.choose(before[0], before[1]) == Learner.KNN ? knn : lm;
                t.observations++;
                t.errorKnn += Math.abs(y - knn);
                t.errorLm += Math.abs(y - lm);
                t.errorServed += Math.abs(y - served);
                lastMae.put(key, new double[] {Double.parseDouble(row[5]), Double.parseDouble(row[6])});
            }
            List<String[]> summary = GoldenTraces.read(set, "summary"); // key,n,mae_knn,mae_lm,chosen
            for (String[] s : summary.subList(1, summary.size())) {
                Totals t = series.get(s[0]);
                t.series = 1;
                t.knnChosen = s[4].equals(Learner.KNN.label()) ? 1 : 0;
            }
            return new Expected(trace.size() - 1, series);
        }

        long seriesChoosingKnn() {
            return series.values().stream().mapToLong(t -> t.knnChosen).sum();
        }

        /** The totals of the series that Flink's key groups send to one learn subtask. */
        Totals ofSubtask(int subtask) {
            Totals sum = new Totals();
            series.forEach((key, t) -> {
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MetricsTestJob.MAX_PARALLELISM,
                        MetricsTestJob.PARALLELISM) == subtask) {
                    sum.observations += t.observations;
                    sum.series += t.series;
                    sum.knnChosen += t.knnChosen;
                    sum.errorKnn += t.errorKnn;
                    sum.errorLm += t.errorLm;
                    sum.errorServed += t.errorServed;
                }
            });
            return sum;
        }
    }
}
