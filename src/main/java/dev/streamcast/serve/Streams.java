package dev.streamcast.serve;

import io.javalin.http.sse.SseClient;
import org.apache.flink.util.IOUtils;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * chantilly's server-sent event streams for its live dashboard: {@code /api/stream/events} sends each forecast
 * record the job writes from now on, as event {@code learn} (an observation learned, with its progressive-validation
 * forecast) or {@code predict} (a request answered); {@code /api/stream/metrics} sends each daily metrics record as
 * event {@code metrics}. The records are the job's JSON lines as written, read uncommitted as soon as they are
 * written (after a job failure one may come twice). A client that has gone is dropped.
 */
final class Streams {
    private final Set<SseClient> events = new CopyOnWriteArraySet<>();
    private final Set<SseClient> metrics = new CopyOnWriteArraySet<>();

    void addEventsClient(SseClient client) {
        add(events, client);
    }

    void addMetricsClient(SseClient client) {
        add(metrics, client);
    }

    private static void add(Set<SseClient> clients, SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
    }

    /** A forecast record of the job. */
    void forecast(String record) {
        boolean request = record.contains("\"y\":null");
        send(events, request ? "predict" : "learn", record);
    }

    /** A daily metrics record of the job. */
    void metrics(String record) {
        send(metrics, "metrics", record);
    }

    private static void send(Set<SseClient> clients, String event, String data) {
        for (SseClient c : clients) {
            try {
                if (c.terminated()) {
                    clients.remove(c);
                } else {
                    c.sendEvent(event, data);
                }
            } catch (RuntimeException e) {
                clients.remove(c); // gone
            }
        }
    }

    /** Ends every stream (a client gone already is passed over). */
    void close() {
        IOUtils.closeAllQuietly(events);
        IOUtils.closeAllQuietly(metrics);
        events.clear();
        metrics.clear();
    }
}
