package dev.streamcast.job;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.Validation;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.PooledParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The shipped job files, defaults, overrides and the rendering of the effective configuration. */
class JobConfigTest {
    static final String MINIMAL = """
            source:
              format: csv
              path: data/long.csv
            """;

    static JobConfig parse(String yaml, String... overrides) {
        return JobConfig.parse(yaml, "jobs/x.yaml", List.of(overrides));
    }

    @Test
    void demoJobFileParses() {
        JobConfig c = JobConfig.load(Path.of("jobs/demo.yaml"), List.of());

        assertThat(c.name()).isEqualTo("demo");
        assertThat(c.source().format()).isEqualTo(SourceFormat.M5_WIDE);
        assertThat(c.source().path()).isEqualTo("data/m5/sales_subset.csv");
        assertThat(c.source().calendar()).contains("data/m5/calendar.csv");
        assertThat(c.source().firstDay()).isEmpty();
        assertThat(c.source().lastDay()).isEmpty();
        assertThat(c.source().continuous()).isFalse();
        assertThat(c.source().maxOutOfOrderness()).isZero();
        assertThat(c.output()).isEqualTo(new OutputConfig("out/demo", OutputFormat.JSONL, false, null, null));
        assertThat(c.model()).isEqualTo(ModelConfig.seed());
        assertThat(c.snapshotIntervalDays()).isEqualTo(28);
        assertThat(c.runtime()).isEqualTo(RuntimeConfig.defaults());
        assertThat(c.runtime().stateBackend()).isEqualTo(StateBackend.ROCKSDB);
    }

    @Test
    void m5SeedJobFileParses() {
        JobConfig c = JobConfig.load(Path.of("jobs/m5-seed.yaml"), List.of());

        assertThat(c.name()).isEqualTo("m5-seed");
        assertThat(c.source().format()).isEqualTo(SourceFormat.M5_WIDE);
        assertThat(c.source().calendar()).contains("data/m5/calendar.csv");
        assertThat(c.source().firstDay()).contains("d_1854");
        assertThat(c.source().lastDay()).contains("d_1913");
        assertThat(c.output().path()).isEqualTo("out/m5-seed");
        assertThat(c.model().keyMode()).isEqualTo(KeyMode.SERIES);
        assertThat(c.model().params()).isEqualTo(LearnerParams.seed());
    }

    @Test
    void everyShippedJobFileParsesAndIsNamedAfterItsFile() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("jobs"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("demo.yaml", "m5-seed.yaml");
        for (Path file : files) {
            JobConfig c = JobConfig.load(file, List.of());
            assertThat(c.name()).as(file.toString()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
        }
    }

    @Test
    void absentKeysTakeTheirDefaults() {
        JobConfig c = parse(MINIMAL);

        assertThat(c.name()).isEqualTo("x");
        assertThat(c.source()).isEqualTo(new SourceConfig(SourceFormat.CSV, "data/long.csv", null, null, null, null,
                null, false, false, null, null));
        assertThat(c.output()).isEqualTo(new OutputConfig("out/x", OutputFormat.JSONL, false, null, null));
        assertThat(c.model().keyMode()).isEqualTo(KeyMode.SERIES);
        assertThat(c.model().params()).isEqualTo(LearnerParams.seed());
        assertThat(c.snapshotIntervalDays()).isEqualTo(28);
        RuntimeConfig r = c.runtime();
        assertThat(r.parallelism()).isEqualTo(2);
        assertThat(r.stateBackend()).isEqualTo(StateBackend.ROCKSDB);
        assertThat(r.incrementalCheckpoints()).isTrue();
        assertThat(r.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.checkpointingEnabled()).isTrue();
        assertThat(r.checkpointDir()).isEqualTo("out/checkpoints");
        assertThat(r.restartAttempts()).isEqualTo(3);
        assertThat(r.restartDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.webUi()).isTrue();
        assertThat(r.flink()).isEmpty();
    }

    @Test
    void emptySectionsAndNullValuesMeanDefaults() {
        JobConfig c = parse(MINIMAL + """
                output:
                model:
                runtime:
                  parallelism:
                  flink:
                """);

        assertThat(c.output().path()).isEqualTo("out/x");
        assertThat(c.model()).isEqualTo(ModelConfig.seed());
        assertThat(c.runtime()).isEqualTo(RuntimeConfig.defaults());
    }

    @Test
    void defaultNameAndOutputPathComeFromTheFileName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-run.yml");
        Files.writeString(file, MINIMAL);

        JobConfig c = JobConfig.load(file, List.of());

        assertThat(c.name()).isEqualTo("my-run");
        assertThat(c.output().path()).isEqualTo("out/my-run");
        assertThat(parse(MINIMAL + "name: other\n").output().path()).isEqualTo("out/other");
    }

