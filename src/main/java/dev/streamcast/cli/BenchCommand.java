package dev.streamcast.cli;

import dev.streamcast.bench.JobBenchmark;
import dev.streamcast.job.StateBackend;
import org.apache.commons.lang3.math.NumberUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code streamcast bench [--backends hashmap,rocksdb] [--series 1000,10000,30490] [--events N] ...}: the job
 * benchmark table (see {@link JobBenchmark}); every series count gets the same number of events
 * (days = events ÷ series).
 */
@Command(name = "bench",
        description = {"The job benchmark.",
                "Synthetic M5-scale input on a MiniCluster: events/s and checkpoint figures per state backend and "
                + "series count (days = events / series)."})
final class BenchCommand extends Subcommand {
    @Option(names = "--backends", paramLabel = "hashmap|rocksdb", split = ",", description = "state backends to "
            + "measure (default hashmap,rocksdb)")
    List<StateBackend> backends = List.of(StateBackend.HASHMAP, StateBackend.ROCKSDB);

    @Option(names = "--series", paramLabel = "N", split = ",", converter = Positive.class,
            description = "series counts to measure (default 1000,10000,30490)")
    List<Integer> series = List.of(1000, 10_000, 30_490);

    @Option(names = "--events", paramLabel = "N", converter = Positive.class,
            description = "events per run (default 1500000)")
    int events = 1_500_000;

    @Option(names = "--parallelism", paramLabel = "P", converter = Positive.class, description = "job parallelism "
            + "(default 2)")
    int parallelism = 2;

    @Option(names = "--runs", paramLabel = "R", converter = Positive.class, description = "measured runs per row, after "
            + "a warm-up (default 3)")
    int runs = 3;

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run each row once unmeasured first (default; --no-warm-up for long runs)")
    boolean warmUp = true;

    @Option(names = "--sink", paramLabel = "discard|files", description = "discard the outputs (default) or write them "
            + "as files")
    Sink sink = Sink.DISCARD;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", description = "e.g. 500ms, 10s (default 10s)")
    Duration interval = Duration.ofSeconds(10);

    @Option(names = "--model-cache", paramLabel = "N", description = "RocksDB: models kept deserialised per subtask "
            + "(default 50000; 0 = none)")
    int modelCache = 50_000;

    @Option(names = "--serving", paramLabel = "seed|pooled", split = ",", description = "seed: the series learners "
            + "only (default); pooled: also the pooled learner's stage, serving a 28-day horizon; both: one row each")
    List<BenchServing> servings = List.of(BenchServing.SEED);

    /** What the benchmarked job serves. */
    enum BenchServing { SEED, POOLED }

    @Option(names = "--flink", paramLabel = "KEY=VALUE", description = "a Flink configuration key for the runs")
    Map<String, String> flink = new TreeMap<>();

    @Override
    public Integer call() throws Exception {
        if (modelCache < 0) {
            throw new UsageException("--model-cache must be 0 or more, got " + modelCache);
        }
        List<JobBenchmark.Setup> setups = new ArrayList<>();
        for (StateBackend b : backends) {
            for (int s : series) {
                for (BenchServing serving : servings) {
                    setups.add(new JobBenchmark.Setup(b.name().toLowerCase(Locale.ROOT), s, Math.max(1, events / s),
                            parallelism, interval, sink == Sink.FILES, flink,
                            b == StateBackend.ROCKSDB ? modelCache : 0, serving == BenchServing.POOLED));
                }
            }
        }
        Path work = Files.createTempDirectory("streamcast-bench");
        cli.out.printf("streamcast bench: %d cores, %s, %d measured runs per row%s; work dir %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), runs, warmUp ? " after a warm-up" : "", work);
        JobBenchmark.table(setups, runs, warmUp, work, cli.out);
        return 0;
    }

    /** A whole number above 0. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            int n = NumberUtils.toInt(v, 0); // not a whole number: 0, refused as well
            if (n > 0) {
                return n;
            }
            throw new TypeConversionException("must be a positive whole number, got '" + v + "'");
        }
    }

    /** Where the outputs go. */
    enum Sink { DISCARD, FILES }
}
