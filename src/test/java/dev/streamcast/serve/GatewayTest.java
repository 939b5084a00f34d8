package dev.streamcast.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.functions.Horizon;
import dev.streamcast.job.JobTestSupport;
import dev.streamcast.job.KafkaTestBroker;
import dev.streamcast.job.KafkaTestJob;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.SeriesModel;
import dev.streamcast.metrics.Eventually;
import dev.streamcast.records.RawLine;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} in front of a real job (MiniCluster, RocksDB, exactly-once Kafka sinks) on an in-JVM Kafka broker,
 * called with the Java HTTP client as chantilly's clients call it: what the gateway learns the job learns, a
 * prediction answers with the very forecast record the job commits for that request (and the value a model fed the
 * same events gives), a malformed call is a 400 in chantilly's shape, a request nobody answers a 504.
 */
class GatewayTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SERIES = "FOODS_3_090_CA_3";
    static final LocalDate DAY0 = LocalDate.of(2016, 1, 1);
    static final int[] YS = {3, 0, 5, 2, 7, 1, 4, 6, 2, 3};

    static KafkaTestBroker broker;
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private HttpResponse<String> post(Gateway g, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + g.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Gateway.Kafka kafka() {
        return new Gateway.Kafka(broker.bootstrapServers(), Map.of());
    }

    private HttpResponse<String> get(Gateway g, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + g.port() + path))
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void modelsAndMetricsAnswerFromTheCommittedSnapshotsAndDailyMetrics() throws Exception {
        for (String t : List.of("m-in", "m-forecasts", "m-answers", "m-series", "m-metrics")) {
            broker.createTopic(t, 2);
        }
        broker.send("m-series", List.of(
                "{\"key\":\"B_1\",\"date\":\"2016-01-28\",\"n\":28,\"mae_knn\":1.5,\"mae_lm\":1.25,\"chosen\":\"lm\"}",
                "{\"key\":\"A_1\",\"date\":\"2016-01-28\",\"n\":28,\"mae_knn\":0.5,\"mae_lm\":0.75,\"chosen\":\"knn\"}",
                "{\"key\":\"A_1\",\"date\":\"2016-02-25\",\"n\":56,\"mae_knn\":0.5,\"mae_lm\":0.25,\"chosen\":\"lm\"}",
                "{\"key\":\"C_1\",\"date\":\"2016-13-01\"}", "not json")
                .stream().map(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList());
        broker.send("m-metrics", List.of(
                "{\"date\":\"2016-01-02\",\"events\":2,\"mae_knn\":1.0,\"mae_lm\":2.0,\"mae_served\":1.5,\"knn_share\":0.5}",
                "{\"date\":\"2016-01-01\",\"events\":2,\"mae_knn\":3.0,\"mae_lm\":2.0,\"mae_served\":2.5,\"knn_share\":0.5}")
                .stream().map(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList());
        try (Gateway g = Gateway.start(new Gateway.Settings(kafka(), kafka(), "m-in", "m-forecasts", "m-answers",
                "m-series", "m-metrics", "localhost", 0, Duration.ofSeconds(1)))) {
            Eventually.within(Duration.ofMinutes(1), Duration.ofMillis(200), () -> {
                assertThat(JSON.readTree(get(g, "/api/models").body()).get("models").toString())
                        .isEqualTo("[\"A_1\",\"B_1\"]");
                assertThat(JSON.readTree(get(g, "/api/metrics").body()).get("MAE").doubleValue()).isEqualTo(1.5);
            });
            JsonNode a = JSON.readTree(get(g, "/api/model/A_1").body());
            assertThat(a.get("n").longValue()).as("the latest snapshot").isEqualTo(56);
            assertThat(a.get("chosen").textValue()).isEqualTo("lm");
            HttpResponse<String> unknown = get(g, "/api/model/Z_9");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no model 'Z_9' known");

            String learned = "{\"id\":\"A_1\",\"date\":\"2016-02-26\",\"y\":3,\"prediction\":2.5}";
            String answered = "{\"id\":\"A_1\",\"date\":\"2016-02-27\",\"y\":null,\"prediction\":2.5}";
            String day = "{\"date\":\"2016-02-26\",\"events\":1,\"mae_served\":0.5}";
            assertThat(streamed(g, "/api/stream/events", "m-forecasts", List.of(learned, answered), 4))
                    .containsSubsequence("event: learn", "data: " + learned, "event: predict", "data: " + answered);
            assertThat(streamed(g, "/api/stream/metrics", "m-metrics", List.of(day), 2))
                    .containsSubsequence("event: metrics", "data: " + day);
        }
    }

    /**
     * The first {@code lines} non-blank lines of a server-sent event stream, while {@code records} are written to
     * {@code topic} again and again until they come (the stream sends what is written after it connected).
     */
    private List<String> streamed(Gateway g, String path, String topic, List<String> records, int lines)
            throws Exception {
        java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + g.port() + path))
                        .header("Accept", "text/event-stream").build(), // as a browser's EventSource
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> response.join().body().filter(l -> !l.isBlank()).forEach(got::add));
        reader.setDaemon(true);
        reader.start();
        List<String> first = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (got.isEmpty() && System.nanoTime() < deadline) {
            broker.send(topic, records.stream().map(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toList());
            Thread.sleep(300);
        }
        while (first.size() < lines) {
            String l = got.poll(1, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(l).as("line %d of %s", first.size() + 1, path).isNotNull();
            first.add(l);
        }
        response.cancel(true);
        return first;
    }

    /** A 400 whose body is {@code {"message": MESSAGE}}. */
    private static void assertRefused(HttpResponse<String> r, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"message\": " + message + "}"));
    }

    private static String predict(Integer id, LocalDate date) {
        return "{" + (id == null ? "" : "\"id\": " + id + ", ") + "\"model\": \"" + SERIES + "\", \"features\": "
                + "{\"date\": \"" + date + "\", \"id\": \"" + SERIES + "\"}}";
    }

    /**
     * The job writes its answers to an answers topic, at least once and at once: with checkpoints 10 minutes apart
     * every answer comes while the forecasts topic has committed nothing yet; the checkpoint then commits the very
     * same records there.
     */
    @Test
    void predictionsAnswerBeforeAnyCheckpointWithTheForecastsTheJobCommitsAndLearnTeachesTheJob(
            @InjectClusterClient ClusterClient<?> cluster) throws Exception {
        JobClient job = startJob("gw");
        try (Gateway g = gateway("gw")) {
            SeriesModel expected = new SeriesModel(LearnerParams.seed(), KeyMode.SERIES);
            for (int i = 0; i < YS.length; i++) {
                LocalDate d = DAY0.plusDays(i);
                HttpResponse<String> r = post(g, "/api/learn", "{\"model\": \"" + SERIES + "\", \"features\": "
                        + "{\"date\": \"" + d + "\", \"id\": \"" + SERIES + "\"}, \"ground_truth\": " + YS[i] + "}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                expected.observe(SERIES, (int) d.toEpochDay(), YS[i], Horizon.NONE.serving());
            }
            LocalDate next = DAY0.plusDays(YS.length);
            HttpResponse<String> withId = post(g, "/api/predict", predict(1, next));
            assertThat(withId.statusCode()).as(withId.body()).isEqualTo(201);
            JsonNode answer = JSON.readTree(withId.body());
            assertThat(answer.get("model").textValue()).isEqualTo(SERIES);
            double served = expected.forecast((int) next.toEpochDay(), Horizon.NONE.serving()).value();
            assertThat(answer.get("prediction").doubleValue()).isEqualTo(served);
            assertThat(answer.get("forecast").get("n").longValue()).isEqualTo(YS.length);

            // the truth by the prediction's id, then a prediction without id (200) from the model of 11 days
            assertThat(post(g, "/api/learn", "{\"id\": 1, \"model\": \"" + SERIES + "\", \"ground_truth\": 4}")
                    .statusCode()).isEqualTo(201);
            expected.observe(SERIES, (int) next.toEpochDay(), 4, Horizon.NONE.serving());
            LocalDate after = next.plusDays(1);
            HttpResponse<String> noId = post(g, "/api/predict", predict(null, after));
            assertThat(noId.statusCode()).as(noId.body()).isEqualTo(200);
            JsonNode second = JSON.readTree(noId.body());
            assertThat(second.get("prediction").doubleValue())
                    .isEqualTo(expected.forecast((int) after.toEpochDay(), Horizon.NONE.serving()).value());

            // nothing committed yet: the answers came from the answers topic, not one checkpoint later
            assertThat(broker.committedValues("gw-forecasts")).as("no checkpoint yet").isEmpty();
            assertThat(broker.committedValues("gw-answers")).hasSize(2);

            // the job commits the same records, with their request ids, at its next checkpoint
            assertCommitted(cluster, job, "gw", List.of(answer, second));
        } finally {
            job.cancel().get();
        }
    }

    /**
     * The seed's client calls, as its Java equivalent: for real M5 series (the bundled subset) day by day, {@code
     * POST /api/predict {"id": N, "model": KEY, "features": {"date": DAY, "id": KEY}}}, then {@code POST /api/learn
     * {"id": N, "model": KEY, "ground_truth": UNITS}} with the day's real sales. Each answer is the forecast of the
     * model fed the days before (the seed's progressive validation), and the very record the job commits.
     */
    @Test
    void theSeedsCallsOnRealM5SeriesAnswerWithTheForecastsTheJobCommits(
            @InjectClusterClient ClusterClient<?> cluster) throws Exception {
        dev.streamcast.io.M5Calendar calendar = dev.streamcast.io.M5Calendar.load(Path.of("data/m5/calendar.csv"));
        List<String> rows = java.nio.file.Files.readAllLines(Path.of("data/m5/sales_subset.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int firstDay = header.indexOf("d_1762");
        JobClient job = startJob("seed");
        try (Gateway g = gateway("seed")) {
            Map<String, SeriesModel> models = new HashMap<>();
            List<JsonNode> answers = new java.util.ArrayList<>();
            int id = 0;
            for (int d = firstDay; d < firstDay + 14; d++) {
                LocalDate date = calendar.date(dev.streamcast.io.M5Calendar.parseDayName(header.get(d)));
                for (String row : rows.subList(1, 4)) {
                    String[] cells = row.split(",");
                    String key = KeyMode.SERIES.keyOf(cells[0]);
                    int units = Integer.parseInt(cells[d]);
                    HttpResponse<String> p = post(g, "/api/predict", "{\"id\": " + ++id + ", \"model\": \"" + key
                            + "\", \"features\": {\"date\": \"" + date + "\", \"id\": \"" + key + "\"}}");
                    assertThat(p.statusCode()).as(p.body()).isEqualTo(201);
                    JsonNode answer = JSON.readTree(p.body());
                    SeriesModel expected = models.computeIfAbsent(key,
                            k -> new SeriesModel(LearnerParams.seed(), KeyMode.SERIES));
                    assertThat(answer.get("prediction").doubleValue()).as("%s %s", key, date).isEqualTo(
                            expected.forecast((int) date.toEpochDay(), Horizon.NONE.serving()).value());
                    answers.add(answer);
                    HttpResponse<String> l = post(g, "/api/learn", "{\"id\": " + id + ", \"model\": \"" + key
                            + "\", \"ground_truth\": " + units + "}");
                    assertThat(l.statusCode()).as(l.body()).isEqualTo(201);
                    expected.observe(key, (int) date.toEpochDay(), units, Horizon.NONE.serving());
                }
            }
            assertThat(answers.get(answers.size() - 1).get("forecast").get("n").longValue()).isEqualTo(13);
            assertCommitted(cluster, job, "seed", answers);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * {@code serve-load}'s generator against the gateway while its feed keeps the job learning: every planned
     * prediction is sent and answered, and the figures count them (no timing is asserted).
     */
    @Test
    void theLoadGeneratorSendsEveryPlannedPredictionAndCountsTheAnswers() throws Exception {
        JobClient job = startJob("load");
        try (Gateway g = gateway("load")) {
            List<dev.streamcast.bench.ServeLoad.Step> steps = new dev.streamcast.bench.ServeLoad(
                    new dev.streamcast.bench.ServeLoad.Settings(URI.create("http://localhost:" + g.port()),
                            List.of("FOODS_3_090_CA_3", "HOBBIES_1_001_CA_1"), LocalDate.of(2016, 5, 23),
                            List.of(20, 40), Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMinutes(1),
                            new Gateway.Kafka(broker.bootstrapServers(), Map.of()), "load-in", "load-forecasts", 500, 50),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run();
            assertThat(steps).extracting(dev.streamcast.bench.ServeLoad.Step::rate).containsExactly(20, 40);
            for (dev.streamcast.bench.ServeLoad.Step s : steps) {
                assertThat(s.sent()).isEqualTo(s.rate());
                assertThat(s.answered()).as("%s", s).isEqualTo(s.sent());
                assertThat(s.failed()).isZero();
                assertThat(s.p99Ms()).isGreaterThanOrEqualTo(s.p50Ms()).isPositive();
                assertThat(s.learnPerSecond()).isPositive();
                assertThat(s.jobPerSecond()).as("the job wrote the answers and learned the feed").isPositive();
            }
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Starts the test job {@code NAME} (RocksDB, parallelism 2, exactly-once sinks, checkpoints 10 minutes apart)
     * reading {@code NAME-in}, with its answers topic.
     */
    private JobClient startJob(String name) throws Exception {
        broker.createTopic(name + "-in", 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobTestSupport.rocksDbConfig(tmp.resolve(name + "-chk"), "10min"));
        env.setParallelism(2);
        KafkaTestJob.build(env, broker, name + "-in", name, false, (RawLine line) -> line, true);
        return env.executeAsync(name);
    }

    /** A gateway in front of the test job {@code NAME}, answers from its answers topic. */
    private static Gateway gateway(String name) {
        return Gateway.start(new Gateway.Settings(kafka(), kafka(), name + "-in", name + "-forecasts",
                name + "-answers", name + "-series", name + "-metrics", "localhost", 0, Duration.ofMinutes(2)));
    }

    /**
     * Triggers a checkpoint of the job, then: the forecasts topic commits exactly the records the answers carry, one
     * per request id.
     */
    private static void assertCommitted(ClusterClient<?> cluster, JobClient job, String name, List<JsonNode> answers)
            throws Exception {
        cluster.triggerCheckpoint(job.getJobID(), CheckpointType.CONFIGURED).get();
        Map<String, JsonNode> committed = new HashMap<>();
        Eventually.within(Duration.ofMinutes(2), Duration.ofMillis(500), () -> {
            committed.clear();
            for (String v : broker.committedValues(name + "-forecasts")) {
                JsonNode f = JSON.readTree(v);
                if (f.has("rid")) {
                    assertThat(committed.put(f.get("rid").textValue(), f)).as("once: %s", v).isNull();
                }
            }
            assertThat(committed).hasSize(answers.size());
        });
        for (JsonNode a : answers) {
            JsonNode f = a.get("forecast");
            assertThat(committed.get(f.get("rid").textValue())).isEqualTo(f);
        }
    }

    /** chantilly's 400 bodies, exactly: marshmallow's messages per field, or one message. */
    @Test
    void malformedCallsAre400InChantillysShapeAndUnansweredRequests504() throws Exception {
        broker.createTopic("idle-in", 1);
        broker.createTopic("idle-forecasts", 1);
        try (Gateway g = Gateway.start(new Gateway.Settings(kafka(), kafka(), "idle-in", "idle-forecasts", null,
                null, null, "localhost", 0, Duration.ofSeconds(1)))) {
            String f = "\"features\": {\"date\": \"2016-01-01\", \"id\": \"" + SERIES + "\"}";
            Map<String, String> predict = new java.util.LinkedHashMap<>();
            predict.put("{\"id\": 42}", "{\"features\": [\"Missing data for required field.\"]}");
            predict.put("{\"model\": 7, " + f + "}", "{\"model\": [\"Not a valid string.\"]}");
            predict.put("{\"features\": [1], \"id\": null, \"ground_truth\": 1}", "{\"features\": [\"Not a valid "
                    + "mapping type.\"], \"id\": [\"Field may not be null.\"], \"ground_truth\": [\"Unknown field.\"]}");
            predict.put("[1]", "{\"_schema\": [\"Invalid input type.\"]}");
            predict.put("{\"model\": \"" + SERIES + "\", \"features\": {\"date\": \"2016-02-30\"}}",
                    "\"The features' 'date' is not a date YYYY-MM-DD: 2016-02-30.\"");
            predict.put("{\"model\": \"" + SERIES + "\", \"features\": {}}",
                    "\"The features need 'date', the day to forecast: a string YYYY-MM-DD.\"");
            predict.put("{\"features\": {\"date\": \"2016-01-01\"}}",
                    "\"No series given: the features' 'id' or the model key names it.\"");
            for (Map.Entry<String, String> b : predict.entrySet()) {
                assertRefused(post(g, "/api/predict", b.getKey()), b.getValue());
            }
            assertThat(JSON.readTree(post(g, "/api/predict", "{\"model\": ").body()).get("message").textValue())
                    .startsWith("Failed to decode JSON object: ");
            HttpResponse<String> badSeries = post(g, "/api/predict", "{\"model\": \" x\", \"features\": "
                    + "{\"date\": \"2016-01-01\"}}");
            assertThat(badSeries.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(badSeries.body()).get("message").textValue())
                    .startsWith("The series id is not usable: ");

            assertRefused(post(g, "/api/learn", "{" + f + "}"),
                    "{\"ground_truth\": [\"Missing data for required field.\"]}");
            assertRefused(post(g, "/api/learn", "{\"id\": 42, \"ground_truth\": 1}"),
                    "\"No information stored for ID '42'.\"");
            assertRefused(post(g, "/api/learn", "{\"ground_truth\": 1}"),
                    "\"No features are stored and none were provided.\"");
            assertRefused(post(g, "/api/learn", "{" + f + ", \"ground_truth\": -1}"),
                    "\"The ground truth is units sold: a whole number >= 0, got -1.\"");

            assertThat(post(g, "/api/init", "{\"flavor\": \"regression\"}").statusCode()).isEqualTo(201);
            assertRefused(post(g, "/api/init", "{\"flavor\": \"binary\"}"), "\"Allowed flavors are 'regression'.\"");
            assertRefused(post(g, "/api/init", "{}"), "{\"flavor\": [\"Missing data for required field.\"]}");
            HttpResponse<String> upload = post(g, "/api/model/" + SERIES, "\u0080\u0004pickle");
            assertThat(upload.statusCode()).isEqualTo(501);
            assertThat(JSON.readTree(upload.body()).get("message").textValue()).contains("source.path", "source.kafka");
            assertThat(get(g, "/api/models").statusCode()).as("no series topic").isEqualTo(404);
            assertThat(get(g, "/api/metrics").statusCode()).as("no metrics topic").isEqualTo(404);

            HttpResponse<String> unanswered = post(g, "/api/predict", predict(null, DAY0));
            assertThat(unanswered.statusCode()).isEqualTo(504);
            assertThat(JSON.readTree(unanswered.body()).get("message").textValue()).contains("idle-in");
        }
    }
}
