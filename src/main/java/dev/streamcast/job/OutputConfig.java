package dev.streamcast.job;

import dev.streamcast.io.OutputFormat;

/**
 * Where results go ({@code output:} in a job file). Below {@link #path} the job writes {@code forecasts/},
 * {@code metrics/}, {@code series/}, {@code dead-letters/} and {@code late/}.
 *
 * @param path   the output directory ({@code output.path}; default {@code out/<name>})
 * @param format the format of the files written ({@code output.format}; default {@code jsonl})
 * @param print  also print forecasts to stdout, for demos ({@code output.print}; default false)
 */
public record OutputConfig(String path, OutputFormat format, boolean print) {
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
    }

    /** The default {@code output.path} of a job: {@code out/<name>}. */
    public static String defaultPath(String jobName) {
        return "out/" + jobName;
    }
}
