package dev.streamcast.cli;

import dev.streamcast.job.FileOutputs;
import dev.streamcast.job.JobConfig;
import dev.streamcast.job.StreamcastJob;
import dev.streamcast.outputs.CommittedOutputs;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code streamcast run JOB.yaml [--local] [--overwrite] [--keep-ui] [--KEY.PATH VALUE | --KEY.PATH=VALUE |
 * --set KEY.PATH=VALUE]...}: runs a job file. With {@code --local} on an embedded cluster with the web UI,
 * progress lines and a summary; without it on the cluster of {@code flink run}, and nowhere else (no silent local
 * run). An output directory that already holds committed outputs is refused (a second run would add to them and
 * the summary would count both) unless {@code --overwrite} deletes them first.
 */
@Command(name = RunCommand.NAME,
        customSynopsis = {"streamcast run JOB.yaml [--local [--keep-ui]] [--overwrite]",
                "                      [--KEY.PATH VALUE | --KEY.PATH=VALUE | --set KEY.PATH=VALUE]..."},
        description = {"Run a job file (jobs/*.yaml).",
                "With --local on an embedded Flink cluster (web UI on http://localhost:8081, progress lines, a "
                + "summary); without it on the cluster 'flink run' submits to: flink run [-d] "
                + "target/streamcast-*.jar run JOB.yaml ..."},
        footer = {"", "Any key of the job file can be overridden, as --KEY.PATH VALUE, --KEY.PATH=VALUE or --set "
                + "KEY.PATH=VALUE, e.g. --source.path data/x.csv --runtime.parallelism=4.",
                "An output directory that holds the outputs of an earlier run is refused: --overwrite deletes them "
                + "first, or choose another --output.path.",
                "Ctrl-C cancels a local job: the outputs committed up to its last checkpoint stay; part files whose "
                + "names start with '.' are in progress, not results."})
final class RunCommand extends Subcommand {
    static final String NAME = "run";
    /** The folders a job writes below its output directory. */
    private static final List<String> OUTPUTS = List.of(FileOutputs.FORECASTS, FileOutputs.METRICS,
            FileOutputs.SERIES, FileOutputs.DEAD_LETTERS, FileOutputs.LATE);


    @Option(names = "--local", description = "run on an embedded Flink cluster in this process")
    boolean local;

    @Option(names = "--overwrite", description = "delete the outputs of an earlier run in the output directory "
            + "first (forecasts/, metrics/, series/, dead-letters/, late/)")
    boolean overwrite;

    @Option(names = "--keep-ui", description = "with --local: keep the embedded cluster and its web UI up after a "
            + "bounded job ends, to look at the finished job, until Ctrl-C")
    boolean keepUi;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE", description = "override a key of the job file")
    List<String> set = new ArrayList<>();

    @Parameters(paramLabel = "JOB.yaml", description = "the job file, then any --KEY.PATH VALUE overrides")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        List<String> overrides = new ArrayList<>(set);
        Path jobFile = jobFile(overrides);
        UsageException.readable(jobFile, "job file");
        if (keepUi && !local) {
            throw new ParameterException(spec.commandLine(), "--keep-ui needs --local");
        }
        if (!local && StreamExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
            throw new UsageException("no Flink cluster to submit to: run it here with --local, or submit it to a "
                    + "cluster with 'flink run target/streamcast-*.jar run " + jobFile + " ...' (see README)");
        }
        JobConfig config = JobConfig.load(jobFile, overrides);
        if (config.output().files()) {
            prepareOutputs(Path.of(config.output().path()), overwrite, cli);
        }
        if (!local) {
            StreamcastJob.run(config, false, cli.out);
            return 0;
        }
        // Ctrl-C: say what became of the job and its outputs
        AtomicBoolean ended = new AtomicBoolean();
        Thread interrupt = new Thread(() -> cli.err.println(ended.get()
                ? "streamcast: stopped the local cluster of job '" + config.name() + "'"
                : "streamcast: interrupted: job '" + config.name() + "' cancelled; " + (config.output().files()
                ? "the outputs committed up to its last checkpoint are in " + config.output().path()
                + " (part files whose names start with '.' are in progress, not results)"
                : "the Kafka outputs committed up to its last checkpoint stay")));
        Runtime.getRuntime().addShutdownHook(interrupt);
        CompletableFuture<Void> release = keepUi ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        try {
            StreamcastJob.run(config, true, release, start, cli.out);
            ended.set(true);
            if (keepUi) {
                cli.out.println("streamcast: the embedded cluster and its web UI stay up with the finished job; "
                        + "Ctrl-C stops them");
                new CountDownLatch(1).await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // --keep-ui ended by an interrupt (not Ctrl-C: that ends the JVM)
        } finally {
            release.complete(null);
            try {
                Runtime.getRuntime().removeShutdownHook(interrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
        }
        return 0;
    }

    /** The job file among the arguments; the overrides among them, in order, go to {@code overrides}. */
    private Path jobFile(List<String> overrides) {
        Path job = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--") && w.length() > 2) {
                String key = w.substring(2);
                if (!key.contains("=")) {
                    if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                        throw new ParameterException(spec.commandLine(), w + " needs a value");
                    }
                    key += "=" + words.get(++i);
                }
                overrides.add(key);
            } else if (w.startsWith("-") && w.length() > 1) {
                throw new ParameterException(spec.commandLine(), "unknown option '" + w + "'");
            } else if (job == null) {
                job = Path.of(w);
            } else {
                throw new ParameterException(spec.commandLine(), "unexpected argument '" + w + "'");
            }
        }
        if (job == null) {
            throw new ParameterException(spec.commandLine(), "missing JOB.yaml");
        }
        return job;
    }

    /**
     * Refuses an output directory holding committed outputs of an earlier run, or with {@code overwrite} deletes
     * its output folders (committed and in-progress part files); nothing else in the directory is touched.
     */
    static void prepareOutputs(Path dir, boolean overwrite, Cli cli) throws IOException, UsageException {
        List<Path> held = new ArrayList<>();
        for (String name : OUTPUTS) {
            Path sub = dir.resolve(name);
            if (Files.isDirectory(sub) && (overwrite || !CommittedOutputs.partFiles(sub).isEmpty())) {
                held.add(sub);
            }
        }
        if (held.isEmpty()) {
            return;
        }
        if (!overwrite) {
            throw new UsageException(dir + " already holds the outputs of an earlier run (" + String.join(", ",
                    held.stream().map(p -> p.getFileName() + "/").toList()) + "): a second run would add to them, "
                    + "and its summary and report would count both. Use --overwrite to delete them first, or "
                    + "another --output.path");
        }
        for (Path sub : held) {
            FileUtils.deleteDirectory(sub.toFile());
        }
        cli.out.println("streamcast: --overwrite: deleted the earlier outputs in " + dir);
    }
}
