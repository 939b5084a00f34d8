package dev.streamcast.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.streamcast.io.CsvLineParser;
import dev.streamcast.io.EventParser;
import dev.streamcast.io.LineParser;
import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.M5FormatException;
import dev.streamcast.io.M5WideFormat;
import dev.streamcast.io.M5WideLineParser;
import dev.streamcast.io.Reason;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code streamcast replay INPUT --topic TOPIC ...}: publishes M5 data to a Kafka topic as the JSON events the
 * job reads ({@code {"id": "...", "date": "YYYY-MM-DD", "y": 3}}), in date order (all series of a day, then the
 * next day), keyed by series id (so one series stays in one partition, in order), at a chosen rate or as fast as
 * possible, with a progress bar and a summary. Inputs: an M5 wide sales file (with {@code --calendar}, optionally
 * cut to {@code --first-day}..{@code --last-day}) or a long CSV {@code id,date,y} (an empty y is published as a
 * forecast request, without y).
 */
@Command(name = "replay",
        description = {"Publish M5 data to a Kafka topic as JSON events, in date order.",
                "Events {\"id\": \"...\", \"date\": \"YYYY-MM-DD\", \"y\": 3} keyed by series id."})
public final class ReplayCommand extends Subcommand {
    /** Default {@code --bootstrap-servers}. */
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    /** Default {@code --partitions}. */
    public static final int DEFAULT_PARTITIONS = 2;
    private static final long PROGRESS_EVERY_NS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long PLAIN_PROGRESS_EVERY_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int BAR = 30;


