package dev.streamcast.state;

import dev.streamcast.cli.CliRun;
import dev.streamcast.cli.ReplayCommand;
import dev.streamcast.job.FileOutputs;
import dev.streamcast.job.JobConfig;
import dev.streamcast.job.JobTestSupport;
import dev.streamcast.job.KafkaTestBroker;
import dev.streamcast.job.StreamcastJob;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's "Warm up offline, go live": {@code state bootstrap} learns 30 days of the M5 subset's history
 * (d_1762..d_1791) from the wide file in batch; the live job (jobs/kafka-live.yaml: Kafka in, Kafka out, exactly
 * once) starts from that savepoint and learns the next 30 days (d_1792..d_1821) from a topic of the in-JVM broker.
 * Its forecasts are those of the demo job streaming all 60 days from the file.
 */
class WarmUpThenLiveTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();

    @TempDir
    Path tmp;

    @Test
    void liveJobResumedFromTheBootstrapForecastsAsIfItHadStreamedTheHistory() throws Exception {
        Path savepoint = tmp.resolve("warm");
        CliRun bootstrap = CliRun.of("state", "bootstrap", "jobs/demo.yaml", "--out", savepoint.toString(),
                "--set", "source.lastDay=d_1791");
        assertThat(bootstrap.code()).as(bootstrap.toString()).isZero();
        assertThat(bootstrap.out()).contains("keys: 300, events learned: 9,000");

        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            broker.createTopic("live", 2);
            ReplayCommand.Events live = ReplayCommand.read(Path.of("data/m5/sales_subset.csv"),
                    Path.of("data/m5/calendar.csv"), "d_1792", "d_1821", null);
            try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
                ReplayCommand.publish(live, producer, "live", 0, null);
            }
            JobConfig files = JobConfig.load(Path.of("jobs/demo.yaml"), List.of("source.lastDay=d_1821",
                    "output.path=" + tmp.resolve("files"), "runtime.checkpointDir=" + tmp.resolve("chk").toUri()));
            JobConfig liveJob = JobConfig.load(Path.of("jobs/kafka-live.yaml"), List.of(
                    "source.kafka.bootstrapServers=" + broker.bootstrapServers(), "source.kafka.topics=live",
                    "source.kafka.bounded=true", "output.kafka.bootstrapServers=" + broker.bootstrapServers(),
                    "runtime.checkpointDir=" + tmp.resolve("chk").toUri(), "runtime.checkpointInterval=500ms",
                    "runtime.flink.execution.state-recovery.path=" + savepoint.toUri()));
            for (JobConfig job : List.of(files, liveJob)) {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                        StreamcastJob.flinkConfiguration(job));
                StreamcastJob.build(env, job);
                env.execute(job.name());
            }

            String firstLive = LocalDate.of(2011, 1, 29).plusDays(1791).toString(); // d_1792
            List<String> fromFiles = JobTestSupport.committedLines(tmp.resolve("files").resolve(FileOutputs.FORECASTS),
                    false).stream().filter(l -> l.substring(l.indexOf("\"date\":\"") + 8).compareTo(firstLive) >= 0)
                    .toList();
            assertThat(fromFiles).hasSize(300 * 30);
            JobTestSupport.assertSameLines("forecasts", broker.committedValues("forecasts"), fromFiles);
            assertThat(broker.committedValues("late")).isEmpty();
            assertThat(broker.committedValues("dead-letters")).isEmpty();
        }
    }
}