    @Test
    void everyKeyIsRead() {
        JobConfig c = parse("""
                name: full
                source:
                  format: jsonl
                  path: in/
                  monitorInterval: 30s
                  maxOutOfOrderness: 2d
                output:
                  path: /tmp/full
                  format: csv
                  print: true
                model:
                  keyMode: item
                  knnWindow: 20
                  knnNeighbours: 5
                  lmLearningRate: 0.01
                  lmInterceptLearningRate: 0
                  lmClipGradient: 100
                  wdayWindows: [4, 8]
                  itemWindows: [3]
                snapshotIntervalDays: 7
                runtime:
                  parallelism: 4
                  stateBackend: hashmap
                  incrementalCheckpoints: false
                  checkpointInterval: 1min
                  checkpointDir: file:///tmp/cp
                  restartAttempts: 0
                  restartDelay: 500ms
                  webUi: false
                  flink:
                    pipeline.max-parallelism: 128
                    taskmanager.memory.process.size: 2g
                """);

        assertThat(c.name()).isEqualTo("full");
        assertThat(c.source()).isEqualTo(new SourceConfig(SourceFormat.JSONL, "in/", null, null, null,
                Optional.of(Duration.ofSeconds(30)), Duration.ofDays(2), false, false, null, null));
        assertThat(c.source().continuous()).isTrue();
        assertThat(c.output()).isEqualTo(new OutputConfig("/tmp/full", OutputFormat.CSV, true, null, null));
        assertThat(c.model()).isEqualTo(new ModelConfig(KeyMode.ITEM,
                new LearnerParams(20, 5, 0.01, 0.0, 100.0, List.of(8, 4), List.of(3)), null));
        assertThat(c.snapshotIntervalDays()).isEqualTo(7);
        assertThat(c.runtime()).isEqualTo(new RuntimeConfig(4, StateBackend.HASHMAP, false, Duration.ofMinutes(1),
                "file:///tmp/cp", 0, Duration.ofMillis(500), false, null, null, null,
                Map.of("pipeline.max-parallelism", "128", "taskmanager.memory.process.size", "2g")));
    }

    @Test
    void pooledParametersFromTheFileAndOverridesTheRestDefaults() {
        JobConfig c = parse("""
                source: {format: csv, path: x.csv}
                model:
                  pooled: {levelRate: 0.2, warmUpDays: 14}
                forecast: {horizon: 28, serving: pooled}
                """, "model.pooled.snapRate=0.3");
        assertThat(c.model().pooled()).isEqualTo(new PooledParams(0.2, null, 0.3, null, null, 14, null, null, null));
        assertThat(c.model().pooled().weekdayRate()).isEqualTo(PooledParams.DEFAULTS.weekdayRate());
        assertThat(c.forecast().serving()).isEqualTo(dev.streamcast.learn.Serving.POOLED);
        assertThat(parse("source: {format: csv, path: x.csv}\n").model().pooled()).isEqualTo(PooledParams.DEFAULTS);
        assertThat(JobConfig.parse(c.toYaml(), "again", List.of())).isEqualTo(c);
    }

    @Test
    void enumValuesAreCaseInsensitive() {
        JobConfig c = parse("""
                source: {format: CSV, path: x.csv}
                model: {keyMode: Item}
                runtime: {stateBackend: HashMap}
                """);

        assertThat(c.source().format()).isEqualTo(SourceFormat.CSV);
        assertThat(c.model().keyMode()).isEqualTo(KeyMode.ITEM);
        assertThat(c.runtime().stateBackend()).isEqualTo(StateBackend.HASHMAP);
    }

