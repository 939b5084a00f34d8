package dev.streamcast.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The job's answers: the forecast records written to the answers topic (or, without one, the forecasts topic) from
 * the gateway's start on complete the waiting request whose request id they carry. They are read as soon as they
 * are written ({@link TopicReader.Start#NEW}, {@code read_uncommitted}): the answers topic is written at least once,
 * outside transactions, and on the forecasts topic an answer would otherwise wait for the next checkpoint, while a
 * request changes no model, so its answer may be used at once. An answer written again after the job's recovery
 * (the request replayed, or an aborted transaction) has the same id; the second copy finds nobody waiting and is
 * dropped, as is any record without a request id or of another gateway.
 */
final class Answers implements AutoCloseable {
    private final ObjectMapper json;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final TopicReader reader;

    /** Reads {@code topic}; {@code each} also gets every record (the events stream). */
    Answers(Gateway.Kafka kafka, String topic, ObjectMapper json, Consumer<String> each) {
        this.json = json;
        reader = new TopicReader(kafka, topic, TopicReader.Start.NEW, value -> {
            each.accept(value);
            answer(value);
        });
    }

    /** The answer to the request {@code rid}, once it comes; register before sending the request. */
    CompletableFuture<JsonNode> expect(String rid) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiting.put(rid, f);
        f.whenComplete((r, e) -> waiting.remove(rid, f)); // also on a timeout: nothing is kept
        return f;
    }

    private void answer(String value) {
        if (!value.contains("\"rid\"")) {
            return; // forecasts of observations and requests without id: the bulk, not parsed
        }
        JsonNode record = Models.read(json, value); // null: not a forecast record of the job, nobody waits for it
        JsonNode rid = record == null ? null : record.get("rid");
        CompletableFuture<JsonNode> f = rid == null ? null : waiting.remove(rid.asText());
        if (f != null) {
            f.complete(record);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
