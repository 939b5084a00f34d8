package dev.streamcast.cli;

import dev.streamcast.functions.LearnMetrics;
import dev.streamcast.job.FileOutputs;
import dev.streamcast.job.StreamcastJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user meets it: help and version on every command, usage errors with exit status 2, and
 * {@code run} on a real MiniCluster (the golden input): overrides, a used output directory refused,
 * {@code --overwrite}, no silent local run without {@code --local}, {@code --keep-ui}.
 */
class CliTest {
    static final List<String> COMMANDS = List.of("run", "trace", "replay", "report", "bench", "evaluate", "baseline",
            "submission", "serve");
    static final Path GOLDEN = Path.of("src/test/resources/golden/public/input.csv");

    @TempDir
    Path tmp;

    @Test
    void everyCommandPrintsItsUsageWithHelpAndH() {
        for (String command : COMMANDS) {
            for (String help : List.of("--help", "-h")) {
                CliRun run = CliRun.of(command, help);
                assertThat(run.code()).as(command + " " + help + ": " + run).isZero();
                assertThat(run.out()).as(command + " " + help).startsWith("Usage: streamcast " + command + " ")
                        .contains("-h, --help").contains("-V, --version");
                assertThat(run.err()).isEmpty();
            }
        }
        CliRun root = CliRun.of("--help");
        assertThat(root.code()).isZero();
        assertThat(root.out()).startsWith("Usage: streamcast [-hV] [COMMAND]");
        for (String command : COMMANDS) {
            assertThat(root.out()).containsPattern("\n  " + command + " +\\S");
        }
        // help wins over everything else on the line, also where a job file would be read
        assertThat(CliRun.of("run", "-h", "jobs/demo.yaml").out()).startsWith("Usage: streamcast run JOB.yaml");
        assertThat(CliRun.of("run", "jobs/demo.yaml", "--local", "--help").code()).isZero();
    }