    @Test
    void scalarOverridesReplaceFileValues() {
        JobConfig c = JobConfig.load(Path.of("jobs/demo.yaml"),
                List.of("source.path=/data/m5/sales_train_validation.csv", "runtime.parallelism=8",
                        "runtime.stateBackend=hashmap", "output.print=true", "model.lmLearningRate=0.02",
                        "name=big-run"));

        assertThat(c.source().path()).isEqualTo("/data/m5/sales_train_validation.csv");
        assertThat(c.runtime().parallelism()).isEqualTo(8);
        assertThat(c.runtime().stateBackend()).isEqualTo(StateBackend.HASHMAP);
        assertThat(c.output().print()).isTrue();
        assertThat(c.model().params().lmLearningRate()).isEqualTo(0.02);
        assertThat(c.name()).isEqualTo("big-run");
        assertThat(c.output().path()).as("set in the file, so not renamed").isEqualTo("out/demo");
    }

    @Test
    void overridesCreateAbsentSections() {
        JobConfig c = parse(MINIMAL, "runtime.restartDelay=5s", "model.keyMode=item", "source.monitorInterval=1min",
                "snapshotIntervalDays=14");

        assertThat(c.runtime().restartDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.runtime().parallelism()).isEqualTo(2);
        assertThat(c.model().keyMode()).isEqualTo(KeyMode.ITEM);
        assertThat(c.model().params()).isEqualTo(LearnerParams.seed());
        assertThat(c.source().monitorInterval()).contains(Duration.ofMinutes(1));
        assertThat(c.snapshotIntervalDays()).isEqualTo(14);
    }

    @Test
    void listOverridesTakeCommaSeparatedOrBracketedValues() {
        JobConfig commas = parse(MINIMAL, "model.itemWindows=7,6,5");
        JobConfig brackets = parse(MINIMAL, "model.wdayWindows=[ 2, 4 ,8 ]");
        JobConfig single = parse(MINIMAL, "model.itemWindows=14");

        assertThat(commas.model().params().itemWindows()).containsExactly(7, 6, 5);
        assertThat(commas.model().params().wdayWindows()).isEqualTo(LearnerParams.seed().wdayWindows());
        assertThat(brackets.model().params().wdayWindows()).containsExactly(8, 4, 2);
        assertThat(single.model().params().itemWindows()).containsExactly(14);
    }

    @Test
    void flinkKeysWithDotsAreOverriddenWhole() {
        JobConfig c = parse(MINIMAL + """
                runtime:
                  flink:
                    pipeline.max-parallelism: 64
                """, "runtime.flink.pipeline.max-parallelism=128", "runtime.flink.env.java.opts.all=-Dx=y -Da=b");

        assertThat(c.runtime().flink()).containsExactly(
                Map.entry("env.java.opts.all", "-Dx=y -Da=b"),
                Map.entry("pipeline.max-parallelism", "128"));
    }

    @Test
    void laterOverridesWin() {
        JobConfig c = parse(MINIMAL, "runtime.parallelism=3", "runtime.parallelism=5");

        assertThat(c.runtime().parallelism()).isEqualTo(5);
    }

    @Test
    void anEmptyOverrideRemovesTheKey() {
        JobConfig c = JobConfig.load(Path.of("jobs/m5-seed.yaml"), List.of(
                "source.format=csv", "source.path=data/long.csv", "source.calendar=", "source.firstDay=",
                "source.lastDay=", "output.path=", "runtime.flink.pipeline.max-parallelism="));

        assertThat(c.source().format()).isEqualTo(SourceFormat.CSV);
        assertThat(c.source().calendar()).isEmpty();
        assertThat(c.source().firstDay()).isEmpty();
        assertThat(c.output().path()).as("back to the default out/<name>").isEqualTo("out/m5-seed");
        assertThat(c.runtime().flink()).isEmpty();
    }

