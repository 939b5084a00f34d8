package dev.streamcast.cli;

import dev.streamcast.job.JobConfig;
import dev.streamcast.job.KafkaOutputConfig;
import dev.streamcast.job.KafkaSourceConfig;

import java.nio.file.Path;

/**
 * The Kafka side of a job file, for the commands that talk to a running job through its topics ({@code serve},
 * {@code serve-load}): its input, its outputs and its forecasts topic, each required with the reason given.
 *
 * @param config    the job file as read
 * @param in        the job's {@code source.kafka}
 * @param out       the job's {@code output.kafka}
 * @param forecasts the name of its forecasts topic
 */
record JobTopics(JobConfig config, KafkaSourceConfig in, KafkaOutputConfig out, String forecasts) {
    /**
     * Reads the job file with its overrides; {@code inputUse} and {@code outputUse} say, in an error, what the
     * command needs the job's input and output topics for.
     */
    static JobTopics of(JobFile file, String inputUse, String outputUse) throws UsageException {
        JobConfig config = file.load();
        Path jobFile = file.path;
        KafkaSourceConfig in = config.source().kafka().orElseThrow(() -> new UsageException(jobFile
                + " has no source.kafka: " + inputUse));
        KafkaOutputConfig out = config.output().kafka().orElseThrow(() -> new UsageException(jobFile
                + " has no output.kafka: " + outputUse));
        String forecasts = KafkaOutputConfig.Topics.of(out.topics().forecasts()).orElseThrow(() ->
                new UsageException(jobFile + " writes no forecasts topic (output.kafka.topics.forecasts: none)"));
        return new JobTopics(config, in, out, forecasts);
    }
}
