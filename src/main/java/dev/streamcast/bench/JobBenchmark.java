package dev.streamcast.bench;

import dev.streamcast.functions.Horizon;
import dev.streamcast.learn.Serving;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.SyntheticSales;
import dev.streamcast.job.FileOutputs;
import dev.streamcast.job.ForecastPipeline;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The job benchmark harness: the real dataflow ({@link ForecastPipeline#fromEvents}) fed by the
 * {@link SyntheticSales} generator (source parallelism 1, day order), on a MiniCluster, with checkpoints,
 * into a discarding sink or files. Per configuration: one warm-up run, then {@code runs} measured runs;
 * reports the median events/s (events ÷ time from RUNNING to FINISHED), checkpoint size and duration,
 * state bytes per series and heap used.
 */
public final class JobBenchmark {

    /** One configuration of the benchmark. */
    public record Setup(String backend, int series, int days, int parallelism, Duration checkpointInterval,
                        boolean files, java.util.Map<String, String> flink, int modelCache, boolean pooled) {
        long events() {
            return (long) series * days;
        }
    }

    /** What one measured run gives. */
    public record Result(double eventsPerSecond, long checkpoints, long maxCheckpointMs, long lastCheckpointBytes,
                         long lastFullStateBytes, long heapUsedBytes) {
    }

    private JobBenchmark() {
    }

    public static Result run(Setup setup, Path workDir) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", setup.backend());
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString("execution.checkpointing.interval", setup.checkpointInterval().toMillis() + " ms");
        Path checkpoints = Files.createDirectories(workDir.resolve("checkpoints"));
        conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        conf.setString("pipeline.generic-types", "false");
        conf.setString("pipeline.object-reuse", "true");
        setup.flink().forEach(conf::setString);
        conf.setString("restart-strategy.type", "none");
        conf.setString("taskmanager.memory.managed.size", "512m");
        conf.setString("rest.port", "0"); // any free port: the benchmark needs no web UI
        MiniClusterConfiguration cluster = new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(setup.parallelism()).build();
        try (MiniCluster mini = new MiniCluster(cluster)) {
            mini.start();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(setup.parallelism());
            DataStream<SalesEvent> events = env.fromSource(SyntheticSales.source(setup.series(), setup.days(), 2020),
                    WatermarkStrategy.noWatermarks(), "synthetic sales").uid("source").setParallelism(1);
            ForecastPipeline.Outputs out = ForecastPipeline.fromEvents(events, new ForecastPipeline.Settings(null, LearnerParams.seed(), KeyMode.SERIES, Duration.ZERO,
                    false, new LearnFunction.Options(28, setup.pooled()
                            ? new Horizon(28, Horizon.Protocol.FROZEN, false, Serving.POOLED) : Horizon.NONE,
                            false, setup.modelCache(), null)));
            if (setup.files()) {
                FileOutputs.attach(out, workDir.resolve("out").toString(), OutputFormat.JSONL);
            } else {
                out.forecasts().sinkTo(new DiscardingSink<>()).name("discard forecasts").uid("discard-forecasts");
                out.metrics().sinkTo(new DiscardingSink<>()).name("discard metrics").uid("discard-metrics");
                out.snapshots().sinkTo(new DiscardingSink<>()).name("discard series").uid("discard-series");
            }
            JobGraph graph = env.getStreamGraph().getJobGraph();
            JobID id = mini.submitJob(graph).get().getJobID();
            mini.requestJobResult(id).get();
            AccessExecutionGraph g = mini.getExecutionGraph(id).get();
            if (g.getState() != JobStatus.FINISHED) {
                throw new IllegalStateException("benchmark job ended " + g.getState() + ": " + g.getFailureInfo());
            }
            double seconds = (g.getStatusTimestamp(JobStatus.FINISHED) - g.getStatusTimestamp(JobStatus.RUNNING)) / 1e3;
            CheckpointStatsSnapshot stats = g.getCheckpointStatsSnapshot();
            CompletedCheckpointStats last = stats.getHistory().getLatestCompletedCheckpoint();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Result(setup.events() / seconds, stats.getCounts().getNumberOfCompletedCheckpoints(),
                    stats.getSummaryStats().getEndToEndDurationStats().getMaximum(),
                    last == null ? 0 : last.getCheckpointedSize(), last == null ? 0 : last.getStateSize(), heap);
        }
    }

    /**
     * {@code runs} measured runs of each setup, after a warm-up run if {@code warmUp}; prints one table row per
     * setup with the 1-minute load average before and after it and the process's peak resident memory so far.
     */
    public static void table(List<Setup> setups, int runs, boolean warmUp, Path workDir, PrintStream out)
            throws Exception {
        out.printf("%-8s %-7s %7s %6s %4s %6s | %12s %12s %12s | %6s %9s %11s %10s %9s | %11s %8s%n", "backend",
                "serving", "series", "days", "par", "sink", "events/s", "min", "max", "ckpts", "ckpt max", "ckpt bytes",
                "B/series", "heap MB", "load", "peak MB");
        for (Setup s : setups) {
            double loadBefore = loadAverage();
            if (warmUp) {
                run(s, Files.createTempDirectory(workDir, "warmup"));
            }
            double[] rates = new double[runs];
            Result last = null;
            for (int r = 0; r < runs; r++) {
                last = run(s, Files.createTempDirectory(workDir, "run"));
                rates[r] = last.eventsPerSecond();
            }
            Arrays.sort(rates);
            out.printf("%-8s %-7s %7d %6d %4d %6s | %,12.0f %,12.0f %,12.0f | %6d %7d ms %,11d %,10d %9d | %11s %8s%n",
                    s.backend(), s.pooled() ? "pooled" : "seed", s.series(), s.days(), s.parallelism(), s.files() ? "files" : "discard",
                    rates[runs / 2], rates[0], rates[runs - 1], last.checkpoints(), last.maxCheckpointMs(),
                    last.lastCheckpointBytes(), last.lastFullStateBytes() / s.series(),
                    last.heapUsedBytes() >> 20, String.format("%.1f->%.1f", loadBefore, loadAverage()),
                    peakResidentMb());
        }
    }

    /** The system's load average over the last minute (-1 where the platform has none). */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** This process's peak resident memory in MB (Linux: VmHWM), or "-" where unknown. */
    static String peakResidentMb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> String.valueOf(Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10)).orElse("-");
        } catch (IOException | RuntimeException e) {
            return "-"; // not Linux: unknown
        }
    }
}
