package dev.streamcast.job;

import dev.streamcast.io.Validation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the events come from ({@code source:} in a job file): files ({@code format} and {@code path}), a Kafka
 * topic ({@code kafka}), or both: the files first (the backfill, bounded), then the topic (live), in one job
 * that keeps what it learned from the files.
 *
 * @param format            the layout of the input files ({@code source.format}, required with {@code path});
 *                          {@code null} when the only input is {@code kafka}
 * @param path              a file, or a directory whose files are all read ({@code source.path}, required unless
 *                          {@code kafka} is given); relative paths are relative to the working directory;
 *                          {@code null} when the only input is {@code kafka}
 * @param calendar          M5's {@code calendar.csv}, which dates the {@code d_N} columns; present exactly when
 *                          {@code format} is {@link SourceFormat#M5_WIDE}
 * @param firstDay          the first {@code d_N} column to read (m5-wide only); empty: from the first column
 * @param lastDay           the last {@code d_N} column to read (m5-wide only); empty: to the last column
 * @param monitorInterval   present: keep watching {@code path} for new files at this interval (a continuous,
 *                          unbounded job); empty: read what is there and finish (bounded)
 * @param maxOutOfOrderness the event-time watermark slack ({@code 0s}: events arrive in date order)
 * @param requireM5Ids      dead-letter ({@code bad_id}) ids not of the M5 shape ({@code source.requireM5Ids},
 *                          default false), see {@link Validation#requireM5Ids}
 * @param strict            dead-letter ({@code unknown_field}) JSON records with fields other than id, date, y
 *                          ({@code source.strict}, default false: they are ignored), see {@link Validation#strict}
 * @param kafka             a Kafka topic of JSON events read after the files, or alone ({@code source.kafka})
 */
public record SourceConfig(
        SourceFormat format,
        String path,
        Optional<String> calendar,
        Optional<String> firstDay,
        Optional<String> lastDay,
        Optional<Duration> monitorInterval,
        Duration maxOutOfOrderness,
        boolean requireM5Ids,
        boolean strict,
        Optional<KafkaSourceConfig> kafka) {

    /** Default {@code source.maxOutOfOrderness}: none. */
    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ZERO;

    private static final Pattern DAY = Pattern.compile("d_([1-9][0-9]{0,8})");

    /** Validates; every failure is a {@link JobConfigException} naming the {@code source.*} key. */
    public SourceConfig {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(monitorInterval, "monitorInterval");
        Objects.requireNonNull(kafka, "kafka");
        if (kafka.isPresent() && format == null && path == null) {
            // only the topic: no file keys
            for (Map.Entry<String, Optional<?>> e : Map.<String, Optional<?>>of("source.calendar", calendar,
                    "source.firstDay", firstDay, "source.lastDay", lastDay, "source.monitorInterval",
                    monitorInterval).entrySet()) {
                if (e.getValue().isPresent()) {
                    throw new JobConfigException(e.getKey(), e.getKey() + " only applies to input files; give "
                            + "source.format and source.path too (files first, then source.kafka) or remove it");
                }
            }
        } else {
            checkFiles(format, path, calendar, firstDay, lastDay, kafka.isPresent());
        }
        if (kafka.isPresent() && monitorInterval.isPresent()) {
            throw new JobConfigException("source.monitorInterval", "source.monitorInterval cannot be combined with "
                    + "source.kafka: the files are read once (the backfill), then the topic");
        }
        if (monitorInterval.isPresent() && (monitorInterval.get().isNegative() || monitorInterval.get().isZero())) {
            throw new JobConfigException("source.monitorInterval", "source.monitorInterval must be greater than 0 "
                    + "(leave it out for a bounded run); got " + Durations.format(monitorInterval.get()));
        }
        if (maxOutOfOrderness == null) {
            throw new JobConfigException("source.maxOutOfOrderness", "source.maxOutOfOrderness is required");
        }
        if (maxOutOfOrderness.isNegative()) {
            throw new JobConfigException("source.maxOutOfOrderness", "source.maxOutOfOrderness must not be negative");
        }
    }

    /** Files without a topic. */
    public SourceConfig(SourceFormat format, String path, Optional<String> calendar, Optional<String> firstDay,
                        Optional<String> lastDay, Optional<Duration> monitorInterval, Duration maxOutOfOrderness,
                        boolean requireM5Ids, boolean strict) {
        this(format, path, calendar, firstDay, lastDay, monitorInterval, maxOutOfOrderness, requireM5Ids, strict,
                Optional.empty());
    }

    /** Only a Kafka topic, with the default, lenient validation. */
    public static SourceConfig kafkaOnly(KafkaSourceConfig kafka, Duration maxOutOfOrderness) {
        return new SourceConfig(null, null, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                maxOutOfOrderness, false, false, Optional.of(kafka));
    }

    private static void checkFiles(SourceFormat format, String path, Optional<String> calendar,
                                   Optional<String> firstDay, Optional<String> lastDay, boolean withKafka) {
        if (format == null) {
            throw new JobConfigException("source.format", "source.format is required; one of "
                    + ConfigNames.allowed(SourceFormat.class)
                    + (path == null && !withKafka ? " (or give source.kafka to read a Kafka topic)" : ""));
        }
        if (path == null || path.isBlank()) {
            throw new JobConfigException("source.path", "source.path is required: a file or a directory of "
                    + format.configName() + " files");
        }
        if (format == SourceFormat.M5_WIDE) {
            if (calendar.isEmpty()) {
                throw new JobConfigException("source.calendar", "source.calendar is required for source.format "
                        + "m5-wide (M5's calendar.csv, which dates the d_1, d_2, ... columns)");
            }
            if (calendar.get().isBlank()) {
                throw new JobConfigException("source.calendar", "source.calendar must not be empty");
            }
            OptionalInt first = dayNumber("source.firstDay", firstDay);
            OptionalInt last = dayNumber("source.lastDay", lastDay);
            if (first.isPresent() && last.isPresent() && first.getAsInt() > last.getAsInt()) {
                throw new JobConfigException("source.firstDay", "source.firstDay (" + firstDay.get()
                        + ") must not be after source.lastDay (" + lastDay.get() + ")");
            }
        } else {
            onlyForM5Wide("source.calendar", calendar, format);
            onlyForM5Wide("source.firstDay", firstDay, format);
            onlyForM5Wide("source.lastDay", lastDay, format);
        }
    }

    /** A source with the default, lenient validation. */
    public SourceConfig(SourceFormat format, String path, Optional<String> calendar, Optional<String> firstDay,
                        Optional<String> lastDay, Optional<Duration> monitorInterval, Duration maxOutOfOrderness) {
        this(format, path, calendar, firstDay, lastDay, monitorInterval, maxOutOfOrderness, false, false,
                Optional.empty());
    }

    /** The record checks of {@link #requireM5Ids} and {@link #strict}, for the parsers. */
    public Validation validation() {
        return new Validation(requireM5Ids, strict);
    }

    private static void onlyForM5Wide(String key, Optional<String> value, SourceFormat format) {
        if (value.isPresent()) {
            throw new JobConfigException(key, key + " only applies to source.format m5-wide; remove it for "
                    + "source.format " + format.configName());
        }
    }

    private static OptionalInt dayNumber(String key, Optional<String> day) {
        if (day.isEmpty()) {
            return OptionalInt.empty();
        }
        Matcher m = DAY.matcher(day.get());
        if (!m.matches()) {
            throw new JobConfigException(key, key + " must be an M5 day column d_<positive number> such as d_1854; "
                    + "got '" + day.get() + "'");
        }
        return OptionalInt.of(Integer.parseInt(m.group(1)));
    }

    /** True if the job reads files ({@link #path} is set), alone or before {@link #kafka}. */
    public boolean hasFiles() {
        return path != null;
    }

    /** True if the files are read first and then the topic (backfill, then live). */
    public boolean backfillThenLive() {
        return path != null && kafka.isPresent();
    }

    /** True if the job keeps watching {@link #path} for new files ({@link #monitorInterval} is set). */
    public boolean continuous() {
        return monitorInterval.isPresent();
    }

    /** The number {@code N} of {@link #firstDay} ({@code d_N}), if set. */
    public OptionalInt firstDayNumber() {
        return dayNumber("source.firstDay", firstDay);
    }

    /** The number {@code N} of {@link #lastDay} ({@code d_N}), if set. */
    public OptionalInt lastDayNumber() {
        return dayNumber("source.lastDay", lastDay);
    }
}
