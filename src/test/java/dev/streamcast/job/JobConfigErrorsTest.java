package dev.streamcast.job;

import dev.streamcast.learn.KeyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every class of configuration error gives one line that names the key (as {@link JobConfigException#key()} and
 * in the message), where the value came from, and where there is a choice the allowed keys or values.
 */
class JobConfigErrorsTest {
    static final String CSV = """
            source:
              format: csv
              path: data/long.csv
            """;
    static final String M5 = """
            source:
              format: m5-wide
              path: data/m5/sales_subset.csv
              calendar: data/m5/calendar.csv
            """;
    static final String KAFKA = """
            source:
              kafka:
                bootstrapServers: localhost:9092
                topics: [sales]
            output:
              kafka:
                bootstrapServers: localhost:9092
            """;
    static final String RUNTIME_KEYS = "parallelism, stateBackend, incrementalCheckpoints, checkpointInterval, "
            + "checkpointDir, restartAttempts, restartDelay, webUi, modelCache, stateTtl, mode, flink";

    static JobConfigException error(String yaml, String... overrides) {
        JobConfigException e = catchThrowableOfType(JobConfigException.class,
                () -> JobConfig.parse(yaml, "jobs/x.yaml", List.of(overrides)));
        assertThat(e).as("%s %s", yaml, List.of(overrides)).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    /** The error names {@code key}, first in its message, and the place the value came from. */
    static JobConfigException fails(String key, String yaml, String... overrides) {
        JobConfigException e = error(yaml, overrides);
        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).contains(key).endsWith(overrides.length > 0 && e.getMessage().contains("override")
                ? "(in override '" + overrides[overrides.length - 1] + "')" : "(in jobs/x.yaml)");
        return e;
    }

    // ---- unknown keys: the key, the allowed keys of its section, a guess ----

    @Test
    void unknownKeyNamesItsPathTheAllowedKeysAndAGuess() {
        JobConfigException e = error(CSV + "runtime:\n  stateBakend: rocksdb\n");

        assertThat(e.key()).isEqualTo("runtime.stateBakend");
        assertThat(e.getMessage()).contains("'runtime.stateBakend'", "jobs/x.yaml", RUNTIME_KEYS,
                "did you mean 'stateBackend'?");
    }

    @Test
    void unknownKeysAtEveryLevel() {
        assertThat(error(CSV + "checkpointInterval: 10s\n").getMessage())
                .contains("'checkpointInterval'", "name, source, output, model, snapshotIntervalDays, forecast, runtime");
        assertThat(error(CSV + "model:\n  knnWindows: 3\n").getMessage()).contains("'model.knnWindows'",
                "keyMode, knnWindow, knnNeighbours, lmLearningRate, lmInterceptLearningRate, lmClipGradient, "
                        + "wdayWindows, itemWindows", "did you mean 'knnWindow'?");
        assertThat(error(CSV + "Output: {}\n").getMessage()).contains("did you mean 'output'?");
        assertThat(error(CSV + "sink: {}\n").getMessage()).doesNotContain("did you mean");
        assertThat(error(KAFKA, "source.kafka.grupId=g").getMessage()).contains("'source.kafka.grupId'",
                "bootstrapServers, topics, groupId, startingOffsets, bounded, properties", "did you mean 'groupId'?");
        assertThat(error(KAFKA, "output.kafka.topics.metric=m").getMessage()).contains("'output.kafka.topics.metric'",
                "forecasts, metrics, series, deadLetters, late");
        assertThat(error(CSV + "forecast:\n  days: 3\n").getMessage())
                .contains("'forecast.days'", "horizon, protocol, afterEachEvent, serving");
    }

    @Test
    void unknownKeyInAnOverrideNamesTheOverride() {
        JobConfigException e = error(CSV, "runtime.stateBakend=hashmap");

        assertThat(e.key()).isEqualTo("runtime.stateBakend");
        assertThat(e.getMessage()).contains("override 'runtime.stateBakend=hashmap'", RUNTIME_KEYS);
        assertThat(error(CSV, "sorce.path=x").key()).isEqualTo("sorce");
    }

    @Test
    void overridesMustNameAValue() {
        assertThat(fails("runtime.parallelism", CSV, "runtime.parallelism.max=3").getMessage())
                .contains("a whole number", "got a section");
        assertThat(fails("runtime", CSV, "runtime=4").getMessage()).contains("a section with the keys " + RUNTIME_KEYS);
        assertThat(fails("runtime.flink", CSV, "runtime.flink=x").getMessage()).contains("a section of key: value");
        for (String bad : List.of("runtime.parallelism", "=4", "runtime..parallelism=4")) {
            assertThat(error(CSV, bad).getMessage()).contains("'" + bad + "' must look like key.path=value");
        }
        assertThat(fails("runtime", CSV + "runtime: 4\n", "runtime.parallelism=3").getMessage())
                .contains("must be a section");
    }

    // ---- invalid enum values: the key and the allowed values ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "source.format=parquet              | source.format                  | m5-wide, csv, jsonl",
            "source.format=m5_wide              | source.format                  | m5-wide, csv, jsonl",
            "output.format=xml                  | output.format                  | jsonl, csv",
            "model.keyMode=store                | model.keyMode                  | series, item",
            "runtime.stateBackend=0             | runtime.stateBackend           | rocksdb, hashmap",
            "forecast.protocol=python           | forecast.protocol              | frozen, creme",
            "forecast.serving=best              | forecast.serving               | seed, knn, lm, blend, pooled",
            "source.kafka.startingOffsets=first | source.kafka.startingOffsets   | earliest, latest, committed",
            "output.kafka.deliveryGuarantee=once | output.kafka.deliveryGuarantee | exactly-once, at-least-once",
    })
    void invalidEnumValueListsTheAllowedValues(String override, String key, String allowed) {
        String value = override.substring(override.indexOf('=') + 1);

        assertThat(fails(key, KAFKA.replace("source:\n", CSV), override).getMessage())
                .contains("one of " + allowed, "'" + value + "'");
    }

    @Test
    void invalidEnumValueInAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, CSV + "runtime:\n  stateBackend: heap\n");

        JobConfigException e = catchThrowableOfType(JobConfigException.class, () -> JobConfig.load(file, List.of()));

        assertThat(e.key()).isEqualTo("runtime.stateBackend");
        assertThat(e.getMessage()).contains("rocksdb, hashmap", "'heap'", "(in " + file + ")");
    }

    // ---- wrong types: the key and the expected type ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "runtime: {parallelism: four}        | runtime.parallelism        | a whole number",
            "runtime: {parallelism: 2.5}         | runtime.parallelism        | a whole number",
            "runtime: {parallelism: true}        | runtime.parallelism        | a whole number",
            "runtime: {parallelism: ''}          | runtime.parallelism        | a whole number",
            "runtime: {parallelism: [2]}         | runtime.parallelism        | a whole number",
            "runtime: {parallelism: 99999999999} | runtime.parallelism        | a whole number",
            "runtime: {webUi: maybe}             | runtime.webUi              | true or false",
            "runtime: {webUi: 1}                 | runtime.webUi              | true or false",
            "runtime: {flink: 3}                 | runtime.flink              | a section of key: value pairs",
            "runtime: {flink: {a: [1]}}          | runtime.flink.a            | a single value",
            "runtime: {flink: {a.b: {c: 1}}}     | runtime.flink.a.b          | a single value; got a section",
            "runtime: 3                          | runtime                    | " + "parallelism, stateBackend",
            "model: {lmLearningRate: fast}       | model.lmLearningRate       | a number",
            "model: {itemWindows: [7, x]}        | model.itemWindows[1]       | a whole number",
            "model: {itemWindows: {a: 1}}        | model.itemWindows          | a list",
            "output: {print: {a: 1}}             | output.print               | true or false",
            "snapshotIntervalDays: weekly        | snapshotIntervalDays       | a whole number",
            "name: [a, b]                        | name                       | a single value",
            "output: {files: 1}                  | output.files               | true or false",
            "runtime: {checkpointInterval: yes}  | runtime.checkpointInterval | a duration such as 500ms, 10s",
    })
    void wrongTypeNamesTheKeyAndTheExpectedType(String yaml, String key, String expected) {
        assertThat(fails(key, CSV + yaml + "\n").getMessage()).startsWith(key + " must be ").contains(expected);
    }

    @Test
    void wrongTypeFromAnOverrideNamesTheOverride() {
        assertThat(fails("runtime.restartAttempts", CSV, "runtime.restartAttempts=many").getMessage())
                .contains("a whole number", "'many'");
        assertThat(fails("model.itemWindows[2]", CSV, "model.itemWindows=7,6,x").getMessage())
                .contains("a whole number", "'x'");
    }

    // ---- invalid values: the records' own checks, under their full key ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "runtime.parallelism=0                        | runtime.parallelism         | 1..1024",
            "runtime.parallelism=1025                     | runtime.parallelism         | 1..1024",
            "runtime.restartAttempts=-1                   | runtime.restartAttempts     | 0 or more",
            "runtime.modelCache=-1                        | runtime.modelCache          | 0 or more",
            "runtime.checkpointInterval=5ms               | runtime.checkpointInterval  | at least 10ms",
            "snapshotIntervalDays=0                       | snapshotIntervalDays        | 1 or more",
            "name=my job                                  | name                        | letters, digits",
            "name=../up                                   | name                        | letters, digits",
            "runtime.flink.parallelism.default=4          | runtime.flink.parallelism.default | runtime.parallelism",
            "runtime.flink.state.backend.type=hashmap     | runtime.flink.state.backend.type  | runtime.stateBackend",
            "runtime.flink.state.backend=hashmap          | runtime.flink.state.backend       | runtime.stateBackend",
            "runtime.flink.execution.checkpointing.dir=/x | runtime.flink.execution.checkpointing.dir | runtime.checkpointDir",
            "runtime.flink.state.checkpoints.dir=/x       | runtime.flink.state.checkpoints.dir | runtime.checkpointDir",
            "runtime.flink.restart-strategy=none          | runtime.flink.restart-strategy | runtime.restartAttempts",
            "model.knnWindow=0                            | model.knnWindow             | 1..1024",
            "model.knnNeighbours=2000                     | model.knnNeighbours         | 1..1024",
            "model.lmLearningRate=0                       | model.lmLearningRate        | > 0",
            "model.lmInterceptLearningRate=-1             | model.lmInterceptLearningRate | >= 0",
            "model.lmClipGradient=-5                      | model.lmClipGradient        | > 0",
            "model.itemWindows=7,7                        | model.itemWindows           | twice",
            "model.wdayWindows=0,1                        | model.wdayWindows           | 1..1024",
            "model.itemWindows=[]                         | model.itemWindows           | one or more",
            "model.pooled.levelRate=2                     | model.pooled.levelRate      | 0..1",
            "model.pooled.warmUpDays=0                    | model.pooled.warmUpDays     | 1..366",
            "model.pooled.maxRatio=1                      | model.pooled.maxRatio       | > 1",
            "forecast.horizon=400                         | forecast.horizon            | 0..366",
            "forecast.afterEachEvent=true                 | forecast.afterEachEvent     | 1 or more days",
            "source.firstDay=d_1                          | source.firstDay             | m5-wide",
            "source.lastDay=d_9                           | source.lastDay              | m5-wide",
            "source.monitorInterval=0s                    | source.monitorInterval      | greater than 0",
            "source.maxOutOfOrderness=soon                | source.maxOutOfOrderness    | a duration",
            "output.files=false                           | output.files                | kafka",
    })
    void invalidValuesNameTheKey(String override, String key, String mention) {
        assertThat(fails(key, CSV, override).getMessage()).startsWith(key + " ").contains(mention);
    }

    @Test
    void modelParameterErrorsFromTheFile() {
        assertThat(fails("model.knnNeighbours", CSV + "model:\n  knnNeighbours: 0\n").getMessage()).contains("1..1024");
        assertThat(fails("model.itemWindows", CSV + "model:\n  itemWindows: [7, ~]\n").getMessage())
                .contains("no empty entries");
        assertThat(fails("forecast.afterEachEvent", CSV + "forecast:\n  horizon: 3\n  protocol: creme\n"
                + "  afterEachEvent: true\n").getMessage()).contains("protocol frozen");
    }

    @Test
    void blankValuesAreRejected() {
        fails("runtime.checkpointDir", CSV + "runtime:\n  checkpointDir: ' '\n");
        fails("output.path", CSV + "output:\n  path: ''\n");
        fails("name", CSV + "name: ''\n");
    }

    // ---- source rules ----

    @Test
    void sourceFormatAndPathAreRequired() {
        assertThat(fails("source.format", "source:\n  path: x.csv\n").getMessage()).contains("m5-wide, csv, jsonl");
        assertThat(fails("source.format", "").getMessage()).contains("m5-wide, csv, jsonl", "kafka");
        assertThat(fails("source.path", "source:\n  format: jsonl\n").getMessage()).contains("required");
        fails("source.path", "source:\n  format: jsonl\n  path: ' '\n");
        fails("source.calendar", "source:\n  format: m5-wide\n  path: data/m5/sales_subset.csv\n");
        fails("source.calendar", M5, "source.calendar=");
        fails("source.calendar", M5, "source.format=jsonl");
    }

    @Test
    void groupHistoryNeedsTheCalendarAndAPath() {
        assertThat(fails("source.groupHistory", "source:\n  format: csv\n  path: x.csv\n  groupHistory: h.csv\n")
                .getMessage()).contains("calendar");
        fails("source.groupHistory", M5 + "  groupHistory: ' '\n");
        assertThat(fails("source.groupHistory", M5 + "  groupHistory: h.csv\n").getMessage())
                .contains("forecast.serving pooled");
    }

    @ParameterizedTest
    @CsvSource({"source.firstDay=1854", "source.firstDay=d_0", "source.lastDay=d_-3", "source.lastDay=D_5"})
    void daysMustBeDayColumns(String override) {
        String key = override.substring(0, override.indexOf('='));

        assertThat(fails(key, M5, override).getMessage()).contains("d_<positive number>");
    }

    @Test
    void firstDayMustNotFollowLastDay() {
        assertThat(fails("source.firstDay", M5 + "  firstDay: d_1913\n  lastDay: d_1854\n").getMessage())
                .contains("d_1913", "d_1854");
        assertThat(JobConfigTest.parse(M5 + "  firstDay: d_7\n  lastDay: d_7\n").source().firstDay()).contains("d_7");
    }

    @Test
    void itemKeyedModelsCannotWatchM5WideFiles() {
        assertThat(fails("source.monitorInterval", M5 + "  monitorInterval: 10s\n", "model.keyMode=item").getMessage())
                .contains("watermark");
        assertThat(JobConfigTest.parse(M5 + "  monitorInterval: 10s\n").model().keyMode()).isEqualTo(KeyMode.SERIES);
    }

    @Test
    void kafkaSourceRules() {
        fails("source.kafka.bootstrapServers", "source:\n  kafka:\n    topics: [a]\n");
        fails("source.path", KAFKA, "source.format=csv");
        fails("source.format", KAFKA, "source.path=x.csv");
        fails("source.monitorInterval", M5 + "  monitorInterval: 10s\n  kafka: {bootstrapServers: 'h:1', topics: t}\n");
        fails("source.monitorInterval", KAFKA, "source.monitorInterval=10s");
        fails("output.kafka.transactionalIdPrefix", KAFKA + "    transactionalIdPrefix: ' '\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "source.kafka.bootstrapServers=kafka | source.kafka.bootstrapServers | host:port",
            "source.kafka.topics=[]              | source.kafka.topics           | one or more",
            "source.kafka.topics=a,a             | source.kafka.topics           | twice",
            "source.kafka.topics=a b             | source.kafka.topics[0]        | topic name",
            "source.kafka.bounded=maybe          | source.kafka.bounded          | true or false",
            "source.kafka.properties.group.id=g  | source.kafka.properties.group.id | groupId",
            "source.kafka.properties.bootstrap.servers=h:1 | source.kafka.properties.bootstrap.servers | bootstrapServers",
            "output.kafka.transactionTimeout=20min | output.kafka.transactionTimeout | 15min",
            "output.kafka.transactionTimeout=5s  | output.kafka.transactionTimeout | runtime.checkpointInterval",
            "output.kafka.topics.forecasts=a/b   | output.kafka.topics.forecasts | topic name",
            "output.kafka.properties.transaction.timeout.ms=1 | output.kafka.properties.transaction.timeout.ms | transactionTimeout",
            "output.kafka.properties.transactional.id=t | output.kafka.properties.transactional.id | transactionalIdPrefix",
            "runtime.checkpointInterval=off      | output.kafka.deliveryGuarantee | at-least-once",
    })
    void kafkaErrorsNameTheKey(String override, String key, String mention) {
        assertThat(error(KAFKA, override).key()).isEqualTo(key);
        assertThat(error(KAFKA, override).getMessage()).startsWith(key + " ").contains(mention);
        assertThat(JobConfig.parse(KAFKA, "jobs/x.yaml", List.of("output.files=false")).output().files()).isFalse();
    }

    // ---- the file itself ----

    @Test
    void yamlSyntaxErrorsGiveALineAndColumn() {
        assertThat(error("source: [\n").getMessage()).startsWith("jobs/x.yaml is not valid YAML: ").contains("line ");
        assertThat(error("a: b: c\n").getMessage()).contains("mapping values are not allowed here", "line 1");
        assertThat(error(CSV + "---\nname: y\n").getMessage()).contains("more than one document");
    }

    @Test
    void duplicateKeysAreRejected() {
        JobConfigException e = error(CSV + "runtime:\n  parallelism: 2\n  parallelism: 3\n");

        assertThat(e.key()).isEqualTo("runtime.parallelism");
        assertThat(e.getMessage()).contains("Duplicate", "parallelism", "line 6");
    }

    @Test
    void theFileMustBeOneMapping() {
        assertThat(error("- a\n- b\n").getMessage()).contains("must be a mapping of keys (name, source, output");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        JobConfigException e = catchThrowableOfType(JobConfigException.class, () -> JobConfig.load(missing, List.of()));

        assertThat(e.getMessage()).isEqualTo("job file " + missing + " not found");
        assertThat(e.key()).isNull();
    }
}