    @Test
    void versionIsTheProjectVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>streamcast</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"}, new String[] {"run", "--version"},
                new String[] {"report", "-V"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.code()).isZero();
            assertThat(run.out()).startsWith("streamcast " + m.group(1) + System.lineSeparator());
        }
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhat() {
        assertThat(CliRun.of().code()).isEqualTo(2);
        assertThat(CliRun.of().err()).startsWith("Usage: streamcast [-hV] [COMMAND]");
        expectUsageError(List.of("forecast"), "streamcast: Unmatched argument at index 0: 'forecast'");
        expectUsageError(List.of("run"), "streamcast run: missing JOB.yaml");
        expectUsageError(List.of("run", "jobs/demo.yaml", "-x"), "streamcast run: unknown option '-x'");
        expectUsageError(List.of("run", "jobs/demo.yaml", "jobs/m5-seed.yaml"),
                "streamcast run: unexpected argument 'jobs/m5-seed.yaml'");
        expectUsageError(List.of("run", "jobs/demo.yaml", "--local", "--source.path"),
                "streamcast run: --source.path needs a value");
        expectUsageError(List.of("run", "jobs/demo.yaml", "--keep-ui"), "streamcast run: --keep-ui needs --local");
        expectUsageError(List.of("run", "no/such.yaml", "--local"), "streamcast: cannot read job file no/such.yaml");
        expectUsageError(List.of("run", "jobs/demo.yaml", "--local", "--runtime.parallelism", "lots"),
                "streamcast: runtime.parallelism");
        expectUsageError(List.of("trace", GOLDEN.toString(), "--bogus"), "streamcast trace: Unknown option: '--bogus'");
        expectUsageError(List.of("bench", "--series", "0"),
                "streamcast bench: Invalid value for option '--series' (N): must be a positive whole "
                        + "number, got '0'");
        expectUsageError(List.of("bench", "--sink", "disk"), "streamcast bench: Invalid value for option '--sink': "
                + "expected one of [DISCARD, FILES] (case-insensitive) but was 'disk'");
        expectUsageError(List.of("baseline", "--m5", "data/m5", "--window", "public"), "streamcast baseline: Invalid "
                + "value for option '--window': must be validation (d_1914..d_1941), evaluation (d_1942..d_1969) or "
                + "both, got 'public'");
        expectUsageError(List.of("report", "--input"), "streamcast report: Missing required parameter for option "
                + "'--input' (OUTPUT_DIR)");
        expectUsageError(List.of("submission", "f", "--forecasts", "g", "--window", "both"),
                "streamcast submission: give FORECASTS once, as an argument or as an option");
        expectUsageError(List.of("serve", "jobs/demo.yaml"), "streamcast: jobs/demo.yaml has no source.kafka: serve "
                + "writes requests to the job's input topic");
        expectUsageError(List.of("serve", "jobs/demo.yaml", "--set", "source.kafka.bootstrapServers=localhost:9092",
                "--set", "source.kafka.topics=[sales]"), "streamcast: jobs/demo.yaml has no output.kafka");
        expectUsageError(List.of("serve", "jobs/demo.yaml", "--timeout", "soon"), "streamcast serve: Invalid value "
                + "for option '--timeout': must be a duration such as 500ms, 10s, 5min, 2h or 1d; got 'soon'");
        expectUsageError(List.of("serve-load", "jobs/demo.yaml", "--date", "2016-13-01"), "streamcast serve-load: "
                + "Invalid value for option '--date': cannot convert '2016-13-01' to class java.time.LocalDate");
    }

    private static void expectUsageError(List<String> args, String message) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.code()).as(args + ": " + run).isEqualTo(2);
        assertThat(run.out()).as(args + ": " + run).isEmpty();
        assertThat(run.error()).as(args + ": " + run).startsWith(message);
        assertThat(run.err()).as(args + ": no stack trace").doesNotContain("\tat ");
    }

    @Test
    void runWithoutLocalAndWithoutAClusterSaysSoInsteadOfRunningHere() throws IOException {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("run", job().toString(), "--output.path", out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.error()).isEqualTo("streamcast: no Flink cluster to submit to: run it here with --local, or "
                + "submit it to a cluster with 'flink run target/streamcast-*.jar run " + job() + " ...' (see README)");
        assertThat(out).doesNotExist();
    }

    @Test
    void runWithOverridesRefusesAUsedOutputDirectoryUnlessOverwrite() throws IOException {
        Path out = tmp.resolve("out");
        CliRun first = CliRun.of("run", job().toString(), "--local", "--output.path", out.toString(),
                "--set", "name=golden-override", "--runtime.parallelism=2");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("streamcast: job 'golden-override' started (");
        String done = summary(first);
        long events = Files.readAllLines(GOLDEN).size() - 1;
        assertThat(done).contains(String.format(": %,d events learned (", events));
        List<String> forecasts = committed(out.resolve(FileOutputs.FORECASTS));
        assertThat(forecasts).hasSize((int) events);

        CliRun again = CliRun.of("run", job().toString(), "--local", "--output.path", out.toString());
        assertThat(again.code()).as(again.toString()).isEqualTo(2);
        assertThat(again.error()).isEqualTo("streamcast: " + out + " already holds the outputs of an earlier run "
                + "(forecasts/, metrics/, series/): a second run would add to them, and its summary and report would "
                + "count both. Use --overwrite to delete them first, or another --output.path");
        assertThat(committed(out.resolve(FileOutputs.FORECASTS))).isEqualTo(forecasts);

        Path unrelated = Files.writeString(out.resolve("notes.txt"), "kept");
        CliRun overwrite = CliRun.of("run", job().toString(), "--local", "--overwrite", "--output.path",
                out.toString());
        assertThat(overwrite.code()).as(overwrite.toString()).isZero();
        assertThat(overwrite.out()).startsWith("streamcast: --overwrite: deleted the earlier outputs in " + out);
        assertThat(summary(overwrite)).as("this run only").contains(String.format(": %,d events learned (", events));
        assertThat(committed(out.resolve(FileOutputs.FORECASTS))).containsExactlyInAnyOrderElementsOf(forecasts);
        assertThat(unrelated).hasContent("kept");
    }

    @Test
    void keepUiKeepsTheFinishedJobOnTheWebUiUntilInterrupted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        Thread run = new Thread(() -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                code.set(Cli.execute(new String[] {"run", job().toString(), "--local", "--keep-ui",
                    "--output.path", tmp.resolve("out").toString(), "--runtime.webUi", "true",
                    "--runtime.flink.rest.port", "0"}, o, o));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        run.start();
        try {
            String printed = "";
            for (int i = 0; i < 1200 && !printed.contains("Ctrl-C stops them") && run.isAlive(); i++) {
                Thread.sleep(100);
                printed = out.toString(StandardCharsets.UTF_8);
            }
            assertThat(printed).contains("streamcast: done in ")
                    .contains("the embedded cluster and its web UI stay up with the finished job; Ctrl-C stops them");
            Matcher ui = Pattern.compile("web UI at (http://localhost:\\d+)").matcher(printed);
            assertThat(ui.find()).as(printed).isTrue();
            HttpResponse<String> jobs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ui.group(1) + "/jobs/overview")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(jobs.statusCode()).isEqualTo(200);
            assertThat(jobs.body()).contains("\"name\":\"streamcast golden\"").contains("\"state\":\"FINISHED\"");
            assertThat(run.isAlive()).as("still up after the job ended").isTrue();
        } finally {
            run.interrupt();
            run.join(120_000);
        }
        assertThat(run.isAlive()).isFalse();
        assertThat(code.get()).isZero();
    }

    @Test
    void progressShowsNoMaeBeforeAnythingIsLearnedAndTheShareOfAKnownInput() {
        assertThat(StreamcastJob.progressLine(Map.of(), 1.0, 54_000))
                .isEqualTo("streamcast: 0 events learned (0 % of 54,000 in the input), 0 events/s, MAE -");
        Map<String, Object> acc = Map.of(LearnMetrics.ACC_LEARNED, 27_000L, LearnMetrics.ACC_ERROR_KNN, 27_000.0,
                LearnMetrics.ACC_ERROR_LM, 13_500.0, LearnMetrics.ACC_ERROR_SERVED, 13_500.0,
                LearnMetrics.ACC_MAX_DAY, LocalDate.of(2016, 5, 22).toEpochDay());
        assertThat(StreamcastJob.progressLine(acc, 2.0, 54_000)).isEqualTo("streamcast: 27,000 events learned "
                + "(50 % of 54,000 in the input), 13,500 events/s, MAE knn 1.0000 lm 0.5000 served 0.5000");
        // input of unknown size (Kafka): the latest day learned instead
        assertThat(StreamcastJob.progressLine(acc, 2.0, -1)).isEqualTo("streamcast: 27,000 events learned, "
                + "13,500 events/s, day 2016-05-22, MAE knn 1.0000 lm 0.5000 served 0.5000");
    }

    /** A job file for the golden input: parallelism 1, no web UI, state and checkpoints in the test folder. */
    private Path job() throws IOException {
        Path job = tmp.resolve("golden.yaml");
        if (!Files.exists(job)) {
            Files.writeString(job, String.join("\n",
                    "name: golden",
                    "source: {format: csv, path: " + GOLDEN.toAbsolutePath() + "}",
                    "output: {path: " + tmp.resolve("default-out") + "}",
                    "runtime: {parallelism: 1, webUi: false, stateBackend: hashmap, checkpointDir: "
                            + tmp.resolve("checkpoints") + "}", ""));
        }
        return job;
    }

    private static String summary(CliRun run) {
        return run.out().lines().filter(l -> l.startsWith("streamcast: done in ")).findFirst().orElseThrow(
                () -> new AssertionError("no summary in " + run));
    }

    private static List<String> committed(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