    @Test
    void checkpointingCanBeSwitchedOff() {
        for (String off : List.of("0", "off", "OFF", "0s")) {
            JobConfig c = parse(MINIMAL, "runtime.checkpointInterval=" + off);
            assertThat(c.runtime().checkpointingEnabled()).as(off).isFalse();
            assertThat(c.runtime().checkpointInterval()).as(off).isZero();
        }
        // YAML 1.1 reads an unquoted off as false
        assertThat(parse(MINIMAL + "runtime:\n  checkpointInterval: off\n").runtime().checkpointingEnabled()).isFalse();
        assertThat(parse(MINIMAL + "runtime:\n  checkpointInterval: 0\n").runtime().checkpointingEnabled()).isFalse();
    }

    @Test
    void toYamlRendersTheEffectiveConfigurationAndReadsBackEqual() {
        JobConfig c = JobConfig.load(Path.of("jobs/m5-seed.yaml"), List.of(
                "runtime.checkpointInterval=off", "runtime.parallelism=6", "model.itemWindows=3,2",
                "runtime.flink.pipeline.max-parallelism=128", "runtime.flink.env.java.opts.all=-Dfoo=bar: baz",
                "runtime.flink.weird=yes", "source.path=data dir/#1.csv"));

        String yaml = c.toYaml();

        assertThat(yaml).contains("name: m5-seed\n", "  format: m5-wide\n", "  firstDay: d_1854\n",
                "  checkpointInterval: 0 ms\n", "  parallelism: 6\n", "  itemWindows:\n  - 3\n  - 2\n",
                "  stateBackend: rocksdb\n", "  keyMode: series\n", "  restartDelay: 2 s\n",
                "  maxOutOfOrderness: 0 ms\n", "  path: data dir/#1.csv\n", "    weird: \"yes\"\n");
        assertThat(yaml).doesNotContain("monitorInterval");
        assertThat(JobConfig.parse(yaml, "jobs/m5-seed.yaml", List.of())).isEqualTo(c);
    }

    @Test
    void toYamlOfDefaultsListsEveryKeyThatHasAValue() {
        String yaml = parse(MINIMAL).toYaml();

        assertThat(yaml).startsWith("""
                name: x
                source:
                  format: csv
                  path: data/long.csv
                  maxOutOfOrderness: 0 ms
                  requireM5Ids: false
                  strict: false
                output:
                  path: out/x
                  format: jsonl
                  print: false
                  files: true
                model:
                  keyMode: series
                  knnWindow: 30
                  knnNeighbours: 15
                  lmLearningRate: 0.005
                  lmInterceptLearningRate: 0.001
                  lmClipGradient: 1.0E12
                  wdayWindows:
                  - 30
                """).contains("""
                  itemWindows:
                  - 7
                """).contains("""
                  pooled:
                    levelRate: 0.06
                    weekdayRate: 0.05
                    snapRate: 0.0
                    monthDayRate: 0.03
                    seriesWeekdayRate: 0.05
                    warmUpDays: 7
                    maxRatio: 5.0
                    eventRate: 0.1
                    groupLevelRate: 0.02
                snapshotIntervalDays: 28
                forecast:
                  horizon: 0
                  protocol: frozen
                  afterEachEvent: false
                  serving: seed
                runtime:
                  parallelism: 2
                  stateBackend: rocksdb
                  incrementalCheckpoints: true
                  checkpointInterval: 10 s
                  checkpointDir: out/checkpoints
                  restartAttempts: 3
                  restartDelay: 2 s
                  webUi: true
                  modelCache: 50000
                  mode: streaming
                  flink: {}
                """);
    }

    @Test
    void recordValidationKeysDefaultToLenientAndReachTheParsers() {
        SourceConfig lenient = parse(MINIMAL).source();
        assertThat(lenient.requireM5Ids()).isFalse();
        assertThat(lenient.strict()).isFalse();
        assertThat(lenient.validation()).isEqualTo(Validation.LENIENT);

        JobConfig c = parse(MINIMAL + "  requireM5Ids: true\n  strict: true\n");
        assertThat(c.source().validation()).isEqualTo(new Validation(true, true));
        assertThat(c.toYaml()).contains("  requireM5Ids: true\n", "  strict: true\n");
        assertThat(JobConfig.parse(c.toYaml(), "jobs/x.yaml", List.of())).isEqualTo(c);
        assertThat(parse(MINIMAL, "source.strict=true").source().validation()).isEqualTo(new Validation(false, true));
        assertThat(parse(MINIMAL, "source.requireM5Ids=true").source().validation())
                .isEqualTo(new Validation(true, false));

        assertThat(catchThrowableOfType(JobConfigException.class, () -> parse(MINIMAL, "source.strict=maybe")))
                .hasMessage("source.strict must be true or false; got 'maybe' (in override 'source.strict=maybe')");
        assertThat(catchThrowableOfType(JobConfigException.class, () -> parse(MINIMAL + "  requireM5Ids: 1\n")))
                .hasMessage("source.requireM5Ids must be true or false; got '1' (in jobs/x.yaml)");
        assertThat(catchThrowableOfType(JobConfigException.class, () -> parse(MINIMAL, "source.requireM5ID=true")))
                .hasMessageContaining("unknown key 'source.requireM5ID'")
                .hasMessageContaining("did you mean 'requireM5Ids'?");
    }

