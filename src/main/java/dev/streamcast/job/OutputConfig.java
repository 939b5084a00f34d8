package dev.streamcast.job;

import dev.streamcast.io.OutputFormat;

import java.util.Optional;

import static dev.streamcast.job.JobConfig.absentIfNull;
import static dev.streamcast.job.JobConfig.require;

/**
 * Where results go ({@code output:} in a job file): files below {@link #path} ({@code forecasts/},
 * {@code metrics/}, {@code series/}, {@code dead-letters/} and {@code late/}), Kafka topics, or both.
 *
 * @param path   the output directory (default {@code out/<name>})
 * @param format the format of the files written (default {@code jsonl})
 * @param print  also print forecasts to stdout, for demos (default false)
 * @param files  write the output files (default true, false when {@code kafka} is given)
 * @param kafka  also (or instead) write the outputs to Kafka topics
 */
public record OutputConfig(String path, OutputFormat format, boolean print, Boolean files,
                           Optional<KafkaOutputConfig> kafka) {

    /** Applies the defaults and validates. */
    public OutputConfig {
        require(path != null && !path.isBlank(), "path must not be empty");
        format = format == null ? OutputFormat.JSONL : format;
        kafka = absentIfNull(kafka);
        files = files == null ? kafka.isEmpty() : files;
        require(files || kafka.isPresent(), "files is false and there is no kafka: the job would write nothing");
    }
}
