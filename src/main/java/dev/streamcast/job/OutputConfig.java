package dev.streamcast.job;

import dev.streamcast.io.OutputFormat;

import java.util.Objects;
import java.util.Optional;

/**
 * Where results go ({@code output:} in a job file): files below {@link #path} ({@code forecasts/},
 * {@code metrics/}, {@code series/}, {@code dead-letters/} and {@code late/}), Kafka topics, or both.
 *
 * @param path   the output directory ({@code output.path}; default {@code out/<name>})
 * @param format the format of the files written ({@code output.format}; default {@code jsonl})
 * @param print  also print forecasts to stdout, for demos ({@code output.print}; default false)
 * @param files  write the output files ({@code output.files}; default true, false when {@code output.kafka} is
 *               given)
 * @param kafka  also (or instead) write the outputs to Kafka topics ({@code output.kafka})
 */
public record OutputConfig(String path, OutputFormat format, boolean print, boolean files,
                           Optional<KafkaOutputConfig> kafka) {
    /** Default {@code output.format}. */
    public static final OutputFormat DEFAULT_FORMAT = OutputFormat.JSONL;
    /** Default {@code output.print}. */
    public static final boolean DEFAULT_PRINT = false;

    public OutputConfig {
        if (path == null || path.isBlank()) {
            throw new JobConfigException("output.path", "output.path must not be empty");
        }
        if (format == null) {
            throw new JobConfigException("output.format", "output.format is required; one of "
                    + ConfigNames.allowed(OutputFormat.class));
        }
        Objects.requireNonNull(kafka, "kafka");
        if (!files && kafka.isEmpty()) {
            throw new JobConfigException("output.files", "output.files is false and there is no output.kafka: "
                    + "the job would write nothing");
        }
    }

    /** Files only. */
    public OutputConfig(String path, OutputFormat format, boolean print) {
        this(path, format, print, true, Optional.empty());
    }

    /** The default of {@code output.files}: true unless the outputs go to Kafka. */
    public static boolean defaultFiles(boolean withKafka) {
        return !withKafka;
    }

    /** The default {@code output.path} of a job: {@code out/<name>}. */
    public static String defaultPath(String jobName) {
        return "out/" + jobName;
    }
}
