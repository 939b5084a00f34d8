package dev.streamcast.job;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.streamcast.learn.LearnerParams;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders a {@link JobConfig} as a complete YAML job file, keys in schema order, lists in flow style. */
final class JobConfigWriter {
    /** Strings that YAML reads back unchanged without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_./][A-Za-z0-9_./@+-]*");
    /** Plain-looking words that YAML 1.1 reads as booleans, null or special floats. */
    private static final Set<String> SPECIAL = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null",
            ".inf", ".nan");

    private final StringBuilder out = new StringBuilder();

    private final boolean mask;

    private JobConfigWriter(boolean mask) {
        this.mask = mask;
    }

    static String toYaml(JobConfig c, boolean maskSecrets) {
        JobConfigWriter w = new JobConfigWriter(maskSecrets);
        w.line(0, "name", text(c.name()));

        SourceConfig s = c.source();
        w.section(0, "source");
        if (s.hasFiles()) {
            w.line(1, "format", s.format().configName());
            w.line(1, "path", text(s.path()));
        }
        w.optional(1, "calendar", s.calendar());
        w.optional(1, "firstDay", s.firstDay());
        w.optional(1, "lastDay", s.lastDay());
        s.monitorInterval().ifPresent(d -> w.line(1, "monitorInterval", Durations.format(d)));
        w.line(1, "maxOutOfOrderness", Durations.format(s.maxOutOfOrderness()));
        w.line(1, "requireM5Ids", String.valueOf(s.requireM5Ids()));
        w.line(1, "strict", String.valueOf(s.strict()));
        s.kafka().ifPresent(k -> {
            w.section(1, "kafka");
            w.line(2, "bootstrapServers", text(k.bootstrapServers()));
            w.line(2, "topics", k.topics().stream().map(JobConfigWriter::text)
                    .collect(Collectors.joining(", ", "[", "]")));
            w.line(2, "groupId", text(k.groupId()));
            w.line(2, "startingOffsets", k.startingOffsets().configName());
            w.line(2, "bounded", String.valueOf(k.bounded()));
            w.map(2, "properties", k.properties());
        });

        OutputConfig o = c.output();
        w.section(0, "output");
        w.line(1, "path", text(o.path()));
        w.line(1, "format", ConfigNames.of(o.format()));
        w.line(1, "print", String.valueOf(o.print()));
        w.line(1, "files", String.valueOf(o.files()));
        o.kafka().ifPresent(k -> {
            w.section(1, "kafka");
            w.line(2, "bootstrapServers", text(k.bootstrapServers()));
            w.section(2, "topics");
            KafkaOutputConfig.Topics t = k.topics();
            w.line(3, "forecasts", text(t.forecasts()));
            w.line(3, "metrics", text(t.metrics()));
            w.line(3, "series", text(t.series()));
            w.line(3, "deadLetters", text(t.deadLetters()));
            w.line(3, "late", text(t.late()));
            w.line(2, "deliveryGuarantee", k.deliveryGuarantee().configName());
            w.line(2, "transactionalIdPrefix", text(k.transactionalIdPrefix()));
            w.line(2, "transactionTimeout", Durations.format(k.transactionTimeout()));
            w.map(2, "properties", k.properties());
        });

        LearnerParams p = c.model().params();
        w.section(0, "model");
        w.line(1, "keyMode", ConfigNames.of(c.model().keyMode()));
        w.line(1, "knnWindow", String.valueOf(p.knnWindow()));
        w.line(1, "knnNeighbours", String.valueOf(p.knnNeighbours()));
        w.line(1, "lmLearningRate", String.valueOf(p.lmLearningRate()));
        w.line(1, "lmInterceptLearningRate", String.valueOf(p.lmInterceptLearningRate()));
        w.line(1, "lmClipGradient", String.valueOf(p.lmClipGradient()));
        w.line(1, "wdayWindows", list(p.wdayWindows()));
        w.line(1, "itemWindows", list(p.itemWindows()));

        w.line(0, "snapshotIntervalDays", String.valueOf(c.snapshotIntervalDays()));

        w.section(0, "forecast");
        w.line(1, "horizon", String.valueOf(c.forecast().days()));
        w.line(1, "protocol", ConfigNames.of(c.forecast().protocol()));
        w.line(1, "afterEachEvent", String.valueOf(c.forecast().afterEachEvent()));
        w.line(1, "serving", ConfigNames.of(c.forecast().serving()));

        RuntimeConfig r = c.runtime();
        w.section(0, "runtime");
        w.line(1, "parallelism", String.valueOf(r.parallelism()));
        w.line(1, "stateBackend", r.stateBackend().configName());
        w.line(1, "incrementalCheckpoints", String.valueOf(r.incrementalCheckpoints()));
        w.line(1, "checkpointInterval", r.checkpointingEnabled() ? Durations.format(r.checkpointInterval()) : "off");
        w.line(1, "checkpointDir", text(r.checkpointDir()));
        w.line(1, "restartAttempts", String.valueOf(r.restartAttempts()));
        w.line(1, "restartDelay", Durations.format(r.restartDelay()));
        w.line(1, "webUi", String.valueOf(r.webUi()));
        w.line(1, "modelCache", String.valueOf(r.modelCache()));
        w.line(1, "stateTtl", r.stateTtl() == null ? "off" : Durations.format(r.stateTtl()));
        w.map(1, "flink", r.flink());
        return w.out.toString();
    }

    /** A section of string pairs ({@code {}} if empty), secret values masked unless asked not to. */
    private void map(int depth, String key, Map<String, String> values) {
        if (values.isEmpty()) {
            line(depth, key, "{}");
            return;
        }
        section(depth, key);
        for (Map.Entry<String, String> e : values.entrySet()) {
            line(depth + 1, text(e.getKey()), text(mask ? Secrets.shown(e.getKey(), e.getValue()) : e.getValue()));
        }
    }

    private void section(int depth, String key) {
        out.append("  ".repeat(depth)).append(key).append(":\n");
    }

    private void line(int depth, String key, String value) {
        out.append("  ".repeat(depth)).append(key).append(": ").append(value).append('\n');
    }

    private void optional(int depth, String key, Optional<String> value) {
        value.ifPresent(v -> line(depth, key, text(v)));
    }

    private static String list(int[] values) {
        return Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
    static String text(String s) {
        if (PLAIN.matcher(s).matches() && !SPECIAL.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
