package dev.streamcast.job;

import dev.streamcast.cli.ReplayCommand;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfill, then live: 30 days of the M5 subset's history (d_1762..d_1791) from the wide file, the next 30
 * (d_1792..d_1821) published to a topic by the replay tool; one job reads the file, then switches to the topic (a
 * {@code HybridSource}) and writes to Kafka. Its forecasts, metrics and series snapshots equal those of a job that
 * reads everything from the file.
 */
class BackfillThenLiveTest {
    static final int SERIES = 300;
    static final int DAYS = 60;

    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();

    @TempDir
    Path tmp;

    @Test
    void forecastsEqualAnAllFilesRun() throws Exception {
        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            broker.createTopic("live", 2);
            ReplayCommand.Events live = ReplayCommand.read(Path.of("data/m5/sales_subset.csv"),
                    Path.of("data/m5/calendar.csv"), "d_1792", "d_1821", null);
            assertThat(live.size()).isEqualTo(SERIES * 30);
            try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
                ReplayCommand.publish(live, producer, "live", 0, null);
            }

            JobConfig files = JobConfig.load(Path.of("jobs/demo.yaml"), List.of("source.lastDay=d_1821",
                    "output.path=" + tmp.resolve("files"),
                    "runtime.checkpointDir=" + tmp.resolve("chk").toUri(), "runtime.checkpointInterval=500ms"));
            JobConfig hybrid = JobConfig.load(Path.of("jobs/m5-backfill-then-kafka.yaml"), List.of(
                    "source.lastDay=d_1791", "source.kafka.bootstrapServers=" + broker.bootstrapServers(),
                    "source.kafka.topics=live", "source.kafka.bounded=true",
                    "output.kafka.bootstrapServers=" + broker.bootstrapServers(),
                    "runtime.checkpointDir=" + tmp.resolve("chk").toUri(), "runtime.checkpointInterval=500ms"));
            for (JobConfig job : List.of(files, hybrid)) {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                        StreamcastJob.flinkConfiguration(job));
                StreamcastJob.build(env, job);
                env.execute(job.name());
            }

            List<String> fromFiles = JobTestSupport.committedLines(tmp.resolve("files").resolve(FileOutputs.FORECASTS),
                    false);
            List<String> fromHybrid = broker.committedValues("forecasts");
            assertThat(fromFiles).hasSize(SERIES * DAYS);
            assertThat(broker.committedValues("late")).as("no history arrived after live events").isEmpty();
            JobTestSupport.assertSameLines("forecasts", fromHybrid, fromFiles);
            JobTestSupport.assertSameLines("metrics", broker.committedValues("metrics"),
                    JobTestSupport.committedLines(tmp.resolve("files").resolve(FileOutputs.METRICS), false));
            JobTestSupport.assertSameLines("series", broker.committedValues("series"),
                    JobTestSupport.committedLines(tmp.resolve("files").resolve(FileOutputs.SERIES), false));
            assertThat(broker.committedValues("dead-letters")).isEmpty();
        }
    }
}
