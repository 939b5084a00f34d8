package dev.streamcast.bench;

import dev.streamcast.io.SyntheticSales;
import dev.streamcast.records.SalesEvent;
import dev.streamcast.serve.Gateway;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.flink.util.IOUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A bounded, open-loop load of chantilly's {@code POST /api/predict} calls against {@code streamcast serve}, while
 * the job learns: for each rate, requests are sent at fixed times (request {@code i} at {@code start + i / rate}),
 * whether or not earlier ones were answered, and each latency runs from that planned time to the answer (so a slow
 * answer cannot hide the requests queued behind it: no coordinated omission). Beside it, a feed writes synthetic
 * M5-shaped observations ({@link SyntheticSales}, day by day, series of the run's own) to the job's input topic at a fixed rate, and the
 * job's output rate is read from the forecasts topic's end offsets (records written, committed or not). Requests go
 * over {@link #CONNECTIONS} kept-alive HTTP/1.1 connections, plain sockets each with a thread of its own (a request
 * planned while all are busy waits for one, its wait counted in its latency), at most {@link #MAX_IN_FLIGHT} planned
 * and unanswered; HdrHistogram records. Plain sockets because the generator shares the machine with what it
 * measures: Java's HTTP client took more CPU than the gateway it loaded (59 % of a core at 500/s with the feed, the
 * gateway 25 %).
 */
public final class ServeLoad {
    /**
     * Requests without answer at most; a planned request beyond is not sent, and counts as failed (the generator
     * stays bounded when the gateway or the job stalls).
     */
    static final int MAX_IN_FLIGHT = 2_000;
    /** Kept-alive connections to the gateway (at 20 ms an answer, room for 3,200 requests/s). */
    static final int CONNECTIONS = 64;
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
     * @param kafka          the brokers of the job's topics and the client properties (security)
     * @param inputTopic     the job's input topic (the learning feed goes there)
     * @param forecastsTopic the job's forecasts topic (its output rate)
     * @param learnRate      observations per second written to the input topic while loading (0: none)
     * @param learnSeries    how many synthetic series the feed cycles through
     */
    public record Settings(URI gateway, List<String> keys, LocalDate date, List<Integer> rates, Duration duration,
                           Duration warmUp, Duration timeout, Gateway.Kafka kafka, String inputTopic,
                           String forecastsTopic, int learnRate, int learnSeries) {
        public Settings {
            keys = List.copyOf(keys);
            rates = List.copyOf(rates);
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
    private final PrintStream out;

    public ServeLoad(Settings settings, PrintStream progress) {
        this.s = settings;
        this.out = progress;
    }

    /** Runs the warm-up, then every step; the learning feed runs throughout. */
    public List<Step> run() throws Exception {
        List<Step> steps = new ArrayList<>();
        try (Feed feed = new Feed(); Admin admin = Admin.create(s.kafka().client(Map.of()))) {
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
        try (Connections connections = new Connections(latencies, failures)) {
            long start = System.nanoTime() + 1_000_000;
            for (long i = 0; i < n; i++) {
                long planned = start + i * period;
                long wait;
                while ((wait = planned - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                String key = s.keys().get((int) (i % s.keys().size()));
                if (!connections.send(planned, "{\"id\": " + i + ", \"model\": \"" + key
                        + "\", \"features\": {\"date\": \"" + s.date() + "\", \"id\": \"" + key + "\"}}")) {
                    failures.computeIfAbsent("not sent: " + MAX_IN_FLIGHT + " in flight", k -> new LongAdder())
                            .increment();
                }
            }
            connections.awaitAnswers(System.nanoTime() + s.timeout().toNanos() + 1_000_000_000L);
        }
        return n;
    }

    /** A planned request: its planned send time and its HTTP bytes. */
    private record Planned(long planned, byte[] request) {
    }

    /**
     * {@link #CONNECTIONS} threads, each with its kept-alive socket to the gateway, taking planned requests from one
     * queue: write the request, read the answer, record. A connection that fails or times out is closed and opened
     * again for the next request.
     */
    private final class Connections implements AutoCloseable {
        private final BlockingQueue<Planned> queue = new LinkedBlockingQueue<>();
        private final AtomicLong pending = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private final Recorder latencies;
        private final Map<String, LongAdder> failures;
        private final String host = s.gateway().getHost();
        private final int port = s.gateway().getPort() < 0 ? 80 : s.gateway().getPort();
        private final String head = "POST " + s.gateway().resolve("/api/predict").getRawPath() + " HTTP/1.1\r\nHost: "
                + host + ":" + port + "\r\nContent-Type: application/json\r\nContent-Length: ";

        Connections(Recorder latencies, Map<String, LongAdder> failures) {
            this.latencies = latencies;
            this.failures = failures;
            for (int c = 0; c < CONNECTIONS; c++) {
                Thread t = new Thread(this::work, "serve-load-" + c);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        /** Queues {@code body} as planned at {@code planned}; false if {@link #MAX_IN_FLIGHT} are unanswered. */
        boolean send(long planned, String body) {
            if (pending.get() >= MAX_IN_FLIGHT) {
                return false;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            pending.incrementAndGet();
            queue.add(new Planned(planned, (head + b.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8)));
            return true;
        }

        void awaitAnswers(long deadline) throws InterruptedException {
            while (pending.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        private void work() {
            Socket socket = null;
            InputStream in = null;
            OutputStream os = null;
            try {
                while (true) {
                    Planned p = queue.take();
                    try {
                        if (socket == null) {
                            socket = new Socket();
                            socket.setTcpNoDelay(true);
                            socket.setSoTimeout((int) s.timeout().toMillis());
                            socket.connect(new InetSocketAddress(host, port), (int) s.timeout().toMillis());
                            in = new BufferedInputStream(socket.getInputStream(), 8192);
                            os = socket.getOutputStream();
                        }
                        os.write(p.request());
                        os.flush();
                        Response r = readResponse(in);
                        long took = System.nanoTime() - p.planned();
                        if (r.status() == 200 || r.status() == 201) {
                            latencies.recordValue(Math.min(MAX_LATENCY_US, took / 1000));
                        } else {
                            failures.computeIfAbsent("HTTP " + r.status(), k -> new LongAdder()).increment();
                        }
                        if (r.close()) {
                            IOUtils.closeQuietly(socket);
                            socket = null;
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                        IOUtils.closeQuietly(socket);
                        socket = null;
                    } finally {
                        pending.decrementAndGet();
                    }
                }
            } catch (InterruptedException stop) {
                IOUtils.closeQuietly(socket);
            }
        }

        @Override
        public void close() {
            threads.forEach(Thread::interrupt);
        }
    }

    /** An HTTP response's status, and whether the server closes the connection after it. */
    record Response(int status, boolean close) {
    }

    /**
     * Reads one HTTP/1.1 response from {@code in}: its status line, headers, and its body by {@code Content-Length}
     * or chunked, skipped. {@link IOException} if the stream ends or is not HTTP.
     */
    static Response readResponse(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + status);
        }
        long length = 0;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            String name = colon < 0 ? h : h.substring(0, colon).trim();
            String value = colon < 0 ? "" : h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        if (!chunked) {
            skip(in, length);
        } else {
            for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                skip(in, size);
                line(in); // the CRLF after the chunk
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        }
        return new Response(Integer.parseInt(status.substring(9, 12)), close);
    }

    private static long chunkSize(String line) {
        int ext = line.indexOf(';');
        return Long.parseLong((ext < 0 ? line : line.substring(0, ext)).trim(), 16);
    }

    /** One line without its CRLF (or LF). */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed in an answer");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static void skip(InputStream in, long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new IOException("the connection closed in an answer's body", e);
        }
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
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The sum of the forecasts topic's end offsets (records written, committed or not, and markers). */
    private long endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(s.forecastsTopic())).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(s.forecastsTopic()).partitions().stream().collect(Collectors.toMap(
                        p -> new TopicPartition(s.forecastsTopic(), p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(o -> o.offset()).sum();
    }

    private static String loadAverage() {
        double load = JobBenchmark.loadAverage();
        return load < 0 ? "?" : String.format(Locale.ROOT, "%.2f", load);
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
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(s.kafka().client(Map.of("linger.ms", "5",
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
