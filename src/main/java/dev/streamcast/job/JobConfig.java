package dev.streamcast.job;

import dev.streamcast.functions.Horizon;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One scenario of the streaming job: a YAML job file (under {@code jobs/}) plus command-line overrides,
 * validated into immutable values. See {@code jobs/demo.yaml} for every key.
 *
 * <pre>{@code
 * JobConfig config = JobConfig.load(Path.of("jobs/demo.yaml"), List.of("runtime.parallelism=4"));
 * log.info("effective configuration:\n{}", config.toYaml());
 * }</pre>
 *
 * <p>Unknown keys, wrong types and invalid values fail with a {@link JobConfigException} whose message names
 * the key by its dotted path and the allowed keys or values.
 *
 * @param name                 the job's name ({@code name}; default: the file name without {@code .yaml}); letters,
 *                             digits, {@code .}, {@code _}, {@code -}
 * @param source               the input
 * @param output               the output
 * @param model                the learners
 * @param snapshotIntervalDays a per-series snapshot every this many days of event time, at least 1
 *                             ({@code snapshotIntervalDays}; default 28)
 * @param runtime              how Flink runs it
 * @param forecast             the horizon forecasts ({@code forecast:}; default none)
 */
public record JobConfig(
        String name,
        SourceConfig source,
        OutputConfig output,
        ModelConfig model,
        int snapshotIntervalDays,
        RuntimeConfig runtime,
        Horizon forecast) {

    /** Default {@code snapshotIntervalDays}. */
    public static final int DEFAULT_SNAPSHOT_INTERVAL_DAYS = 28;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Validates; every failure is a {@link JobConfigException} naming the key. */
    public JobConfig {
        checkName(name);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(forecast, "forecast");
        if (snapshotIntervalDays < 1) {
            throw new JobConfigException("snapshotIntervalDays", "snapshotIntervalDays must be 1 or more; got "
                    + snapshotIntervalDays);
        }
        output.kafka().ifPresent(k -> {
            if (k.deliveryGuarantee() == KafkaDelivery.EXACTLY_ONCE) {
                if (!runtime.checkpointingEnabled()) {
                    throw new JobConfigException("output.kafka.deliveryGuarantee", "output.kafka.deliveryGuarantee "
                            + "exactly-once commits its transactions on checkpoints, so runtime.checkpointInterval "
                            + "must not be off (or choose at-least-once)");
                }
                if (k.transactionTimeout().compareTo(runtime.checkpointInterval()) <= 0) {
                    throw new JobConfigException("output.kafka.transactionTimeout", "output.kafka.transactionTimeout ("
                            + Durations.format(k.transactionTimeout()) + ") must be longer than "
                            + "runtime.checkpointInterval (" + Durations.format(runtime.checkpointInterval())
                            + "): a transaction stays open from one checkpoint to the next");
                }
            }
        });
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new JobConfigException("name", "name must be 1 to 100 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit; got " + (name == null ? "nothing" : "'" + name + "'"));
        }
    }

    /**
     * Reads a job file and applies command-line overrides.
     *
     * @param yaml      the job file; its name without {@code .yaml}/{@code .yml} is the default job name
     * @param overrides {@code key.path=value} strings applied, in order, to the file's YAML tree before it is
     *                  read, e.g. {@code source.path=/data/x.csv}, {@code model.itemWindows=7,6,5},
     *                  {@code runtime.flink.pipeline.max-parallelism=128}; an empty value removes the key (its
     *                  default applies again)
     * @throws JobConfigException if the file cannot be read or the configuration is invalid
     */
    public static JobConfig load(Path yaml, List<String> overrides) {
        return JobConfigReader.load(yaml, overrides);
    }

    /** {@link #load(Path, List)} without overrides. */
    public static JobConfig load(Path yaml) {
        return load(yaml, List.of());
    }

    /**
     * Reads a job file's text.
     *
     * @param yaml      the YAML text
     * @param origin    where it came from, for messages ({@code jobs/x.yaml}); its last path segment without
     *                  {@code .yaml}/{@code .yml} is the default job name
     * @param overrides as for {@link #load(Path, List)}
     * @throws JobConfigException if the configuration is invalid
     */
    public static JobConfig parse(String yaml, String origin, List<String> overrides) {
        return JobConfigReader.parse(yaml, origin, overrides);
    }

    /** {@link #parse(String, String, List)} of an anonymous {@code job.yaml} (default name {@code job}). */
    public static JobConfig parse(String yaml) {
        return parse(yaml, "job.yaml", List.of());
    }

    /**
     * The effective configuration (defaults and overrides applied) as a complete YAML job file, every key
     * present except the unset optional {@code source} keys, secret values ({@link Secrets}: passwords, keys,
     * {@code sasl.jaas.config}, ...) masked as {@value Secrets#MASK}. For the job's startup log. Reading it back
     * gives an equal {@code JobConfig} when it holds no secret ({@link #toYaml(boolean)} with false always does).
     */
    public String toYaml() {
        return toYaml(true);
    }

    /** {@link #toYaml()}, with secret values masked or (never for a log) shown. */
    public String toYaml(boolean maskSecrets) {
        return JobConfigWriter.toYaml(this, maskSecrets);
    }

    /** Like the record's, with secret values masked. */
    @Override
    public String toString() {
        return "JobConfig[name=" + name + ", source=" + source + ", output=" + output + ", model=" + model
                + ", snapshotIntervalDays=" + snapshotIntervalDays + ", runtime=" + runtime + ", forecast=" + forecast
                + "]";
    }
}