    @Test
    void checkpointDirBecomesAnAbsoluteUri() {
        RuntimeConfig relative = parse(MINIMAL).runtime();
        RuntimeConfig uri = parse(MINIMAL, "runtime.checkpointDir=file:///var/cp").runtime();

        assertThat(relative.checkpointDirUri())
                .isEqualTo(Path.of("out/checkpoints").toAbsolutePath().toUri().toString().replaceAll("/$", ""))
                .startsWith("file:/")
                .endsWith("/out/checkpoints");
        assertThat(uri.checkpointDirUri()).isEqualTo("file:///var/cp");
    }

    @Test
    void recordsAreImmutable() {
        JobConfig c = parse(MINIMAL + "runtime:\n  flink: {a: b}\n");

        assertThat(c.runtime().flink()).isUnmodifiable();
        assertThat(c.model().params().itemWindows()).isUnmodifiable();
    }

    // ---- Kafka ----

    static final String KAFKA = """
            source:
              kafka:
                bootstrapServers: localhost:9092
                topics: sales
            output:
              kafka:
                bootstrapServers: localhost:9092
            """;

    @Test
    void kafkaSourceAndOutputsTakeTheirDefaults() {
        JobConfig c = parse(KAFKA);

        SourceConfig s = c.source();
        assertThat(s.hasFiles()).isFalse();
        assertThat(s.format()).isNull();
        assertThat(s.kafka()).contains(new KafkaSourceConfig("localhost:9092", List.of("sales"), "streamcast-x",
                StartingOffsets.EARLIEST, false, Map.of()));
        assertThat(c.output().files()).as("Kafka outputs replace the files by default").isFalse();
        assertThat(c.output().kafka()).contains(new KafkaOutputConfig("localhost:9092",
                new KafkaOutputConfig.Topics("forecasts", "metrics", "series", "dead-letters", "late", "none"),
                KafkaDelivery.EXACTLY_ONCE, "streamcast-x", Duration.ofMinutes(10), Map.of()));
    }

    @Test
    void everyKafkaKeyIsRead() {
        JobConfig c = parse("""
                source:
                  format: m5-wide
                  path: data/m5/sales_subset.csv
                  calendar: data/m5/calendar.csv
                  lastDay: d_1851
                  kafka:
                    bootstrapServers: broker1:9092, broker2:9093
                    topics: [sales, sales-eu]
                    groupId: my-group
                    startingOffsets: committed
                    bounded: true
                    properties:
                      security.protocol: SASL_SSL
                      max.poll.records: 1000
                output:
                  files: true
                  kafka:
                    bootstrapServers: broker1:9092
                    topics: {forecasts: fc, metrics: none, series: snap, deadLetters: dlq, late: lt, answers: ans}
                    deliveryGuarantee: at-least-once
                    transactionalIdPrefix: prod-1
                    transactionTimeout: 5min
                    properties: {compression.type: zstd}
                """);

        assertThat(c.source().hasFiles()).as("files first, then the topic").isTrue();
        assertThat(c.source().kafka()).contains(new KafkaSourceConfig("broker1:9092,broker2:9093",
                List.of("sales", "sales-eu"), "my-group", StartingOffsets.COMMITTED, true,
                Map.of("security.protocol", "SASL_SSL", "max.poll.records", "1000")));
        assertThat(c.output().files()).isTrue();
        KafkaOutputConfig k = c.output().kafka().orElseThrow();
        assertThat(k).isEqualTo(new KafkaOutputConfig("broker1:9092",
                new KafkaOutputConfig.Topics("fc", "none", "snap", "dlq", "lt", "ans"), KafkaDelivery.AT_LEAST_ONCE,
                "prod-1", Duration.ofMinutes(5), Map.of("compression.type", "zstd")));
        assertThat(KafkaOutputConfig.Topics.of(k.topics().metrics())).isEmpty();
        assertThat(JobConfig.parse(c.toYaml(), "jobs/x.yaml", List.of())).isEqualTo(c);
    }

