package dev.streamcast.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.PortRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's Prometheus reporter with the settings of {@code conf/config.yaml}, in a MiniCluster running the job:
 * one scrape of its HTTP endpoint serves the job's streamcast metrics, with the counts the input implies
 * ({@link MetricsTestJob}), and every metric the Grafana dashboard ({@code monitoring/grafana/dashboards})
 * queries. The reporter here is the stock one bound to localhost ({@code LoopbackPrometheusReporterFactory}:
 * the stock factory listens on every interface); the scrape waits until Flink's REST API shows the input
 * learned, so that one scrape is enough.
 */
class PrometheusReporterTest {
    static final String OP = "flink_taskmanager_job_task_operator_";
    static final Configuration SHIPPED = GlobalConfiguration.loadConfiguration("conf");
    static final int PORT = freePort();
    static final Duration PATIENCE = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(clusterConfig()).setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(MetricsTestJob.PARALLELISM).build());

    @TempDir
    Path tmp;

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reporter and RocksDB metric settings of conf/config.yaml; the factory bound to localhost, a free port. */
    static Configuration clusterConfig() {
        Configuration c = MetricsTestJob.clusterConfig();
        SHIPPED.toMap().forEach((k, v) -> {
            if (k.startsWith("metrics.reporter.prom.") || k.startsWith("state.backend.rocksdb.metrics.")) {
                c.setString(k, v);
            }
        });
        c.setString("metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.LoopbackPrometheusReporterFactory");
        c.setString("metrics.reporter.prom.port", String.valueOf(PORT));
        return c;
    }

    @Test
    void shippedConfigurationUsesFlinksReporterWithAPortForEveryProcessOfAHost() {
        Map<String, String> shipped = SHIPPED.toMap();
        assertThat(shipped).containsEntry("metrics.reporter.prom.factory.class",
                PrometheusReporterFactory.class.getName());
        List<String> factories = ServiceLoader.load(MetricReporterFactory.class).stream()
                .map(p -> p.type().getName()).toList();
        assertThat(factories).as("factories the reporter jar registers").contains(PrometheusReporterFactory.class.getName());
        int ports = 0;
        for (Iterator<Integer> it = new PortRange(shipped.get("metrics.reporter.prom.port")).getPortsIterator();
             it.hasNext(); it.next()) {
            ports++;
        }
        assertThat(ports).as("a JobManager and TaskManagers on one host need a port each").isGreaterThanOrEqualTo(3);
        assertThat(shipped).containsEntry("state.backend.rocksdb.metrics.estimate-live-data-size", "true")
                .containsEntry("state.backend.rocksdb.metrics.size-all-mem-tables", "true");
    }

    @Test
    void oneScrapeServesTheJobsMetricsAndEveryMetricOfTheDashboard(@InjectClusterRESTAddress URI rest)
            throws Exception {
        JobClient client = MetricsTestJob.start(tmp, "prometheus scrape");
        try {
            FlinkRest api = new FlinkRest(rest);
            String job = client.getJobID().toHexString();
            String learn = api.vertexId(job, "learn", PATIENCE);
            String parse = api.vertexId(job, "parse", PATIENCE);
            Eventually.within(PATIENCE, Duration.ofMillis(200), () -> {
                assertThat(api.aggregated(job, learn, List.of("learn.eventsIn"), "sum"))
                        .containsEntry("learn.eventsIn", 300.0 + MetricsTestJob.REQUESTS.size()
                                + MetricsTestJob.LATE.size());
                assertThat(api.aggregated(job, parse, List.of("parse.deadLetters"), "sum"))
                        .containsEntry("parse.deadLetters", (double) MetricsTestJob.BAD.size());
            });

            PrometheusText scrape = PrometheusText.parse(
                    new FlinkRest(URI.create("http://localhost:" + PORT)).text("/metrics"));

            Map<String, String> learnOp = Map.of("operator_name", "learn", "job_name", "prometheus_scrape");
            assertThat(scrape.sum(OP + "eventsLearned", learnOp)).isEqualTo(300.0);
            assertThat(scrape.sum(OP + "forecastRequests", learnOp)).isEqualTo(MetricsTestJob.REQUESTS.size());
            assertThat(scrape.sum(OP + "lateEvents", learnOp)).isEqualTo(MetricsTestJob.LATE.size());
            assertThat(scrape.sum(OP + "seriesHeld", learnOp)).isEqualTo(3.0);
            assertThat(scrape.labelValues(OP + "maeKnn", "subtask_index")).containsExactly("0", "1");
            Map<String, String> parseOp = Map.of("operator_name", "parse");
            assertThat(scrape.sum(OP + "deadLetters", parseOp)).isEqualTo(MetricsTestJob.BAD.size());
            MetricsTestJob.badPerReason().forEach((reason, n) ->
                    assertThat(scrape.sum(OP + "reason_deadLetters", Map.of("reason", reason))).as(reason)
                            .isEqualTo(n.doubleValue()));

            Set<String> dashboard = dashboardMetrics();
            assertThat(dashboard).hasSizeGreaterThan(10);
            assertThat(scrape.names()).containsAll(dashboard);
        } finally {
            client.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /** The metric names that the Grafana dashboard's queries use. */
    static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("monitoring/grafana/dashboards/streamcast.json")
                .toFile());
        Set<String> names = new TreeSet<>();
        Pattern metric = Pattern.compile("\\bflink_[A-Za-z0-9_]+");
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher m = metric.matcher(expr.asText());
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }
}