    @Parameters(paramLabel = "INPUT", description = {"an M5 wide sales file (needs --calendar; --first-day and "
            + "--last-day cut its days) or a long CSV id,date,y (an empty y is published as a forecast request)"})
    Path input;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "the topic to publish to")
    String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "the brokers (default "
            + DEFAULT_BOOTSTRAP + ")")
    String bootstrapServers = DEFAULT_BOOTSTRAP;

    @Option(names = "--calendar", paramLabel = "calendar.csv", description = "M5's calendar (M5 wide input)")
    Path calendar;

    @Option(names = "--first-day", paramLabel = "d_N", description = "the first day column to publish (M5 wide input)")
    String firstDay;

    @Option(names = "--last-day", paramLabel = "d_N", description = "the last day column to publish (M5 wide input)")
    String lastDay;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", description = "events per second (default 0: as fast as "
            + "possible)")
    double rate;

    @Option(names = "--partitions", paramLabel = "N", converter = BenchCommand.Positive.class,
            description = "partitions "
            + "of the topic if it does not exist yet (default " + DEFAULT_PARTITIONS + ")")
    int partitions = DEFAULT_PARTITIONS;

    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "a Kafka producer property "
            + "(security.protocol, sasl.*, ssl.*, ...)")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws UsageException, IOException {
        if (rate < 0) {
            throw new UsageException("--rate must be 0 (as fast as possible) or more, got " + rate);
        }
        Events events = read(UsageException.readable(input, "input file"), calendar, firstDay, lastDay, cli.err);
        Properties props = producerProperties(bootstrapServers, producerProperties);
        createTopicIfMissing(props, topic, partitions);
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            Summary s = publish(events, producer, topic, rate, quiet ? null : cli.err);
            cli.out.println(s.describe(topic));
        }
        return 0;
    }

    /** The events of the input, in date order (stable: file order within a day). */
    public record Events(List<String> ids, int[] idIndex, int[] days, int[] values, int rejected) {
        public int size() {
            return days.length;
        }

        /**
         * The JSON value of event {@code i}: {@code {"id":"...","date":"YYYY-MM-DD","y":3}}, without y for a
         * request.
         */
        public String json(int i) {
            StringBuilder sb = new StringBuilder(64).append("{\"id\":\"");
            JsonStringEncoder.getInstance().quoteAsString(id(i), sb);
            sb.append("\",\"date\":\"").append(LocalDate.ofEpochDay(days[i])).append('"');
            if (values[i] != SalesEvent.NO_VALUE) {
                sb.append(",\"y\":").append(values[i]);
            }
            return sb.append('}').toString();
        }

        public String id(int i) {
            return ids.get(idIndex[i]);
        }
    }

    /** What a replay did. */
    public record Summary(long events, int series, int firstDay, int lastDay, double seconds, int rejected) {
        public String describe(String topic) {
            return String.format("replay: %,d events (%,d series, %s..%s) to topic '%s' in %.1f s: %,.0f events/s%s",
                    events, series, events == 0 ? "-" : LocalDate.ofEpochDay(firstDay),
                    events == 0 ? "-" : LocalDate.ofEpochDay(lastDay), topic, seconds,
                    events / Math.max(seconds, 1e-9),
                    rejected == 0 ? "" : String.format("; %,d input records rejected (not published)", rejected));
        }
    }

    /**
     * Reads an M5 wide file (its header says so; needs {@code calendar}) or a long CSV into events in date order.
     * Rejected records are counted, the first few reported to {@code warnings}.
     */
    public static Events read(Path input, Path calendar, String firstDay, String lastDay, PrintStream warnings)
            throws UsageException, IOException {
        try (BufferedReader in = CommittedOutputs.open(input)) {
            String header = in.readLine();
            if (header == null) {
                throw new UsageException("input file " + input + " is empty");
            }
            String h = header.strip();
            M5WideFormat wide = null;
            if (h.startsWith(M5WideFormat.ID_COLUMNS.get(0) + "," + M5WideFormat.ID_COLUMNS.get(1))) {
                if (calendar == null) {
                    throw new UsageException(input + " is an M5 wide file: give its --calendar (M5's calendar.csv)");
                }
                try {
                    wide = M5WideFormat.of(header, M5Calendar.load(calendar), firstDay, lastDay);
                } catch (M5FormatException e) {
                    throw new UsageException(input + ": " + e.getMessage());
                }
            } else if (!h.equals(EventParser.CSV_HEADER)) {
                throw new UsageException(input + ":1: expected an M5 wide header (id,item_id,...,d_1,...) or the long "
                        + "CSV header '" + EventParser.CSV_HEADER + "'");
            } else if (firstDay != null || lastDay != null || calendar != null) {
                throw new UsageException("--calendar, --first-day and --last-day apply to M5 wide files only");
            }
            LineParser parser = wide != null ? new M5WideLineParser(wide) : new CsvLineParser();
            Collected events = new Collected(input, warnings);
            String line;
            for (long lineNo = 2; (line = in.readLine()) != null; lineNo++) {
                events.lineNo = lineNo;
                parser.parse(new RawLine(input.toString(), lineNo, line, false), events);
            }
            return events.inDateOrder();
        }
    }

    /** The events of an input in input order, the rejected records counted and the first few reported. */
    private static final class Collected implements LineParser.EventSink {
        private final Path input;
        private final PrintStream warnings;
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private int[] idIndex = new int[1024];
        private int[] days = new int[1024];
        private int[] values = new int[1024];
        private int n;
        private int rejected;
        long lineNo;

        Collected(Path input, PrintStream warnings) {
            this.input = input;
            this.warnings = warnings;
        }

        @Override
        public void event(SalesEvent e) {
            if (n == days.length) {
                idIndex = Arrays.copyOf(idIndex, 2 * n);
                days = Arrays.copyOf(days, 2 * n);
                values = Arrays.copyOf(values, 2 * n);
            }
            idIndex[n] = index.computeIfAbsent(e.id(), id -> {
                ids.add(id);
                return ids.size() - 1;
            });
            days[n] = e.day();
            values[n++] = e.y();
        }

        @Override
        public void reject(Reason reason, String message, String raw) {
            rejected++;
            if (warnings != null && rejected <= 10) {
                warnings.println("replay: skipped " + input + ":" + lineNo + ": " + message + " (" + reason.code() + ")");
            } else if (warnings != null && rejected == 11) {
                warnings.println("replay: more input records skipped; the summary counts them");
            }
        }

        /** The events sorted by day, input order kept within a day (a counting sort: days are few). */
        Events inDateOrder() {
            int first = Integer.MAX_VALUE;
            int last = Integer.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                first = Math.min(first, days[i]);
                last = Math.max(last, days[i]);
            }
            int[] start = new int[n == 0 ? 1 : last - first + 2];
            for (int i = 0; i < n; i++) {
                start[days[i] - first + 1]++;
            }
            Arrays.parallelPrefix(start, Integer::sum);
            int[] sortedId = new int[n];
            int[] sortedDay = new int[n];
            int[] sortedValue = new int[n];
            for (int i = 0; i < n; i++) {
                int k = start[days[i] - first]++;
                sortedId[k] = idIndex[i];
                sortedDay[k] = days[i];
                sortedValue[k] = values[i];
            }
            return new Events(ids, sortedId, sortedDay, sortedValue, rejected);
        }
    }

    /** Producer properties: batched, durable and idempotent (Kafka's defaults); {@code extra} on top. */
    public static Properties producerProperties(String bootstrapServers, Map<String, String> extra) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putAll(extra);
        return p;
    }

    /** Creates {@code topic} with {@code partitions} partitions (replication factor 1) unless it exists. */
    public static void createTopicIfMissing(Properties clientProperties, String topic, int partitions)
            throws IOException {
        Properties admin = new Properties();
        admin.putAll(clientProperties);
        admin.keySet().retainAll(AdminClientConfig.configNames()); // the producer's own keys are not the admin's
        admin.putIfAbsent("default.api.timeout.ms", "30000");
        Admin a = Admin.create(admin);
        try {
            if (a.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            a.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IOException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no answer from the brokers at "
                    + clientProperties.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + " within 30 s");
        } finally {
            a.close(java.time.Duration.ofSeconds(2)); // not waiting for calls that will never be answered
        }
    }

    /**
     * Publishes {@code events} in order, at {@code rate} events per second (0: as fast as possible), drawing a
     * progress bar on {@code progress} (null: none); waits until every record is acknowledged.
     *
     * @throws IOException if a record could not be written
     */
    public static Summary publish(Events events, Producer<byte[], byte[]> producer, String topic, double rate,
                                  PrintStream progress) throws IOException {
        int n = events.size();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        boolean terminal = System.console() != null;
        long start = System.nanoTime();
        long lastProgress = start;
        for (int i = 0; i < n; i++) {
            if (rate > 0) { // until event i is due (parkNanos returns at once if it is)
                LockSupport.parkNanos(start + (long) (i * 1e9 / rate) - System.nanoTime());
            }
            producer.send(new ProducerRecord<>(topic, events.id(i).getBytes(StandardCharsets.UTF_8),
                    events.json(i).getBytes(StandardCharsets.UTF_8)), (meta, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, error);
                        }
                    });
            long now = System.nanoTime();
            if (progress != null && now - lastProgress >= (terminal ? PROGRESS_EVERY_NS : PLAIN_PROGRESS_EVERY_NS)) {
                lastProgress = now;
                progress.print(progressLine(i + 1, n, (now - start) / 1e9, events.days()[i]) + (terminal ? "\r" : "\n"));
                progress.flush();
            }
            if (failed.get() > 0) {
                break;
            }
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (progress != null) {
            progress.println(progressLine(n, n, seconds, n == 0 ? 0 : events.days()[n - 1]));
        }
        if (failed.get() > 0) {
            throw new IOException(failed.get() + " records could not be written to " + topic + ": "
                    + firstError.get());
        }
        return new Summary(n, events.ids().size(), n == 0 ? 0 : events.days()[0], n == 0 ? 0 : events.days()[n - 1],
                seconds, events.rejected());
    }

    static String progressLine(long done, long total, double seconds, int day) {
        double f = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(f * BAR);
        return String.format("replay: [%s%s] %3.0f%% %,d/%,d events, %,.0f events/s, day %s", "#".repeat(filled),
                "-".repeat(BAR - filled), f * 100, done, total, done / Math.max(seconds, 1e-9),
                total == 0 ? "-" : LocalDate.ofEpochDay(day));
    }
}