    @Test
    void kafkaKeysCanBeOverridden() {
        JobConfig c = parse(KAFKA, "source.kafka.topics=a,b", "source.kafka.bootstrapServers=kafka:9092",
                "source.kafka.properties.security.protocol=SSL", "output.kafka.topics.forecasts=fc",
                "output.kafka.deliveryGuarantee=at-least-once", "source.kafka.bounded=true", "output.files=true");

        assertThat(c.source().kafka().orElseThrow().topics()).containsExactly("a", "b");
        assertThat(c.source().kafka().orElseThrow().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(c.source().kafka().orElseThrow().bounded()).isTrue();
        assertThat(c.source().kafka().orElseThrow().properties()).containsEntry("security.protocol", "SSL");
        assertThat(c.output().kafka().orElseThrow().topics().forecasts()).isEqualTo("fc");
        assertThat(c.output().kafka().orElseThrow().deliveryGuarantee()).isEqualTo(KafkaDelivery.AT_LEAST_ONCE);
        assertThat(c.output().files()).isTrue();
    }

    @Test
    void secretsAreMaskedInToYamlAndToString() {
        JobConfig c = parse(KAFKA + """
                    properties:
                      sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="hunter2";
                      ssl.key.password: keypass
                      ssl.keystore.password: storepass
                      ssl.truststore.password: trustpass
                      security.protocol: SASL_SSL
                runtime:
                  flink:
                    s3.secret-key: s3secret
                    s3.access-key: AKIA
                    pipeline.max-parallelism: 64
                """, "source.kafka.properties.sasl.jaas.config=jaas-from-override",
                "source.kafka.properties.basic.auth.user.info=u:pw");

        String yaml = c.toYaml();
        String text = c.toString();
        for (String shown : List.of(yaml, text)) {
            assertThat(shown).doesNotContain("hunter2", "keypass", "storepass", "trustpass", "s3secret", "AKIA",
                    "jaas-from-override", "u:pw").contains(Secrets.MASK).contains("SASL_SSL");
        }
        assertThat(yaml).contains("      sasl.jaas.config: '******'\n", "    pipeline.max-parallelism: 64\n");
        assertThat(c.toYaml(false)).contains("hunter2", "s3secret");
        assertThat(JobConfig.parse(c.toYaml(false), "jobs/x.yaml", List.of())).isEqualTo(c);
        assertThat(Secrets.isSecret("ssl.keystore.key")).isTrue();
        assertThat(Secrets.isSecret("sasl.oauthbearer.token.endpoint.url")).isTrue();
        assertThat(Secrets.isSecret("security.protocol")).isFalse();
        assertThat(Secrets.isSecret("sasl.mechanism")).isFalse();
    }

    @Test
    void shippedKafkaJobFilesParse() {
        JobConfig backfill = JobConfig.load(Path.of("jobs/m5-backfill-then-kafka.yaml"), List.of());
        assertThat(backfill.source().hasFiles()).as("files first, then the topic").isTrue();
        assertThat(backfill.source().kafka()).isPresent();
        assertThat(backfill.source().format()).isEqualTo(SourceFormat.M5_WIDE);
        assertThat(backfill.output().kafka()).isPresent();
        JobConfig live = JobConfig.load(Path.of("jobs/kafka-live.yaml"), List.of());
        assertThat(live.source().hasFiles()).isFalse();
        assertThat(live.output().kafka().orElseThrow().deliveryGuarantee()).isEqualTo(KafkaDelivery.EXACTLY_ONCE);
    }
}
