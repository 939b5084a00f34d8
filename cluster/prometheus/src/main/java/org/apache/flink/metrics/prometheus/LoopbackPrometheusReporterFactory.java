package org.apache.flink.metrics.prometheus;

import io.prometheus.client.exporter.HTTPServer;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.PortRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Properties;

/**
 * Flink's Prometheus reporter, serving on the loopback address only: the local cluster's (scripts/cluster.sh puts
 * this jar into its lib folder and names this factory) and the tests'. The stock {@link PrometheusReporterFactory}
 * (the one {@code conf/config.yaml} names, for containers and hosts with a firewall) listens on every interface and
 * has no option to change that. Everything else (metric names, labels, the collector registry, the HTTP exporter)
 * is the stock reporter's: this class lives in its package to reuse {@link AbstractPrometheusReporter} and its
 * registry, so it must be loaded by the same class loader (both jars in lib/, or both in one plugin folder).
 * Options: {@code port} (a port or a range, as the stock reporter's).
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new LoopbackPrometheusReporter(new PortRange(properties.getProperty("port", "9249")));
    }

    /** The reporter: the stock registry behind an HTTP server bound to the loopback address. */
    static final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
        private final HTTPServer server;

        LoopbackPrometheusReporter(PortRange ports) {
            IOException last = null;
            HTTPServer started = null;
            for (Iterator<Integer> it = ports.getPortsIterator(); it.hasNext() && started == null; ) {
                int port = it.next();
                try {
                    started = new HTTPServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), registry,
                            true);
                    log.info("Started the loopback Prometheus reporter on port {}.", port);
                } catch (IOException e) {
                    last = e;
                }
            }
            if (started == null) {
                throw new UncheckedIOException("no free port for the Prometheus reporter in " + ports, last);
            }
            this.server = started;
        }

        @Override
        public void close() {
            server.stop();
            super.close();
        }
    }
}
