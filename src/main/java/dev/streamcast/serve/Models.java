package dev.streamcast.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.util.IOUtils;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the job has committed about its models, for {@code GET /api/models}, {@code /api/model/<name>} and
 * {@code /api/metrics}: the latest snapshot of each model key from the series topic ({@code key, date, n, mae_knn,
 * mae_lm, chosen}) and the latest day's record of the metrics topic, both read from the beginning, committed
 * records only ({@link TopicReader.Start#ALL_COMMITTED}). A topic the job does not write is not read: its routes
 * have nothing to say. New metrics records are also read live, uncommitted, for the metrics stream ({@link Streams}).
 */
final class Models implements AutoCloseable {
    private final ObjectMapper json;
    private final Map<String, JsonNode> snapshots = new ConcurrentHashMap<>();
    private final AtomicReference<JsonNode> latestDay = new AtomicReference<>();
    private final TopicReader series;
    private final TopicReader metrics;
    private final TopicReader liveMetrics;

    /** Reads the topics (null: not written by the job); {@code newMetrics} also gets each metrics record read live. */
    Models(Gateway.Kafka kafka, String seriesTopic, String metricsTopic, ObjectMapper json,
           Consumer<String> newMetrics) {
        this.json = json;
        TopicReader s = null;
        TopicReader m = null;
        try {
            s = seriesTopic == null ? null
                    : new TopicReader(kafka, seriesTopic, TopicReader.Start.ALL_COMMITTED, this::onSnapshot);
            m = metricsTopic == null ? null
                    : new TopicReader(kafka, metricsTopic, TopicReader.Start.ALL_COMMITTED, this::onDay);
            liveMetrics = metricsTopic == null ? null
                    : new TopicReader(kafka, metricsTopic, TopicReader.Start.NEW, newMetrics);
        } catch (RuntimeException e) {
            IOUtils.closeAllQuietly(s, m);
            throw e;
        }
        series = s;
        metrics = m;
    }

    boolean hasSnapshots() {
        return series != null;
    }

    boolean hasMetrics() {
        return metrics != null;
    }

    /** The model keys with a snapshot, sorted. */
    List<String> keys() {
        return snapshots.keySet().stream().sorted().toList();
    }

    Optional<JsonNode> snapshot(String key) {
        return Optional.ofNullable(snapshots.get(key));
    }

    /** The metrics record of the latest day committed, if any. */
    Optional<JsonNode> latestMetrics() {
        return Optional.ofNullable(latestDay.get());
    }

    private void onSnapshot(String value) {
        JsonNode s = read(json, value);
        if (s != null && s.hasNonNull("key") && s.hasNonNull("date")) {
            date(s); // a record whose date does not parse is skipped (TopicReader)
            snapshots.merge(s.get("key").asText(), s, (old, now) -> date(now).isBefore(date(old)) ? old : now);
        }
    }

    private void onDay(String value) {
        JsonNode d = read(json, value);
        if (d != null && d.hasNonNull("date")) {
            date(d); // a record whose date does not parse is skipped (TopicReader)
            latestDay.accumulateAndGet(d, (old, now) -> old != null && date(now).isBefore(date(old)) ? old : now);
        }
    }

    private static LocalDate date(JsonNode record) {
        return LocalDate.parse(record.get("date").asText());
    }

    /** A record of the job's topics as a JSON object, or null if {@code value} is none. */
    static JsonNode read(ObjectMapper json, String value) {
        try {
            JsonNode n = json.readTree(value);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null; // not a record of the job
        }
    }

    @Override
    public void close() {
        IOUtils.closeAllQuietly(series, metrics, liveMetrics);
    }
}
