package dev.streamcast.job;

import dev.streamcast.io.Validation;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.streamcast.job.JobConfig.absentIfNull;
import static dev.streamcast.job.JobConfig.require;

/**
 * Where the events come from ({@code source:} in a job file): files ({@code format} and {@code path}), a Kafka
 * topic ({@code kafka}), or both: the files first (the backfill, bounded), then the topic (live), in one job
 * that keeps what it learned from the files. Like every config record, it checks itself, and its messages start
 * with the offending key (relative to {@code source}).
 *
 * @param format            the layout of the input files, required with {@code path}; {@code null} when the only
 *                          input is {@code kafka}
 * @param path              a file, or a directory whose files are all read (required unless {@code kafka} is
 *                          given); relative paths are relative to the working directory
 * @param calendar          M5's {@code calendar.csv}, which dates the {@code d_N} columns; present exactly when
 *                          {@code format} is {@link SourceFormat#M5_WIDE}
 * @param firstDay          the first {@code d_N} column to read (m5-wide only); empty: from the first column
 * @param lastDay           the last {@code d_N} column to read (m5-wide only); empty: to the last column
 * @param monitorInterval   present: keep watching {@code path} for new files at this interval (a continuous,
 *                          unbounded job); empty: read what is there and finish (bounded)
 * @param maxOutOfOrderness the event-time watermark slack (default {@code 0s}: events arrive in date order)
 * @param requireM5Ids      dead-letter ({@code bad_id}) ids not of the M5 shape (default false), see
 *                          {@link Validation#requireM5Ids}
 * @param strict            dead-letter ({@code unknown_field}) JSON records with fields other than id, date, y
 *                          (default false: they are ignored), see {@link Validation#strict}
 * @param kafka             a Kafka topic of JSON events read after the files, or alone
 * @param groupHistory      daily units sold per M5 store × department from before the sales file's days (the
 *                          layout of M5's level-9 aggregates, {@link dev.streamcast.io.M5GroupHistory}), learned
 *                          first by the pooled learner ({@code forecast.serving: pooled}); needs {@code calendar}
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
        Optional<KafkaSourceConfig> kafka,
        Optional<String> groupHistory) {

    private static final String DAY = "d_[1-9][0-9]{0,8}";

    /** Applies the defaults and validates. */
    public SourceConfig {
        calendar = absentIfNull(calendar);
        firstDay = absentIfNull(firstDay);
        lastDay = absentIfNull(lastDay);
        monitorInterval = absentIfNull(monitorInterval);
        kafka = absentIfNull(kafka);
        groupHistory = absentIfNull(groupHistory);
        maxOutOfOrderness = maxOutOfOrderness == null ? Duration.ZERO : maxOutOfOrderness;
        Map<String, Optional<?>> fileKeys = Map.of("calendar", calendar, "firstDay", firstDay, "lastDay", lastDay,
                "monitorInterval", monitorInterval);
        if (format == null && path == null && kafka.isPresent()) {
            fileKeys.forEach((key, value) -> require(value.isEmpty(), key + " only applies to input files; give "
                    + "format and path too (files first, then kafka) or remove it"));
        } else {
            require(format != null, "format is required; one of m5-wide, csv, jsonl"
                    + (path == null && kafka.isEmpty() ? " (or give kafka to read a Kafka topic)" : ""));
            require(path != null && !path.isBlank(), "path is required: a file or a directory of input files");
            boolean m5 = format == SourceFormat.M5_WIDE;
            require(!m5 || calendar.isPresent(), "calendar is required for format m5-wide (M5's calendar.csv, "
                    + "which dates the d_1, d_2, ... columns)");
            for (String key : new String[] {"calendar", "firstDay", "lastDay"}) {
                require(m5 || fileKeys.get(key).isEmpty(), key + " only applies to format m5-wide; remove it");
            }
            require(calendar.map(c -> !c.isBlank()).orElse(true), "calendar must not be empty");
            require(firstDay.map(d -> d.matches(DAY)).orElse(true), "firstDay must be an M5 day column "
                    + "d_<positive number> such as d_1854; got '" + firstDay.orElse("") + "'");
            require(lastDay.map(d -> d.matches(DAY)).orElse(true), "lastDay must be an M5 day column "
                    + "d_<positive number> such as d_1854; got '" + lastDay.orElse("") + "'");
            require(firstDay.isEmpty() || lastDay.isEmpty() || day(firstDay.get()) <= day(lastDay.get()),
                    "firstDay (" + firstDay.orElse("") + ") must not be after lastDay (" + lastDay.orElse("") + ")");
        }
        require(groupHistory.isEmpty() || calendar.isPresent(), "groupHistory needs calendar (M5's calendar.csv, which "
                + "dates its d_N column)");
        require(groupHistory.map(h -> !h.isBlank()).orElse(true), "groupHistory must not be empty");
        require(kafka.isEmpty() || monitorInterval.isEmpty(), "monitorInterval cannot be combined with kafka: the "
                + "files are read once (the backfill), then the topic");
        require(monitorInterval.map(d -> d.compareTo(Duration.ZERO) > 0).orElse(true), "monitorInterval must be "
                + "greater than 0 (leave it out for a bounded run)");
        require(!maxOutOfOrderness.isNegative(), "maxOutOfOrderness must not be negative");
    }

    private static int day(String column) {
        return Integer.parseInt(column.substring(2));
    }

    /** The record checks of {@link #requireM5Ids} and {@link #strict}, for the parsers. */
    public Validation validation() {
        return new Validation(requireM5Ids, strict);
    }

    /** True if the job reads files ({@link #path} is set), alone or before {@link #kafka}. */
    public boolean hasFiles() {
        return path != null;
    }

    /** True if the job keeps watching {@link #path} for new files ({@link #monitorInterval} is set). */
    public boolean continuous() {
        return monitorInterval.isPresent();
    }
}
