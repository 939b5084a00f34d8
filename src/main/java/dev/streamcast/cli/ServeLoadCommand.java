package dev.streamcast.cli;

import dev.streamcast.bench.ServeLoad;
import dev.streamcast.serve.Gateway;
import dev.streamcast.job.KafkaSourceConfig;
import dev.streamcast.learn.KeyMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code streamcast serve-load JOB.yaml [--rate 100,500,2000] [--duration 30s] [--learn-rate 12000] ...}: request →
 * answer latency of {@code streamcast serve} at fixed prediction rates while the job learns ({@link ServeLoad}),
 * a Markdown table at the end. The job file gives the brokers, the input topic (the learning feed) and the
 * forecasts topic (the job's output rate); the model keys are the series of an M5 wide file.
 */
@Command(name = "serve-load",
        description = {"Latency of `streamcast serve` under load: open-loop predictions at fixed rates while a feed "
                + "of synthetic observations keeps the job learning; p50/p90/p99 per rate.",
                "The job (streamcast run JOB.yaml) and the gateway (streamcast serve JOB.yaml) must run."})
final class ServeLoadCommand extends Subcommand {
    @Mixin
    JobFile jobFile;

    @Option(names = "--url", paramLabel = "URL", description = "the gateway (default http://localhost:5000)")
    URI url = URI.create("http://localhost:5000");

    @Option(names = "--rate", paramLabel = "N", split = ",", converter = BenchCommand.Positive.class,
            description = "predictions per second, one step each (default 100,500,2000)")
    List<Integer> rates = List.of(100, 500, 2000);

    @Option(names = "--duration", paramLabel = "DURATION", description = "how long each step sends (default 30s)")
    Duration duration = Duration.ofSeconds(30);

    @Option(names = "--warm-up", paramLabel = "DURATION",
            description = "an unrecorded first step at the first rate (default 10s)")
    Duration warmUp = Duration.ofSeconds(10);

    @Option(names = "--timeout", paramLabel = "DURATION", description = "how long one call may take (default 10s)")
    Duration timeout = Duration.ofSeconds(10);

    @Option(names = "--learn-rate", paramLabel = "EVENTS_PER_S", description = "synthetic observations per second to "
            + "the input topic while loading (default 12000; 0: none)")
    int learnRate = 12_000;

    @Option(names = "--learn-series", paramLabel = "N", converter = BenchCommand.Positive.class,
            description = "synthetic series the feed cycles through (default 10000)")
    int learnSeries = 10_000;

    @Option(names = "--series-from", paramLabel = "M5.csv", description = "the M5 wide file whose series are "
            + "predicted (default data/m5/sales_subset.csv)")
    Path seriesFrom = Path.of("data/m5/sales_subset.csv");

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "the day predicted (default 2016-05-23)")
    LocalDate day = LocalDate.of(2016, 5, 23);

    @Override
    public Integer call() throws Exception {
        if (learnRate < 0) {
            throw new UsageException("--learn-rate must be 0 or more, got " + learnRate);
        }
        JobTopics job = JobTopics.of(jobFile, "the learning feed writes to the job's input topic",
                "the job's output rate is read from its forecasts topic");
        KafkaSourceConfig in = job.in();
        List<ServeLoad.Step> steps = new ServeLoad(new ServeLoad.Settings(url, keys(), day, rates, duration, warmUp,
                timeout, new Gateway.Kafka(in.bootstrapServers(), in.properties()), in.topics().get(0),
                job.forecasts(), learnRate, learnSeries), cli.out).run();
        cli.out.println();
        cli.out.println("| predictions/s | sent | answered | failed | p50 ms | p90 ms | p99 ms | max ms "
                + "| learning feed events/s | job records/s | load average |");
        cli.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (ServeLoad.Step s : steps) {
            cli.out.printf("| %,d | %,d | %,d | %,d | %.1f | %.1f | %.1f | %.1f | %,.0f | %,.0f | %s |%n", s.rate(),
                    s.sent(), s.answered(), s.failed(), s.p50Ms(), s.p90Ms(), s.p99Ms(), s.maxMs(),
                    s.learnPerSecond(), s.jobPerSecond(), s.loadAverage());
        }
        return steps.stream().allMatch(s -> s.failed() == 0) ? 0 : 1;
    }

    /** The model keys of the file's series (its first column after the header). */
    private List<String> keys() throws Exception {
        List<String> keys;
        try (Stream<String> lines = Files.lines(UsageException.readable(seriesFrom, "M5 wide file"))) {
            keys = lines.skip(1).filter(l -> !l.isBlank()).map(l -> KeyMode.SERIES.keyOf(l.split(",", 2)[0])).toList();
        }
        if (keys.isEmpty()) {
            throw new UsageException(seriesFrom + " has no series");
        }
        return keys;
    }
}
