package dev.streamcast.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small client of Flink's REST API (the one behind the web UI) for tests: job vertices and their metrics,
 * as the web UI reads them. Every request has a timeout; a non-200 answer is an error naming the URL.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(URI base) {
        this.base = base;
    }

    /** GET of a path below the REST root, e.g. {@code /jobs/ID}, as text. */
    public String text(String path) {
        URI uri = base.resolve(path);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + uri, e);
        }
    }

    public JsonNode json(String path) {
        try {
            return JSON.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the JSON of " + path, e);
        }
    }

    /**
     * The id of the job's vertex (chain of operators) whose name contains {@code operator}; waits up to
     * {@code patience} for the job to have its vertices (a job just submitted is still initializing).
     */
    public String vertexId(String jobId, String operator, Duration patience) throws Exception {
        String[] id = new String[1];
        Eventually.within(patience, Duration.ofMillis(100), () -> {
            for (JsonNode v : json("/jobs/" + jobId).get("vertices")) {
                if (v.get("name").asText().contains(operator)) {
                    id[0] = v.get("id").asText();
                    return;
                }
            }
            throw new AssertionError("job " + jobId + " has no vertex with operator '" + operator + "'");
        });
        return id[0];
    }

    /**
     * Metrics of a vertex aggregated over its subtasks with {@code agg} (sum, min, max, avg): metric id →
     * value; a metric not (yet) reported is absent.
     */
    public Map<String, Double> aggregated(String jobId, String vertexId, Collection<String> metricIds, String agg) {
        Map<String, Double> values = new LinkedHashMap<>();
        JsonNode answer = json("/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics?get="
                + URLEncoder.encode(String.join(",", metricIds), StandardCharsets.UTF_8) + "&agg=" + agg);
        for (JsonNode m : answer) {
            if (m.has(agg)) {
                values.put(m.get("id").asText(), m.get(agg).asDouble());
            }
        }
        return values;
    }

    /** Metrics of one subtask of a vertex: metric id (without the subtask prefix) → value as reported. */
    public Map<String, String> ofSubtask(String jobId, String vertexId, int subtask, Collection<String> metricIds) {
        Map<String, String> values = new LinkedHashMap<>();
        String prefix = subtask + ".";
        JsonNode answer = json("/jobs/" + jobId + "/vertices/" + vertexId + "/metrics?get="
                + URLEncoder.encode(metricIds.stream().map(id -> prefix + id)
                .collect(Collectors.joining(",")), StandardCharsets.UTF_8));
        for (JsonNode m : answer) {
            values.put(m.get("id").asText().substring(prefix.length()), m.get("value").asText());
        }
        return values;
    }
}
