package dev.streamcast.job;

import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.LearnMetrics;
import dev.streamcast.learn.DayCalendar;
import dev.streamcast.learn.Serving;
import dev.streamcast.io.CsvLineParser;
import dev.streamcast.io.JsonLineParser;
import dev.streamcast.io.LineParser;
import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.M5GroupHistory;
import dev.streamcast.io.M5WideFormat;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds and runs the streaming job of a {@link JobConfig}: file, Kafka or backfill-then-live source →
 * {@link ForecastPipeline} → file and/or Kafka sinks, with the configured state backend, checkpointing and restarts. Run locally (an embedded cluster
 * with the web UI, progress lines and a summary) or submitted with {@code flink run}.
 */
public final class StreamcastJob {
    private static final Logger LOG = LoggerFactory.getLogger(StreamcastJob.class);
    /** Port of the web UI of local runs (the Flink key {@code rest.port} in {@code runtime.flink} overrides it). */
    public static final int LOCAL_WEB_UI_PORT = 8081;
    /** How often a local run prints a progress line. */
    public static final long PROGRESS_EVERY_MS = 3_000;

    private StreamcastJob() {
    }

    /** The Flink configuration of a job: state backend, checkpoints, restarts, parallelism, pass-through keys. */
    public static Configuration flinkConfiguration(JobConfig job) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.NAME, "streamcast " + job.name());
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true); // records are immutable: chained operators need no copies
        conf.set(RocksDBNativeMetricOptions.ESTIMATE_LIVE_DATA_SIZE, true);
        conf.set(RocksDBNativeMetricOptions.MONITOR_SIZE_ALL_MEM_TABLES, true);
        job.runtime().applyTo(conf);
        return conf;
    }

    /**
     * Adds the job's dataflow to {@code env}: the input of {@code source} (files; a Kafka topic; or files, then the
     * topic), the pipeline, and the outputs of {@code output} (files, Kafka topics, or both).
     */
    public static void build(StreamExecutionEnvironment env, JobConfig job) throws IOException {
        SourceConfig s = job.source();
        Path input = null;
        if (s.hasFiles()) {
            input = Path.of(s.path());
            if (!Files.exists(input)) {
                throw new JobConfigException("source.path", "source.path " + input.toAbsolutePath()
                        + " does not exist");
            }
        }
        // Kafka records come parsed from their deserializer; the parser is the files' (also of a backfill)
        LineParser parser = input != null ? parser(s) : null;
        DataStream<RawLine> lines;
        ForecastPipeline.EventTime eventTime = eventTime(s);
        if (s.kafka().isEmpty()) {
            lines = Inputs.fileLines(env, input, s.monitorInterval().orElse(null));
        } else {
            KafkaSourceConfig k = s.kafka().get();
            WatermarkStrategy<RawLine> watermarks = ForecastPipeline.sourceWatermarks(s.maxOutOfOrderness());
            lines = input != null ? KafkaInputs.backfillThenLive(env, input, k, s.validation(), watermarks)
                    : KafkaInputs.lines(env, k, s.validation(), watermarks);
        }
        LearnFunction.Options learn = learnOptions(job);
        ForecastPipeline.Pooled pooled = new ForecastPipeline.Pooled(job.model().pooled(), DayCalendar.NONE, List.of());
        if (job.forecast().serving() == Serving.POOLED && s.calendar().isPresent()) {
            M5Calendar calendar = M5Calendar.load(Path.of(s.calendar().get()));
            pooled = new ForecastPipeline.Pooled(job.model().pooled(), calendar.days(), s.groupHistory().isPresent()
                    ? M5GroupHistory.load(Path.of(s.groupHistory().get()), calendar) : List.of());
        }
        ForecastPipeline.Outputs outputs = ForecastPipeline.build(lines, new ForecastPipeline.Settings(
                parser, job.model().params(), job.model().keyMode(), s.maxOutOfOrderness(), eventTime, learn, pooled));
        if (job.output().files()) {
            FileOutputs.attach(outputs, Path.of(job.output().path()).toAbsolutePath().toString(),
                    job.output().format());
        }
        job.output().kafka().ifPresent(k -> KafkaOutputs.attach(outputs, k));
        if (job.output().print()) {
            outputs.forecasts().print().name("print forecasts").uid("print-forecasts");
        }
    }

    /**
     * Where the job's event time comes from: a Kafka source's watermarks (also after a backfill from files), none
     * for M5 wide files (a row holds one series' days), else stamped after parsing.
     */
    static ForecastPipeline.EventTime eventTime(SourceConfig s) {
        return s.kafka().isPresent() ? ForecastPipeline.EventTime.FROM_SOURCE
                : s.format() == SourceFormat.M5_WIDE ? ForecastPipeline.EventTime.NO_WATERMARKS
                : ForecastPipeline.EventTime.AFTER_PARSE;
    }

    /** How the job's learn operator learns. */
    public static LearnFunction.Options learnOptions(JobConfig job) {
        boolean withWatermarks = eventTime(job.source()) != ForecastPipeline.EventTime.NO_WATERMARKS;
        // keyed by item, a model learns its series' events day by day, a day's series in id order, whatever order
        // they arrive in (M5 wide rows hold one series' days each): always through the reordering buffer
        boolean reorder = withWatermarks && !job.source().maxOutOfOrderness().isZero()
                || job.model().keyMode() == KeyMode.ITEM;
        return new LearnFunction.Options(job.snapshotIntervalDays(), job.forecast(), reorder,
                job.runtime().effectiveModelCache(), job.runtime().stateTtl());
    }

    /** The parser of the job's input files. */
    public static LineParser parser(SourceConfig s) throws IOException {
        return switch (s.format()) {
            case CSV -> new CsvLineParser(s.validation());
            case JSONL -> new JsonLineParser(s.validation());
            case M5_WIDE -> Inputs.m5WideParser(Path.of(s.path()), Path.of(s.calendar().orElseThrow()),
                    s.firstDay().orElse(null), s.lastDay().orElse(null), s.validation());
        };
    }

    /** {@link #run(JobConfig, boolean, CompletionStage, long, PrintStream)}, timed from now, the cluster not kept. */
    public static JobExecutionResult run(JobConfig job, boolean local, PrintStream console) throws Exception {
        return run(job, local, CompletableFuture.completedFuture(null), System.nanoTime(), console);
    }

    /**
     * Runs the job. {@code local}: on an embedded cluster (with the web UI if configured), printing progress
     * to {@code console} and a summary at the end of a bounded run, timed from {@code startNanos}; the cluster
     * stops once the job has ended and {@code keepClusterUntil} has completed (so its web UI can show the finished
     * job). Otherwise through {@link StreamExecutionEnvironment#getExecutionEnvironment} (the cluster, under
     * {@code flink run}).
     */
    public static JobExecutionResult run(JobConfig job, boolean local, CompletionStage<?> keepClusterUntil,
                                         long startNanos, PrintStream console) throws Exception {
        Configuration conf = flinkConfiguration(job);
        LOG.info("streamcast job '{}', effective configuration:\n{}", job.name(), job.toYaml());
        if (!local) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            build(env, job);
            JobClient client = env.executeAsync("streamcast " + job.name());
            console.printf("streamcast: job '%s' started (%s)%n", job.name(), client.getJobID());
            // flink run -d: submitted, the cluster runs it; attached: flink run waits for the end
            return env.getConfiguration().get(DeploymentOptions.ATTACHED) ? client.getJobExecutionResult().get() : null;
        }
        CompletableFuture<Long> inputRecords = inputRecords(job.source());
        conf.setString("heartbeat.interval", "2 s"); // accumulators (progress lines) travel with heartbeats
        if (job.runtime().webUi()) {
            if (!conf.containsKey("rest.port")) {
                conf.setString("rest.port", String.valueOf(LOCAL_WEB_UI_PORT));
            }
            conf.setString("rest.bind-address", "localhost");
            conf.setString("rest.address", "localhost");
        }
        LocalCluster cluster = new LocalCluster(keepClusterUntil);
        StreamExecutionEnvironment env = cluster.environment(conf);
        build(env, job);
        JobClient client = env.executeAsync("streamcast " + job.name());
        console.printf("streamcast: job '%s' started (%s)%s%n", job.name(), client.getJobID(),
                job.runtime().webUi() ? ", web UI at http://localhost:" + cluster.restAddress().getPort() : "");
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        reportProgress(client, result, startNanos, inputRecords, console);
        JobExecutionResult done = result.get();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        console.println(job.output().files()
                ? RunSummary.fromOutputs(Path.of(job.output().path()), job.output().format()).describe(seconds)
                : kafkaSummary(done, job.output().kafka().orElseThrow(), seconds));
        return done;
    }

    /**
     * How many records a bounded file input holds (M5 wide: rows × days read), counted in the background for the
     * progress lines; -1 when unknown (Kafka, a watched directory, a compression other than gzip).
     */
    static CompletableFuture<Long> inputRecords(SourceConfig s) {
        if (!s.hasFiles() || s.kafka().isPresent() || s.continuous()) {
            return CompletableFuture.completedFuture(-1L);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<Path> files = Inputs.dataFiles(Path.of(s.path()));
                long lines = 0;
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (name.matches(".*\\.(deflate|bz2|xz|zst|zip)$")) {
                        return -1L;
                    }
                    try (BufferedReader in = CommittedOutputs.open(f)) {
                        lines += in.lines().count() - (s.format() == SourceFormat.JSONL ? 0 : 1); // the header
                    }
                }
                if (s.format() != SourceFormat.M5_WIDE) {
                    return lines;
                }
                M5WideFormat format = M5WideFormat.of(Inputs.firstLine(files.get(0)),
                        M5Calendar.load(Path.of(s.calendar().orElseThrow())), s.firstDay().orElse(null),
                        s.lastDay().orElse(null));
                return lines * format.dayCount();
            } catch (IOException | RuntimeException e) {
                LOG.debug("input not counted", e);
                return -1L;
            }
        });
    }

    /** The summary of a run whose outputs went only to Kafka: from the accumulators. */
    static String kafkaSummary(JobExecutionResult done, KafkaOutputConfig k, double seconds) {
        LearnMetrics.Progress p = LearnMetrics.Progress.of(done.getAllAccumulatorResults());
        return String.format("streamcast: done in %.1f s: %,d events learned (%,.0f events/s); MAE knn %.4f, lm %.4f, "
                        + "served %.4f; outputs in Kafka topics %s (%s)",
                seconds, p.learned(), p.learned() / Math.max(seconds, 1e-9), p.maeKnn(), p.maeLm(), p.maeServed(),
                String.join(", ", java.util.stream.Stream.of(k.topics().forecasts(), k.topics().metrics(),
                        k.topics().series(), k.topics().deadLetters(), k.topics().late())
                        .filter(t -> !KafkaOutputConfig.NONE.equals(t)).toList()),
                k.bootstrapServers());
    }

    private static void reportProgress(JobClient client, CompletableFuture<JobExecutionResult> result, long start,
                                       CompletableFuture<Long> inputRecords, PrintStream console)
            throws InterruptedException, ExecutionException {
        while (true) {
            try {
                result.get(PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                try {
                    console.println(progressLine(client.getAccumulators().get(10, TimeUnit.SECONDS),
                            (System.nanoTime() - start) / 1e9, inputRecords.getNow(-1L)));
                } catch (TimeoutException | ExecutionException | IllegalStateException e) {
                    // IllegalStateException: the job ended (and its cluster stopped) since the check above
                    LOG.debug("no progress this time", e);
                }
            }
        }
    }

    /**
     * A progress line: events learned, of how many input records when known (then without the latest day
     * learned, which says little when a wide file is read series by series), the rate, and the MAEs once
     * something is learned.
     */
    public static String progressLine(Map<String, Object> acc, double seconds, long inputRecords) {
        LearnMetrics.Progress p = LearnMetrics.Progress.of(acc);
        long learned = p.learned();
        StringBuilder line = new StringBuilder(String.format("streamcast: %,d events learned", learned));
        if (inputRecords > 0) {
            line.append(String.format(" (%.0f %% of %,d in the input)", 100.0 * learned / inputRecords, inputRecords));
        }
        line.append(String.format(", %,.0f events/s", learned / Math.max(seconds, 1e-9)));
        if (inputRecords <= 0) {
            line.append(", day ").append(p.maxDay() == Long.MIN_VALUE ? "-" : LocalDate.ofEpochDay(p.maxDay()));
        }
        return line.append(learned == 0 ? ", MAE -"
                : String.format(", MAE knn %.4f lm %.4f served %.4f", p.maeKnn(), p.maeLm(), p.maeServed())).toString();
    }
}
