package dev.streamcast.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.apache.flink.util.IOUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * chantilly's HTTP API in front of a running job, through its Kafka topics (Javalin on Jetty). {@code POST
 * /api/predict} writes a forecast request with a fresh request id to the job's input topic and answers with the
 * forecast record that returns that id on the forecasts topic ({@link Answers}): 201 when the call has an id (its
 * features are then kept for a later learn by id), 200 otherwise; 504 if no answer comes within the timeout.
 * {@code POST /api/learn} writes the truth as a sales event of the series and day (its features given, or those of
 * the earlier prediction with the call's id, then forgotten) and answers 201 once Kafka has it. The answers come from
 * the job's answers topic (at least once, at once), or without one from its forecasts topic. A malformed call answers 400 in
 * chantilly's message shape ({@link InvalidUsage}). Events are keyed by series, so each series' events keep their
 * order in the topic. {@code POST /api/init} accepts the {@code regression} flavour; a model upload ({@code POST
 * /api/model/<name>}) answers 501 naming the job's own warm-up. {@code GET /api/models}, {@code /api/model/<name>} and {@code /api/metrics} answer from the
 * series snapshots and daily metrics the job has committed ({@link Models}); {@code /api/stream/events} and
 * {@code /api/stream/metrics} stream the job's records live ({@link Streams}).
 */
public final class Gateway implements AutoCloseable {
    /** Predictions with an id whose features are kept for a learn by id (the oldest go first). */
    static final int KEPT_FEATURES = 100_000;

    /**
     * A Kafka cluster and the client properties to use with it (security settings, as in the job file).
     *
     * @param bootstrapServers host:port[,host:port...]
     * @param properties       client properties passed through; the gateway's own settings win
     */
    public record Kafka(String bootstrapServers, Map<String, String> properties) {
        public Kafka {
            properties = Map.copyOf(properties == null ? Map.of() : properties);
        }

        /** The client properties: the given ones, then {@code own} over them. */
        public Properties client(Map<String, String> own) {
            Properties p = new Properties();
            p.putAll(properties);
            p.setProperty("bootstrap.servers", bootstrapServers);
            p.putAll(own);
            return p;
        }

        @Override
        public String toString() {
            return bootstrapServers; // the properties may hold secrets
        }
    }

    /**
     * Where the gateway listens and which job it fronts.
     *
     * @param input            the Kafka cluster of the job's input topic (the gateway writes there)
     * @param output           the Kafka cluster of the job's output topics (the gateway reads there)
     * @param inputTopic       the topic the job reads its events from
     * @param forecastsTopic   the topic the job writes its forecast records to (JSON lines)
     * @param answersTopic     the topic the job writes its answers to requests to ({@code output.kafka.topics
     *                         .answers}), or null: the answers are then read from the forecasts topic
     * @param seriesTopic      the topic of the job's series snapshots, or null if it writes none
     * @param metricsTopic     the topic of the job's daily metrics, or null if it writes none
     * @param host             the address to bind (localhost by default)
     * @param port             the port (0: any free one)
     * @param timeout          how long a prediction waits for its answer, or a write for Kafka's acknowledgement
     */
    public record Settings(Kafka input, Kafka output, String inputTopic, String forecastsTopic, String answersTopic,
                           String seriesTopic, String metricsTopic, String host, int port, Duration timeout) {
    }

    private final Settings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final KafkaProducer<String, String> producer;
    private final Answers answers;
    /** The forecasts topic for the events stream, when the answers come from their own: read from its first client. */
    private TopicReader forecasts;
    private final Models models;
    private final Streams streams = new Streams();
    private final Javalin app;
    private final String ridPrefix = "gw-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, Payloads.Features> predicted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Payloads.Features> eldest) {
            return size() > KEPT_FEATURES;
        }
    };

    private Gateway(Settings settings) {
        this.settings = settings;
        producer = new KafkaProducer<>(settings.input().client(Map.of("acks", "all", "linger.ms", "0",
                "enable.idempotence", "true", "max.block.ms", Long.toString(settings.timeout().toMillis()),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName())));
        Answers a = null;
        try {
            a = settings.answersTopic() == null
                    ? new Answers(settings.output(), settings.forecastsTopic(), json, streams::forecast)
                    : new Answers(settings.output(), settings.answersTopic(), json, record -> { });
            models = new Models(settings.output(), settings.seriesTopic(), settings.metricsTopic(), json,
                    streams::metrics);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            IOUtils.closeQuietly(a);
            throw e;
        }
        answers = a;
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        app.post("/api/predict", this::predict);
        app.post("/api/learn", this::learn);
        app.get("/api/models", this::modelKeys);
        app.get("/api/model/{name}", this::model);
        app.get("/api/metrics", this::metrics);
        app.post("/api/init", this::init);
        app.sse("/api/stream/events", this::addEventsClient);
        app.sse("/api/stream/metrics", streams::addMetricsClient);
        app.post("/api/model", this::upload);
        app.post("/api/model/{name}", this::upload);
        app.exception(InvalidUsage.class, (e, ctx) -> reply(ctx, 400, e.body()));
    }

    /** Starts a gateway: connects to the topics, then listens. */
    public static Gateway start(Settings settings) {
        Gateway g = new Gateway(settings);
        try {
            g.app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    private void predict(Context ctx) throws InvalidUsage {
        Payloads.Call call = Payloads.predict(json, ctx.body());
        if (call.id() != null) {
            synchronized (predicted) {
                predicted.put(call.id(), call.features());
            }
        }
        String rid = ridPrefix + requests.incrementAndGet();
        ObjectNode event = json.createObjectNode().put("id", call.features().series())
                .put("date", call.features().date().toString()).put("rid", rid);
        CompletableFuture<JsonNode> answer = answers.expect(rid);
        int status = call.id() != null ? 201 : 200;
        ctx.future(() -> send(call.features().series(), event)
                .thenCompose(sent -> answer)
                .orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((record, error) -> {
                    answer.cancel(false);
                    if (error != null) {
                        failed(ctx, error, "the job's answer to request " + rid);
                    } else {
                        reply(ctx, status, json.createObjectNode().put("model", call.model())
                                .<ObjectNode>set("prediction", record.get("prediction")).set("forecast", record));
                    }
                    return null;
                }));
    }

    private void learn(Context ctx) throws InvalidUsage {
        Payloads.Call call = Payloads.learn(json, ctx.body());
        Payloads.Features f = call.features();
        if (call.id() != null) {
            Payloads.Features kept;
            synchronized (predicted) {
                kept = predicted.remove(call.id()); // as chantilly: a learned id is forgotten
            }
            if (f == null && kept == null) {
                throw InvalidUsage.message("No information stored for ID '" + call.id() + "'.");
            }
            f = f == null ? kept : f;
        }
        ObjectNode event = json.createObjectNode().put("id", f.series()).put("date", f.date().toString())
                .put("y", call.groundTruth());
        Payloads.Features learned = f;
        ctx.future(() -> send(learned.series(), event)
                .orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((sent, error) -> {
                    if (error != null) {
                        failed(ctx, error, "Kafka's acknowledgement of the event");
                    } else {
                        reply(ctx, 201, Map.of());
                    }
                    return null;
                }));
    }

    private void modelKeys(Context ctx) {
        if (!models.hasSnapshots()) {
            reply(ctx, 404, Map.of("message", "the job writes no series topic: no model keys known"));
        } else {
            reply(ctx, 200, Map.of("models", models.keys()));
        }
    }

    private void model(Context ctx) {
        String name = ctx.pathParam("name");
        models.snapshot(name).ifPresentOrElse(s -> reply(ctx, 200, s), () -> reply(ctx, 404, Map.of("message",
                "no model '" + name + "' known" + (models.hasSnapshots() ? " (no snapshot of it committed yet)"
                        : ": the job writes no series topic"))));
    }

    private void metrics(Context ctx) {
        if (!models.hasMetrics()) {
            reply(ctx, 404, Map.of("message", "the job writes no metrics topic"));
            return;
        }
        JsonNode day = models.latestMetrics().orElse(null);
        reply(ctx, 200, json.createObjectNode().<ObjectNode>set("MAE", day == null ? null : day.get("mae_served"))
                .set("day", day));
    }

    /** chantilly's flavour: streamcast's models are regressors (units sold); the others are refused. */
    private void init(Context ctx) throws InvalidUsage {
        if (!"regression".equals(Payloads.init(json, ctx.body()))) {
            throw InvalidUsage.message("Allowed flavors are 'regression'.");
        }
        reply(ctx, 201, Map.of());
    }

    /** A model upload (a pickle) cannot be used: the job learns its own models, warmed up on history. */
    private void upload(Context ctx) {
        reply(ctx, 501, Map.of("message", "streamcast does not load uploaded models (pickles): the job learns "
                + "its own, one per series. To warm them up, run the job on the history first: a job file with "
                + "source.path (the M5 history) and source.kafka (the live topic) learns the files, then the topic "
                + "(README, Kafka in and out)."));
    }

    /**
     * A client of the events stream. With an answers topic the forecasts topic is read from the first such client
     * on (until then the gateway does not read every forecast the job writes, only the answers).
     */
    private void addEventsClient(io.javalin.http.sse.SseClient client) {
        if (settings.answersTopic() != null) {
            synchronized (this) {
                if (forecasts == null) {
                    forecasts = new TopicReader(settings.output(), settings.forecastsTopic(), TopicReader.Start.NEW,
                            streams::forecast);
                }
            }
        }
        streams.addEventsClient(client);
    }

    /** Writes one event to the input topic, keyed by series; completes when Kafka has it. */
    private CompletableFuture<Void> send(String series, ObjectNode event) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(settings.inputTopic(), series, json.writeValueAsString(event)),
                    (meta, e) -> {
                        if (e != null) {
                            sent.completeExceptionally(e);
                        } else {
                            sent.complete(null);
                        }
                    });
        } catch (RuntimeException | JsonProcessingException e) {
            sent.completeExceptionally(e);
        }
        return sent;
    }

    private void failed(Context ctx, Throwable error, String what) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            reply(ctx, 504, Map.of("message", "no " + what + " within " + settings.timeout().toMillis() + " ms: is "
                    + "the job running and reading " + settings.inputTopic() + "?"));
        } else {
            reply(ctx, 502, Map.of("message", "Kafka failed: " + cause));
        }
    }

    private void reply(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.status(500).result("{\"message\": \"could not write the answer\"}");
        }
    }

    @Override
    public void close() {
        streams.close();
        app.stop();
        synchronized (this) {
            IOUtils.closeAllQuietly(answers, forecasts, models);
        }
        producer.close(Duration.ofSeconds(5));
    }
}
