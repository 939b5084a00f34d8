package dev.streamcast.job;

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

/** Every class of configuration error gives one clear line that names the key. */
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
    static final String RUNTIME_KEYS = "parallelism, stateBackend, incrementalCheckpoints, checkpointInterval, "
            + "checkpointDir, restartAttempts, restartDelay, webUi, modelCache, stateTtl, flink";

    static JobConfigException error(String yaml, String... overrides) {
        return catchThrowableOfType(JobConfigException.class,
                () -> JobConfig.parse(yaml, "jobs/x.yaml", List.of(overrides)));
    }

    // ---- unknown keys ----

    @Test
    void unknownKeyNamesItsPathTheFileAndTheAllowedKeys() {
        JobConfigException e = error(CSV + "runtime:\n  stateBakend: rocksdb\n");

        assertThat(e.getMessage()).isEqualTo("unknown key 'runtime.stateBakend' in jobs/x.yaml; allowed keys here: "
                + RUNTIME_KEYS + " (did you mean 'stateBackend'?)");
        assertThat(e.key()).isEqualTo("runtime.stateBakend");
    }

    @Test
    void unknownTopLevelKey() {
        JobConfigException e = error(CSV + "checkpointInterval: 10s\n");

        assertThat(e.getMessage()).isEqualTo("unknown key 'checkpointInterval' in jobs/x.yaml; allowed keys here: "
                + "name, source, output, model, snapshotIntervalDays, forecast, runtime");
    }

    @Test
    void horizonKeysAreValidated() {
        assertThat(error(CSV + "forecast:\n  horizon: 400\n").getMessage())
                .startsWith("forecast.horizon must be 0..366 days; got 400");
        assertThat(error(CSV + "forecast:\n  horizon: 3\n  protocol: creme\n  afterEachEvent: true\n").getMessage())
                .startsWith("forecast.afterEachEvent needs forecast.protocol frozen");
        assertThat(error(CSV + "forecast:\n  afterEachEvent: true\n").getMessage())
                .startsWith("forecast.afterEachEvent needs a forecast.horizon of 1 or more days");
        assertThat(error(CSV + "forecast:\n  protocol: python\n").getMessage())
                .contains("forecast.protocol").contains("frozen").contains("creme");
    }

    @Test
    void unknownKeyDeepInTheFile() {
        assertThat(error(CSV + "model:\n  knnWindows: 3\n").getMessage())
                .startsWith("unknown key 'model.knnWindows' in jobs/x.yaml; allowed keys here: keyMode, knnWindow, "
                        + "knnNeighbours, lmLearningRate, lmInterceptLearningRate, lmClipGradient, wdayWindows, itemWindows")
                .endsWith("(did you mean 'knnWindow'?)");
        assertThat(error(CSV + "Output: {}\n").getMessage()).endsWith("(did you mean 'output'?)");
        assertThat(error(CSV + "source2: {}\n").getMessage()).endsWith("(did you mean 'source'?)");
        assertThat(error(CSV + "sink: {}\n").getMessage()).doesNotContain("did you mean");
    }

    @Test
    void unknownKeyInAnOverrideNamesTheOverride() {
        JobConfigException e = error(CSV, "runtime.stateBakend=hashmap");

        assertThat(e.getMessage()).isEqualTo("unknown key 'runtime.stateBakend' in override "
                + "'runtime.stateBakend=hashmap'; allowed keys here: " + RUNTIME_KEYS + " (did you mean 'stateBackend'?)");
        assertThat(e.key()).isEqualTo("runtime.stateBakend");
        assertThat(error(CSV, "sorce.path=x").getMessage())
                .startsWith("unknown key 'sorce' in override 'sorce.path=x'; allowed keys here: name, source,");
    }

    @Test
    void overridesMustNameAValue() {
        assertThat(error(CSV, "runtime.parallelism.max=3").getMessage()).isEqualTo("unknown key "
                + "'runtime.parallelism.max' in override 'runtime.parallelism.max=3'; runtime.parallelism is a value, "
                + "not a section, so it has no key 'max'");
        assertThat(error(CSV, "runtime=4").getMessage()).startsWith("runtime is a section, not a value, in override "
                + "'runtime=4'; set one of its keys (" + RUNTIME_KEYS + ")");
        assertThat(error(CSV, "runtime.flink=x").getMessage()).contains("runtime.flink is a section");
        assertThat(error(CSV, "runtime.parallelism").getMessage())
                .isEqualTo("override 'runtime.parallelism' must look like key.path=value, e.g. source.path=data/x.csv");
        assertThat(error(CSV, "=4").getMessage()).contains("must look like key.path=value");
        assertThat(error(CSV, "runtime..parallelism=4").getMessage()).contains("has an empty part in its key");
    }

    @Test
    void overrideBelowAValueThatIsNotASectionInTheFile() {
        assertThat(error(CSV + "runtime: 4\n", "runtime.parallelism=3").getMessage())
                .isEqualTo("runtime must be a section of keys; got '4' (in jobs/x.yaml)");
    }

    // ---- invalid enum values ----

    @Test
    void invalidEnumValueListsTheAllowedValues() {
        JobConfigException e = error(CSV + "runtime:\n  stateBackend: rocks\n");

        assertThat(e.getMessage())
                .isEqualTo("runtime.stateBackend must be one of rocksdb, hashmap; got 'rocks' (in jobs/x.yaml)");
        assertThat(e.key()).isEqualTo("runtime.stateBackend");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "source.format=parquet       | source.format must be one of m5-wide, csv, jsonl; got 'parquet'",
            "source.format=m5_wide       | source.format must be one of m5-wide, csv, jsonl; got 'm5_wide'",
            "output.format=xml           | output.format must be one of jsonl, csv; got 'xml'",
            "model.keyMode=store         | model.keyMode must be one of series, item; got 'store'",
            "runtime.stateBackend=0      | runtime.stateBackend must be one of rocksdb, hashmap; got '0'",
    })
    void invalidEnumValueFromAnOverride(String override, String message) {
        assertThat(error(CSV, override).getMessage()).isEqualTo(message + " (in override '" + override + "')");
    }

    // ---- wrong types ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "runtime: {parallelism: four}          | runtime.parallelism must be a whole number; got 'four'",
            "runtime: {parallelism: 2.5}           | runtime.parallelism must be a whole number; got '2.5'",
            "runtime: {parallelism: true}          | runtime.parallelism must be a whole number; got 'true'",
            "runtime: {parallelism: ''}            | runtime.parallelism must be a whole number; got ''",
            "runtime: {parallelism: [2]}           | runtime.parallelism must be a whole number; got a list",
            "runtime: {parallelism: 99999999999}   | runtime.parallelism is out of range for a whole number; got '99999999999'",
            "runtime: {webUi: maybe}               | runtime.webUi must be true or false; got 'maybe'",
            "runtime: {webUi: 1}                   | runtime.webUi must be true or false; got '1'",
            "runtime: {flink: 3}                   | runtime.flink must be a section of key: value pairs; got '3'",
            "runtime: {flink: {a: [1]}}            | runtime.flink.a must be a single value; got a list",
            "model: {lmLearningRate: fast}         | model.lmLearningRate must be a number; got 'fast'",
            "model: {itemWindows: [7, x]}          | model.itemWindows[1] must be a whole number; got 'x'",
            "model: {itemWindows: {a: 1}}          | model.itemWindows must be a list such as [7, 6, 5]; got a section (key: value pairs)",
            "output: {print: {a: 1}}               | output.print must be true or false; got a section (key: value pairs)",
            "snapshotIntervalDays: weekly          | snapshotIntervalDays must be a whole number; got 'weekly'",
            "name: [a, b]                          | name must be a single value; got a list",
    })
    void wrongTypeNamesTheKeyAndTheExpectedType(String yaml, String message) {
        JobConfigException e = error(CSV + yaml + "\n");

        assertThat(e.getMessage()).isEqualTo(message + " (in jobs/x.yaml)");
        assertThat(message).startsWith(e.key() + " ");
    }

    @Test
    void wrongTypeOfASection() {
        assertThat(error(CSV + "runtime: 3\n").getMessage()).isEqualTo("runtime must be a section with the keys "
                + RUNTIME_KEYS + "; got '3' (in jobs/x.yaml)");
    }

    @Test
    void wrongTypeFromAnOverrideNamesTheOverride() {
        assertThat(error(CSV, "runtime.restartAttempts=many").getMessage()).isEqualTo(
                "runtime.restartAttempts must be a whole number; got 'many' (in override 'runtime.restartAttempts=many')");
        assertThat(error(CSV, "model.itemWindows=7,6,x").getMessage()).isEqualTo(
                "model.itemWindows[2] must be a whole number; got 'x' (in override 'model.itemWindows=7,6,x')");
    }

    // ---- source rules ----

    @Test
    void sourceFormatAndPathAreRequired() {
        assertThat(error("source:\n  path: x.csv\n").getMessage())
                .isEqualTo("source.format is required; one of m5-wide, csv, jsonl (in jobs/x.yaml)");
        assertThat(error("").getMessage()).startsWith("source.format is required");
        assertThat(error("source:\n  format: jsonl\n").getMessage())
                .isEqualTo("source.path is required: a file or a directory of jsonl files (in jobs/x.yaml)");
        assertThat(error("source:\n  format: jsonl\n  path: ' '\n").key()).isEqualTo("source.path");
    }

    @Test
    void m5WideNeedsACalendar() {
        JobConfigException e = error("source:\n  format: m5-wide\n  path: data/m5/sales_subset.csv\n");

        assertThat(e.getMessage()).isEqualTo("source.calendar is required for source.format m5-wide (M5's calendar.csv, "
                + "which dates the d_1, d_2, ... columns) (in jobs/x.yaml)");
        assertThat(e.key()).isEqualTo("source.calendar");
        assertThat(error(M5, "source.calendar=").key()).isEqualTo("source.calendar");
    }

    @Test
    void calendarAndDaysAreRejectedForOtherFormats() {
        assertThat(error(CSV + "  calendar: data/m5/calendar.csv\n").getMessage()).isEqualTo(
                "source.calendar only applies to source.format m5-wide; remove it for source.format csv (in jobs/x.yaml)");
        assertThat(error(M5, "source.format=jsonl").getMessage()).isEqualTo(
                "source.calendar only applies to source.format m5-wide; remove it for source.format jsonl (in jobs/x.yaml)");
        assertThat(error(CSV, "source.firstDay=d_1").getMessage()).isEqualTo("source.firstDay only applies to "
                + "source.format m5-wide; remove it for source.format csv (in override 'source.firstDay=d_1')");
        assertThat(error(CSV, "source.lastDay=d_9").key()).isEqualTo("source.lastDay");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "source.firstDay=1854     | source.firstDay must be an M5 day column d_<positive number> such as d_1854; got '1854'",
            "source.firstDay=d_0      | source.firstDay must be an M5 day column d_<positive number> such as d_1854; got 'd_0'",
            "source.lastDay=d_-3      | source.lastDay must be an M5 day column d_<positive number> such as d_1854; got 'd_-3'",
            "source.lastDay=D_5       | source.lastDay must be an M5 day column d_<positive number> such as d_1854; got 'D_5'",
    })
    void daysMustBeDayColumns(String override, String message) {
        assertThat(error(M5, override).getMessage()).isEqualTo(message + " (in override '" + override + "')");
    }

    @Test
    void firstDayMustNotFollowLastDay() {
        assertThat(error(M5 + "  firstDay: d_1913\n  lastDay: d_1854\n").getMessage()).isEqualTo(
                "source.firstDay (d_1913) must not be after source.lastDay (d_1854) (in jobs/x.yaml)");
        assertThat(JobConfig.parse(M5 + "  firstDay: d_7\n  lastDay: d_7\n").source().firstDayNumber()).hasValue(7);
    }

    // ---- model parameters: LearnerParams' validation, prefixed with model. ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "model.knnWindow=0                | model.knnWindow     | model.knnWindow must be in 1..1024, got 0",
            "model.knnNeighbours=2000         | model.knnNeighbours | model.knnNeighbours must be in 1..1024, got 2000",
            "model.lmLearningRate=0           | model.lmLearningRate | model.lmLearningRate must be a finite number > 0, got 0.0",
            "model.lmInterceptLearningRate=-1 | model.lmInterceptLearningRate | model.lmInterceptLearningRate must be a finite number >= 0, got -1.0",
            "model.lmClipGradient=-5          | model.lmClipGradient | model.lmClipGradient must be a finite number > 0, got -5.0",
            "model.itemWindows=7,7            | model.itemWindows   | model.itemWindows lists window 7 twice; each size may appear once",
            "model.wdayWindows=0,1            | model.wdayWindows   | model.wdayWindows must be in 1..1024, got 0",
            "model.itemWindows=[]             | model.itemWindows   | model.itemWindows must list at least one window size (1..1024)",
    })
    void modelParameterErrorsNameTheModelKey(String override, String key, String message) {
        JobConfigException e = error(CSV, override);

        assertThat(e.getMessage()).isEqualTo(message + " (in override '" + override + "')");
        assertThat(e.key()).isEqualTo(key);
    }

    @Test
    void modelParameterErrorsFromTheFile() {
        assertThat(error(CSV + "model:\n  knnNeighbours: 0\n").getMessage())
                .isEqualTo("model.knnNeighbours must be in 1..1024, got 0 (in jobs/x.yaml)");
        assertThat(error(CSV + "model:\n  itemWindows: [7, ~]\n").getMessage())
                .isEqualTo("model.itemWindows must not have empty entries; entry 1 is empty (in jobs/x.yaml)");
    }

    // ---- other values ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "runtime.parallelism=0              | runtime.parallelism must be in 1..1024; got 0",
            "runtime.parallelism=1025           | runtime.parallelism must be in 1..1024; got 1025",
            "runtime.restartAttempts=-1         | runtime.restartAttempts must be 0 or more; got -1",
            "runtime.checkpointInterval=5ms     | runtime.checkpointInterval must be at least 10ms, or 0 or off to disable checkpointing; got 5ms",
            "snapshotIntervalDays=0             | snapshotIntervalDays must be 1 or more; got 0",
            "name=my job                        | name must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit; got 'my job'",
            "name=../up                         | name must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit; got '../up'",
            "runtime.flink.parallelism.default=4 | runtime.flink.parallelism.default is set by runtime.parallelism; use that key instead",
            "runtime.flink.state.backend.type=hashmap | runtime.flink.state.backend.type is set by runtime.stateBackend; use that key instead",
            "runtime.flink.execution.checkpointing.dir=/x | runtime.flink.execution.checkpointing.dir is set by runtime.checkpointDir; use that key instead",
    })
    void invalidValuesNameTheKey(String override, String message) {
        JobConfigException e = error(CSV, override);

        assertThat(e.getMessage()).startsWith(message + " (in ");
        assertThat(message).startsWith(e.key() + " ");
    }

    @Test
    void blankPathsAreRejected() {
        assertThat(error(CSV + "runtime:\n  checkpointDir: ' '\n").getMessage())
                .isEqualTo("runtime.checkpointDir must not be empty (in jobs/x.yaml)");
        assertThat(error(CSV + "output:\n  path: ''\n").getMessage())
                .isEqualTo("output.path must not be empty (in jobs/x.yaml)");
        assertThat(error(CSV + "name: ''\n").key()).isEqualTo("name");
    }

    @Test
    void reservedFlinkKeysAreRejectedInTheFileToo() {
        assertThat(error(CSV + "runtime:\n  flink:\n    restart-strategy.fixed-delay.attempts: 9\n").getMessage())
                .isEqualTo("runtime.flink.restart-strategy.fixed-delay.attempts is set by runtime.restartAttempts; "
                        + "use that key instead (in jobs/x.yaml)");
    }

    // ---- the file itself ----

    @Test
    void yamlSyntaxErrorsGiveALineAndColumn() {
        assertThat(error("source: [\n").getMessage()).isEqualTo("jobs/x.yaml is not valid YAML: while parsing a flow "
                + "node: expected the node content, but found '<stream end>' (line 2, column 1)");
        assertThat(error("a: b: c\n").getMessage())
                .isEqualTo("jobs/x.yaml is not valid YAML: mapping values are not allowed here (line 1, column 5)");
    }

    @Test
    void duplicateKeysAreRejected() {
        JobConfigException e = error(CSV + "runtime:\n  parallelism: 2\n  parallelism: 3\n");

        assertThat(e.getMessage()).isEqualTo("duplicate key 'runtime.parallelism' in jobs/x.yaml (line 6, column 14); "
                + "each key may appear once");
        assertThat(e.key()).isEqualTo("runtime.parallelism");
    }

    @Test
    void theFileMustBeOneMapping() {
        assertThat(error("- a\n- b\n").getMessage()).isEqualTo("jobs/x.yaml must be a mapping of keys (name, source, "
                + "output, model, snapshotIntervalDays, forecast, runtime) at the top level; got a list");
        assertThat(error(CSV + "---\nname: y\n").getMessage()).startsWith("jobs/x.yaml holds more than one YAML document");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        JobConfigException e = catchThrowableOfType(JobConfigException.class, () -> JobConfig.load(missing));

        assertThat(e.getMessage()).isEqualTo("job file " + missing + " not found");
        assertThat(e.key()).isNull();
    }

    @Test
    void errorsInALoadedFileNameThatFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, CSV + "runtime:\n  stateBackend: heap\n");

        JobConfigException e = catchThrowableOfType(JobConfigException.class, () -> JobConfig.load(file));

        assertThat(e.getMessage())
                .isEqualTo("runtime.stateBackend must be one of rocksdb, hashmap; got 'heap' (in " + file + ")");
    }

    @Test
    void messagesAreOneLine() {
        for (JobConfigException e : List.of(error("source: [\n"), error(CSV + "runtime:\n  x: 1\n"),
                error("a:\n  b: 1\n c: 2\n"), error(CSV, "model.knnWindow=0"))) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    // ---- Kafka ----

    static final String KAFKA = """
            source:
              kafka:
                bootstrapServers: localhost:9092
                topics: [sales]
            output:
              kafka:
                bootstrapServers: localhost:9092
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "source.kafka.bootstrapServers=     | source.kafka.bootstrapServers is required: the brokers as host:port[,host:port...], e.g. localhost:9092",
            "source.kafka.bootstrapServers=kafka | source.kafka.bootstrapServers must be host:port[,host:port...], e.g. localhost:9092; got 'kafka'",
            "source.kafka.topics=[]             | source.kafka.topics is required: one or more topics, e.g. [sales]",
            "source.kafka.topics=a,a            | source.kafka.topics lists 'a' twice",
            "source.kafka.topics=a b            | source.kafka.topics[0] must be a Kafka topic name (1 to 249 letters, digits, '.', '_' or '-'); got 'a b'",
            "source.kafka.startingOffsets=first | source.kafka.startingOffsets must be one of earliest, latest, committed; got 'first'",
            "source.kafka.bounded=maybe         | source.kafka.bounded must be true or false; got 'maybe'",
            "source.kafka.properties.group.id=g | source.kafka.properties.group.id is set by source.kafka.groupId; use that instead",
            "source.kafka.properties.bootstrap.servers=h:1 | source.kafka.properties.bootstrap.servers is set by source.kafka.bootstrapServers; use that instead",
            "source.kafka.grupId=g              | unknown key 'source.kafka.grupId' in override 'source.kafka.grupId=g'; allowed keys here: bootstrapServers, topics, groupId, startingOffsets, bounded, properties (did you mean 'groupId'?)",
            "source.monitorInterval=10s         | source.monitorInterval only applies to input files; give source.format and source.path too (files first, then source.kafka) or remove it",
            "output.kafka.deliveryGuarantee=once | output.kafka.deliveryGuarantee must be one of exactly-once, at-least-once; got 'once'",
            "output.kafka.transactionTimeout=20min | output.kafka.transactionTimeout must be between 1s and 15min (the brokers' default transaction.max.timeout.ms); got 20min",
            "output.kafka.transactionTimeout=5s | output.kafka.transactionTimeout (5s) must be longer than runtime.checkpointInterval (10s): a transaction stays open from one checkpoint to the next",
            "output.kafka.topics.forecasts=a/b  | output.kafka.topics.forecasts must be a Kafka topic name (1 to 249 letters, digits, '.', '_' or '-'); got 'a/b'",
            "output.kafka.topics.metric=m       | unknown key 'output.kafka.topics.metric' in override 'output.kafka.topics.metric=m'; allowed keys here: forecasts, metrics, series, deadLetters, late (did you mean 'metrics'?)",
            "output.kafka.properties.transaction.timeout.ms=1 | output.kafka.properties.transaction.timeout.ms is set by output.kafka.transactionTimeout; use that instead",
            "output.kafka.properties.transactional.id=t | output.kafka.properties.transactional.id is set by output.kafka.transactionalIdPrefix; use that instead",
            "runtime.checkpointInterval=off     | output.kafka.deliveryGuarantee exactly-once commits its transactions on checkpoints, so runtime.checkpointInterval must not be off (or choose at-least-once)",
            "output.files=false                 | ",
    })
    void kafkaErrorsNameTheKey(String override, String message) {
        if (message == null) {
            assertThat(JobConfig.parse(KAFKA, "jobs/x.yaml", List.of(override)).output().files()).isFalse();
            return;
        }
        JobConfigException e = error(KAFKA, override);

        assertThat(e).as(override).isNotNull();
        assertThat(e.getMessage()).startsWith(message.startsWith("unknown") ? message : message + " (in ");
        if (!message.startsWith("unknown")) {
            assertThat(message).startsWith(e.key() + " ");
        }
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void kafkaSourceRules() {
        assertThat(error("source:\n  kafka:\n    topics: [a]\n").getMessage()).isEqualTo("source.kafka.bootstrapServers "
                + "is required: the brokers as host:port[,host:port...], e.g. localhost:9092 (in jobs/x.yaml)");
        assertThat(error(KAFKA, "source.format=csv").getMessage()).isEqualTo(
                "source.path is required: a file or a directory of csv files (in jobs/x.yaml)");
        assertThat(error(KAFKA, "source.path=x.csv").getMessage()).isEqualTo(
                "source.format is required; one of m5-wide, csv, jsonl (in jobs/x.yaml)");
        assertThat(error("").getMessage()).isEqualTo("source.format is required; one of m5-wide, csv, jsonl "
                + "(or give source.kafka to read a Kafka topic) (in jobs/x.yaml)");
        assertThat(error(M5 + "  monitorInterval: 10s\n  kafka: {bootstrapServers: 'h:1', topics: t}\n").getMessage())
                .isEqualTo("source.monitorInterval cannot be combined with source.kafka: the files are read once (the "
                        + "backfill), then the topic (in jobs/x.yaml)");
        assertThat(error(CSV + "output:\n  files: false\n").getMessage()).isEqualTo("output.files is false and there "
                + "is no output.kafka: the job would write nothing (in jobs/x.yaml)");
        assertThat(error(KAFKA + "    transactionalIdPrefix: ' '\n").getMessage())
                .isEqualTo("output.kafka.transactionalIdPrefix must not be empty (in jobs/x.yaml)");
    }
}
