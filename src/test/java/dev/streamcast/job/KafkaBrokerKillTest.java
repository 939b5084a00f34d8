package dev.streamcast.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.cli.ReplayCommand;
import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker dies mid-stream: a real broker process gets SIGKILL ({@code kill -9}) while the job learns live
 * events from it and writes its outputs to it in exactly-once transactions, then starts again on the same log
 * directory and ports. The committed forecasts ({@code read_committed}) must be complete and each there once: the
 * same as those of an uninterrupted run over the same input.
 */
class KafkaBrokerKillTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SALES = Path.of("data/m5/sales_subset.csv");
    static final Path CALENDAR = Path.of("data/m5/calendar.csv");
    static final int SERIES = 300;
    static final int BACKLOG = SERIES * 10;   // d_1762..d_1771, published before the job starts
    static final int TOTAL = SERIES * 30;     // then d_1772..d_1791, live
    static final Duration WAIT = Duration.ofMinutes(4);

    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();

    @TempDir
    Path tmp;

    @Test
    void killingTheBrokerMidStreamLosesNoCommittedForecastAndDuplicatesNone() throws Exception {
        try (KafkaBrokerProcess process = KafkaBrokerProcess.start(tmp.resolve("kafka"));
             KafkaTestBroker broker = KafkaTestBroker.of(process)) {
            broker.createTopic("sales", 2);
            ReplayCommand.Events backlog = ReplayCommand.read(SALES, CALENDAR, null, "d_1771", null);
            ReplayCommand.Events live = ReplayCommand.read(SALES, CALENDAR, "d_1772", "d_1791", null);
            assertThat(backlog.size() + live.size()).isEqualTo(TOTAL);
            try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
                ReplayCommand.publish(backlog, producer, "sales", 0, null);
            }

            StreamExecutionEnvironment env = environment("killed");
            Tap.READ.set(0);
            KafkaTestJob.build(env, broker, "sales", "killed", false, new Tap());
            JobClient job = env.executeAsync("kafka broker kill");
            await("the job to read the backlog", () -> Tap.READ.get() >= BACKLOG);
            // then live events at 500 per second (12 s), from a producer that outlives the broker's death (it retries)
            CompletableFuture<ReplayCommand.Summary> publishing = CompletableFuture.supplyAsync(() -> {
                try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
                    return ReplayCommand.publish(live, producer, "sales", 500, null);
                } catch (Exception e) {
                    throw new IllegalStateException("publishing the live events failed", e);
                }
            });

            // the kill lands while live events stream through the job: a day of them read, not all
            await("the job to read live events", () -> Tap.READ.get() >= BACKLOG + SERIES);
            long atKill = Tap.READ.get();
            assertThat(process.kill()).as("exit status of kill -9").isEqualTo(137);
            assertThat(atKill).as("events read at the kill").isBetween((long) BACKLOG + 1, (long) TOTAL - 1);
            Thread.sleep(3_000); // the broker stays dead for a while (plus its restart)
            process.restart();

            assertThat(publishing.get(WAIT.toSeconds(), TimeUnit.SECONDS).events()).isEqualTo(live.size());
            awaitCommitted(broker, "killed-forecasts", n -> n >= TOTAL);
            Thread.sleep(3_000); // a few more checkpoints: a forecast committed twice would show now
            job.cancel().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            awaitCancelled(job);

            StreamExecutionEnvironment reference = environment("reference");
            KafkaTestJob.build(reference, broker, "sales", "reference", true, line -> line);
            reference.execute("kafka reference");

            List<String> forecasts = broker.committedValues("killed-forecasts");
            List<String> expected = broker.committedValues("reference-forecasts");
            assertThat(expected).as("the uninterrupted run's forecasts").hasSize(TOTAL);
            Set<String> idAndDate = new HashSet<>();
            for (String f : forecasts) {
                JsonNode n = JSON.readTree(f);
                assertThat(idAndDate.add(n.get("id").asText() + "," + n.get("date").asText()))
                        .as("a forecast committed twice: " + f).isTrue();
            }
            JobTestSupport.assertSameLines("committed forecasts after the broker's kill -9 and restart", forecasts,
                    expected);
        }
    }

    private StreamExecutionEnvironment environment(String name) {
        Configuration conf = JobTestSupport.rocksDbConfig(tmp.resolve("chk-" + name), "500ms");
        // while the broker is away, a restart may fail again: many attempts, a second apart
        conf.setString("restart-strategy.fixed-delay.attempts", "100");
        conf.setString("restart-strategy.fixed-delay.delay", "1s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    /** Counts the records the job reads (all subtasks, every attempt: one MiniCluster JVM). */
    static final class Tap implements MapFunction<RawLine, RawLine> {
        private static final long serialVersionUID = 1L;
        static final AtomicLong READ = new AtomicLong();

        @Override
        public RawLine map(RawLine line) {
            READ.incrementAndGet();
            return line;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT + " (read " + Tap.READ.get() + ")");
            }
            Thread.sleep(20);
        }
    }

    /** Polls the committed records of {@code topic} until their number passes {@code until}; returns it. */
    private static int awaitCommitted(KafkaTestBroker broker, String topic, IntPredicate until) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            int n = broker.committedValues(topic).size();
            if (until.test(n)) {
                return n;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + n + " committed records in " + topic + " after " + WAIT + "; "
                        + broker.ends(topic));
            }
            Thread.sleep(300);
        }
    }

    private static void awaitCancelled(JobClient job) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (job.getJobStatus().get() != JobStatus.CANCELED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the job was not cancelled: " + job.getJobStatus().get());
            }
            Thread.sleep(200);
        }
    }
}
