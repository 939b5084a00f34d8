package dev.streamcast.cli;

import dev.streamcast.bench.JobBenchmark;
import dev.streamcast.job.Durations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code streamcast bench [--backends hashmap,rocksdb] [--series 1000,10000,30490] [--events N] [--parallelism P]
 * [--runs R] [--sink discard|files] [--checkpoint-interval 10s] [--model-cache N] [--flink KEY=VALUE]...}: the job
 * benchmark table (see
 * {@link JobBenchmark}); every series count gets the same number of events (days = events ÷ series).
 */
public final class BenchCommand {
    static final String USAGE = "usage: streamcast bench [--backends hashmap,rocksdb] [--series 1000,10000,30490] "
            + "[--events N] [--parallelism P] [--runs R] [--sink discard|files] [--checkpoint-interval 10s] [--model-cache N] [--flink KEY=VALUE]...";

    private BenchCommand() {
    }

    public static void run(String[] args) throws Exception {
        List<String> backends = List.of("hashmap", "rocksdb");
        List<Integer> series = List.of(1000, 10_000, 30_490);
        long events = 1_500_000;
        int parallelism = 2;
        int runs = 3;
        boolean files = false;
        Duration interval = Duration.ofSeconds(10);
        java.util.Map<String, String> flink = new java.util.TreeMap<>();
        int modelCache = 50_000;
        for (int i = 0; i < args.length; i++) {
            String v = Args.value(args, i + 1, args[i]);
            switch (args[i]) {
                case "--backends" -> backends = Arrays.asList(v.split(","));
                case "--series" -> {
                    List<Integer> counts = new ArrayList<>();
                    for (String s : v.split(",")) {
                        counts.add(positive("--series", s));
                    }
                    series = counts;
                }
                case "--events" -> events = positive("--events", v);
                case "--parallelism" -> parallelism = positive("--parallelism", v);
                case "--runs" -> runs = positive("--runs", v);
                case "--model-cache" -> modelCache = v.equals("0") ? 0 : positive("--model-cache", v);
                case "--sink" -> files = switch (v) {
                    case "files" -> true;
                    case "discard" -> false;
                    default -> throw new UsageException("--sink must be discard or files, got '" + v + "'");
                };
                case "--checkpoint-interval" -> {
                    try {
                        interval = Durations.parse(v);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--checkpoint-interval " + e.getMessage());
                    }
                }
                case "--flink" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--flink takes KEY=VALUE, got '" + v + "'");
                    }
                    flink.put(v.substring(0, eq), v.substring(eq + 1));
                }
                default -> throw new UsageException("unexpected argument '" + args[i] + "'\n" + USAGE);
            }
            i++;
        }
        for (String b : backends) {
            if (!b.equals("hashmap") && !b.equals("rocksdb")) {
                throw new UsageException("--backends takes hashmap and/or rocksdb, got '" + b + "'");
            }
        }
        List<JobBenchmark.Setup> setups = new ArrayList<>();
        for (String b : backends) {
            for (int s : series) {
                setups.add(new JobBenchmark.Setup(b, s, (int) Math.max(1, events / s), parallelism, interval, files,
                        flink, b.equals("rocksdb") ? modelCache : 0));
            }
        }
        Path work = Files.createTempDirectory("streamcast-bench");
        System.out.printf("streamcast bench: %d cores, %s, %d measured runs per row after a warm-up; work dir %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), runs, work);
        JobBenchmark.table(setups, runs, work, System.out);
    }

    private static int positive(String flag, String v) throws UsageException {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " takes positive whole numbers, got '" + v + "'");
    }
}
