package dev.streamcast.bench;

import dev.streamcast.io.SyntheticSales;
import dev.streamcast.records.SalesEvent;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded, open-loop load of chantilly's {@code POST /api/predict} calls against {@code streamcast serve}, while
 * the job learns: for each rate, requests are sent at fixed times (request {@code i} at {@code start + i / rate}),
 * whether or not earlier ones were answered, and each latency runs from that planned time to the answer (so a slow
 * answer cannot hide the requests queued behind it: no coordinated omission). Beside it, a feed writes synthetic
 * M5-shaped observations ({@link SyntheticSales}, day by day, series of the run's own) to the job's input topic at a fixed rate, and the
 * job's output rate is read from the forecasts topic's end offsets (records written, committed or not). The Java
 * HTTP client (HTTP/1.1, kept-alive connections) sends, at most {@link #MAX_IN_FLIGHT} requests at a time;
 * HdrHistogram records.
 */
public final class ServeLoad {
    /**
     * Requests without answer at most; a planned request beyond is not sent, and counts as failed (the generator
     * stays bounded when the gateway or the job stalls).
     */
    static final int MAX_IN_FLIGHT = 2_000;
    /** Latencies are recorded in microseconds, up to this. */
    private static final long MAX_LATENCY_US = TimeUnit.MINUTES.toMicros(5);

    /**
     * What to load.
     *
     * @param gateway        the gateway's base address, e.g. {@code http://localhost:5000}
     * @param keys           the model keys to predict for, in turn
     * @param date           the day each prediction is for
     * @param rates          predictions per second, one step each
     * @param duration       how long each step sends
     * @param warmUp         a first, unrecorded step at the first rate
     * @param timeout        how long one call may take
     * @param bootstrap      the brokers of the job's topics
     * @param properties     Kafka client properties (security), or empty
     * @param inputTopic     the job's input topic (the learning feed goes there)
     * @param forecastsTopic the job's forecasts topic (its output rate)
     * @param learnRate      observations per second written to the input topic while loading (0: none)
     * @param learnSeries    how many synthetic series the feed cycles through
     */
    public record Settings(URI gateway, List<String> keys, LocalDate date, List<Integer> rates, Duration duration,
                           Duration warmUp, Duration timeout, String bootstrap, Map<String, String> properties,
                           String inputTopic, String forecastsTopic, int learnRate, int learnSeries) {
        public Settings {
            keys = List.copyOf(keys);
            rates = List.copyOf(rates);
            properties = Map.copyOf(properties);
        }
    }

    /**
     * One rate's figures.
     *
     * @param rate           predictions per second planned
     * @param sent           predictions sent
     * @param answered       answered 200 or 201
     * @param failed         any other status, or no answer within the timeout ({@code sent - answered})
     * @param failures       why, the most frequent first: an HTTP status or an exception's class, and how often
     * @param p50Ms          median latency of the answered ones, ms
     * @param p90Ms          90th percentile, ms
     * @param p99Ms          99th percentile, ms
     * @param maxMs          the largest, ms
     * @param learnPerSecond observations the feed wrote per second during the step
     * @param jobPerSecond   forecast records the job wrote per second during the step (observations learned and
     *                       requests answered)
     * @param loadAverage    the machine's 1-minute load average at the end of the step
     */
    public record Step(int rate, long sent, long answered, long failed, String failures, double p50Ms, double p90Ms, double p99Ms,
                       double maxMs, double learnPerSecond, double jobPerSecond, String loadAverage) {
    }

    private final Settings s;
    private final HttpClient http;
    private final PrintStream out;

    public ServeLoad(Settings settings, PrintStream progress) {
        this.s = settings;
        this.out = progress;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
    }

    /** Runs the warm-up, then every step; the learning feed runs throughout. */
    public List<Step> run() throws Exception {
        List<Step> steps = new ArrayList<>();
        try (Feed feed = new Feed(); Admin admin = Admin.create(client(Map.of()))) {
            if (s.learnRate() > 0) {
                feed.start();
            }
            if (!s.warmUp().isZero()) {
                out.printf("serve-load: warming up at %d/s for %s%n", s.rates().get(0), s.warmUp());
                load(s.rates().get(0), s.warmUp(), new Recorder(MAX_LATENCY_US, 3), new ConcurrentHashMap<>());
            }
            for (int rate : s.rates()) {
                Recorder latencies = new Recorder(MAX_LATENCY_US, 3);
                Map<String, LongAdder> failures = new ConcurrentHashMap<>();
                long fedBefore = feed.sent.get();
                long outBefore = endOffsets(admin);
                long t0 = System.nanoTime();
                long sent = load(rate, s.duration(), latencies, failures);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Histogram h = latencies.getIntervalHistogram();
                Step step = new Step(rate, sent, h.getTotalCount(), sent - h.getTotalCount(), reasons(failures,
                        sent - h.getTotalCount()), ms(h, 50), ms(h, 90), ms(h, 99),
                        h.getMaxValue() / 1000.0, (feed.sent.get() - fedBefore) / seconds,
                        (endOffsets(admin) - outBefore) / seconds, loadAverage());
                out.printf("serve-load: %,d/s: %,d sent, %,d answered, %,d failed%s; p50 %.1f ms, p90 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms; learning feed %,.0f events/s, job %,.0f records/s; load %s%n",
                        step.rate(), step.sent(), step.answered(), step.failed(), step.failures(), step.p50Ms(), step.p90Ms(),
                        step.p99Ms(), step.maxMs(), step.learnPerSecond(), step.jobPerSecond(), step.loadAverage());
                steps.add(step);
            }
        }
        return steps;
    }

    /** Sends {@code rate} predictions per second for {@code duration}; returns once all are answered or late. */
    private long load(int rate, Duration duration, Recorder latencies, Map<String, LongAdder> failures)
            throws InterruptedException {
        long n = Math.max(1, rate * duration.toMillis() / 1000);
        long period = 1_000_000_000L / rate;
        AtomicLong pending = new AtomicLong();
        long start = System.nanoTime() + 1_000_000;
        for (long i = 0; i < n; i++) {
            long planned = start + i * period;
            long wait;
            while ((wait = planned - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String key = s.keys().get((int) (i % s.keys().size()));
            HttpRequest request = HttpRequest.newBuilder(s.gateway().resolve("/api/predict"))
                    .header("Content-Type", "application/json").timeout(s.timeout())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\": " + i + ", \"model\": \"" + key
                            + "\", \"features\": {\"date\": \"" + s.date() + "\", \"id\": \"" + key + "\"}}"))
                    .build();
            if (pending.get() >= MAX_IN_FLIGHT) {
                failures.computeIfAbsent("not sent: " + MAX_IN_FLIGHT + " in flight", k -> new LongAdder())
                        .increment();
                continue;
            }
            pending.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                long took = System.nanoTime() - planned;
                if (e == null && (r.statusCode() == 200 || r.statusCode() == 201)) {
                    latencies.recordValue(Math.min(MAX_LATENCY_US, took / 1000));
                } else {
                    Throwable cause = e != null && e.getCause() != null ? e.getCause() : e;
                    failures.computeIfAbsent(e == null ? "HTTP " + r.statusCode() : cause.getClass().getSimpleName(),
                            k -> new LongAdder()).increment();
                }
                pending.decrementAndGet();
            });
        }
        long deadline = System.nanoTime() + s.timeout().toNanos() + 1_000_000_000L;
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return n;
    }

    /** " (HTTP 504: 12, ...)", the most frequent first, those without answer yet included; "" if none failed. */
    private static String reasons(Map<String, LongAdder> failures, long failed) {
        Map<String, Long> counts = new HashMap<>();
        failures.forEach((k, v) -> counts.put(k, v.sum()));
        long unanswered = failed - counts.values().stream().mapToLong(Long::longValue).sum();
        if (unanswered > 0) {
            counts.put("no answer in time", unanswered);
        }
        return counts.isEmpty() ? "" : counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(c -> c.getKey() + ": " + c.getValue())
                .collect(java.util.stream.Collectors.joining(", ", " (", ")"));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The sum of the forecasts topic's end offsets (records written, committed or not, and markers). */
    private long endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(s.forecastsTopic())).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(s.forecastsTopic()).partitions()
                .forEach(p -> latest.put(new TopicPartition(s.forecastsTopic(), p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(o -> o.offset()).sum();
    }

    private static String loadAverage() {
        double load = JobBenchmark.loadAverage();
        return load < 0 ? "?" : String.format(Locale.ROOT, "%.2f", load);
    }

    private Properties client(Map<String, String> own) {
        Properties p = new Properties();
        p.putAll(s.properties());
        p.setProperty("bootstrap.servers", s.bootstrap());
        p.putAll(own);
        return p;
    }

    /**
     * Synthetic observations to the input topic at the learning rate, in batches every 10 ms. Each run's series are
     * its own ({@code load-<run>-FOODS_3_001_CA_1_evaluation}, ...), so a second run against the same job learns new
     * series from their first day instead of sending late events.
     */
    private final class Feed implements AutoCloseable {
        final AtomicLong sent = new AtomicLong();
        private volatile boolean stop;
        private Thread thread;

        void start() {
            thread = new Thread(this::run, "serve-load-feed");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            SyntheticSales sales = new SyntheticSales(s.learnSeries(), 1);
            String run = "load-" + Long.toString(System.currentTimeMillis(), 36) + "-";
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(client(Map.of("linger.ms", "5",
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName())))) {
                long start = System.nanoTime();
                long i = 0;
                while (!stop) {
                    long due = (System.nanoTime() - start) * s.learnRate() / 1_000_000_000L;
                    for (; i < due; i++) {
                        SalesEvent e = sales.map(i);
                        String id = run + e.id();
                        producer.send(new ProducerRecord<>(s.inputTopic(), id, "{\"id\":\"" + id
                                + "\",\"date\":\"" + e.date() + "\",\"y\":" + e.y() + "}"));
                        sent.incrementAndGet();
                    }
                    LockSupport.parkNanos(10_000_000L);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            if (thread != null) {
                thread.join(10_000);
            }
        }
    }
}
