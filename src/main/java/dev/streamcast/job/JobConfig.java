package dev.streamcast.job;

import dev.streamcast.functions.Horizon;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.Serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One scenario of the streaming job: a YAML job file (under {@code jobs/}) plus command-line overrides, bound by
 * Jackson to this record and the records of its sections, which apply their defaults and check themselves. See
 * {@code jobs/demo.yaml} for every key.
 *
 * <pre>{@code
 * JobConfig config = JobConfig.load(Path.of("jobs/demo.yaml"), List.of("runtime.parallelism=4"));
 * log.info("effective configuration:\n{}", config.toYaml());
 * }</pre>
 *
 * <p>Unknown keys, wrong types and invalid values fail with a {@link JobConfigException} whose message names
 * the key by its dotted path and the allowed keys or values. A record's own checks fail with an
 * {@link IllegalArgumentException} whose message starts with the key relative to the record
 * ({@code "parallelism must be in 1..1024; got 0"}); the reader prefixes the section.
 *
 * @param name                 the job's name (default: the file name without {@code .yaml}); letters, digits,
 *                             {@code .}, {@code _}, {@code -}
 * @param source               the input
 * @param output               the output
 * @param model                the learners (default: the seed's)
 * @param snapshotIntervalDays a per-series snapshot every this many days of event time, at least 1 (default 28)
 * @param forecast             the horizon forecasts (default none)
 * @param runtime              how Flink runs it (default: {@link RuntimeConfig#defaults()})
 */
public record JobConfig(
        String name,
        SourceConfig source,
        OutputConfig output,
        ModelConfig model,
        Integer snapshotIntervalDays,
        Horizon forecast,
        RuntimeConfig runtime) {

    /** Applies the defaults and validates, also the rules that span sections. */
    public JobConfig {
        require(name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"), "name must be 1 to 100 letters, "
                + "digits, '.', '_' or '-', starting with a letter or digit; got '" + name + "'");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        model = model == null ? ModelConfig.seed() : model;
        snapshotIntervalDays = snapshotIntervalDays == null ? 28 : snapshotIntervalDays;
        require(snapshotIntervalDays >= 1, "snapshotIntervalDays must be 1 or more; got " + snapshotIntervalDays);
        forecast = forecast == null ? Horizon.NONE : forecast;
        runtime = runtime == null ? RuntimeConfig.defaults() : runtime;
        require(model.keyMode() != KeyMode.ITEM || source.format() != SourceFormat.M5_WIDE || !source.continuous()
                || source.kafka().isPresent(), "source.monitorInterval cannot watch M5 wide files with model.keyMode "
                + "item: an item's model learns its stores' days once the watermark passes them, and wide rows give "
                + "no watermark before the input ends (use csv or jsonl files, or keyMode series)");
        require(source.groupHistory().isEmpty() || forecast.serving() == Serving.POOLED, "source.groupHistory is "
                + "learned by the pooled learner only: set forecast.serving pooled, or remove it");
        require(runtime.mode() == RuntimeMode.STREAMING || source.kafka().isEmpty() && !source.continuous(),
                "runtime.mode batch needs a bounded input: files without source.monitorInterval, no source.kafka");
        Optional<KafkaOutputConfig> kafka = output.kafka().filter(k -> k.deliveryGuarantee() == KafkaDelivery.EXACTLY_ONCE);
        require(kafka.isEmpty() || runtime.checkpointingEnabled(), "output.kafka.deliveryGuarantee exactly-once "
                + "commits its transactions on checkpoints, so runtime.checkpointInterval must not be off nor "
                + "runtime.mode batch (or choose at-least-once)");
        require(kafka.isEmpty() || kafka.get().transactionTimeout().compareTo(runtime.checkpointInterval()) > 0,
                "output.kafka.transactionTimeout must be longer than runtime.checkpointInterval: a transaction stays "
                        + "open from one checkpoint to the next");
    }

    /** Fails with {@code message}, which starts with the offending key, unless {@code ok}. */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * A sorted, unmodifiable copy of the settings passed through to Flink or Kafka under {@code section}
     * ({@code flink}, {@code properties}); a key that {@code reserved} maps to the key that sets it fails naming that.
     */
    static Map<String, String> passThrough(String section, Map<String, String> settings, Map<String, String> reserved) {
        Map<String, String> copy = new TreeMap<>(settings == null ? Map.of() : settings);
        copy.forEach((k, v) -> {
            require(!reserved.containsKey(k), section + "." + k + " is set by " + reserved.get(k)
                    + "; use that instead");
            require(v != null, section + "." + k + " has no value; give a value or remove the key");
        });
        return Collections.unmodifiableMap(copy);
    }

    /** An optional component that Jackson or a caller left {@code null}: empty. */
    static <T> Optional<T> absentIfNull(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /**
     * Reads a job file and applies command-line overrides.
     *
     * @param yaml      the job file; its name without {@code .yaml}/{@code .yml} is the default job name
     * @param overrides {@code key.path=value} strings applied, in order, to the file's YAML tree before it is
     *                  bound, e.g. {@code source.path=/data/x.csv}, {@code model.itemWindows=7,6,5},
     *                  {@code runtime.flink.pipeline.max-parallelism=128}; an empty value removes the key (its
     *                  default applies again)
     * @throws JobConfigException if the file cannot be read or the configuration is invalid
     */
    public static JobConfig load(Path yaml, List<String> overrides) {
        String text;
        try {
            text = Files.readString(yaml);
        } catch (NoSuchFileException e) {
            throw new JobConfigException(null, "job file " + yaml + " not found");
        } catch (IOException e) {
            throw new JobConfigException(null, "cannot read job file " + yaml + ": " + e);
        }
        return parse(text, yaml.toString(), overrides);
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
        return JobConfigYaml.parse(yaml, origin, overrides);
    }

    /**
     * The effective configuration (defaults and overrides applied) as a complete YAML job file, every key that
     * has a value present, secret values ({@link Secrets}: passwords, keys, {@code sasl.jaas.config}, ...) masked
     * as {@value Secrets#MASK}. For the job's startup log. Reading it back gives an equal {@code JobConfig} when it
     * holds no secret ({@link #toYaml(boolean)} with false always does).
     */
    public String toYaml() {
        return toYaml(true);
    }

    /** {@link #toYaml()}, with secret values masked or (never for a log) shown. */
    public String toYaml(boolean maskSecrets) {
        return JobConfigYaml.toYaml(this, maskSecrets);
    }

    @Override
    public String toString() {
        return Secrets.toString(this);
    }
}
