package dev.streamcast.cli;

import dev.streamcast.job.KafkaOutputConfig;
import dev.streamcast.job.KafkaSourceConfig;
import dev.streamcast.serve.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code streamcast serve JOB.yaml [--host H] [--port P] [--timeout T]}: chantilly's HTTP API ({@link Gateway}) in
 * front of the running job of a job file, through the Kafka topics the file names: its {@code source.kafka} input
 * topic (the first) and its {@code output.kafka} forecasts, answers, series and metrics topics, each with its
 * brokers and client properties. Binds to localhost unless told otherwise.
 */
@Command(name = "serve",
        description = {"Serve chantilly's API (POST /api/predict, /api/learn, /api/init; GET /api/models, "
                + "/api/model/NAME, /api/metrics, /api/stream/events, /api/stream/metrics) in front of a running job.",
                "The job file gives the Kafka brokers, the input topic (source.kafka.topics[0]) and the forecasts "
                + "topic (output.kafka.topics.forecasts), and the answers topic if any (output.kafka.topics.answers); "
                + "the job must run (streamcast run JOB.yaml)."})
final class ServeCommand extends Subcommand {
    @Mixin
    JobFile jobFile;

    @Option(names = "--host", paramLabel = "HOST", description = "the address to bind (default localhost)")
    String host = "localhost";

    @Option(names = "--port", paramLabel = "PORT", description = "the port (default 5000, chantilly's; 0: any)")
    int port = 5000;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "how long a prediction waits for the "
            + "job's answer before 504 (default 5s)")
    Duration wait = Duration.ofSeconds(5);

    @Override
    public Integer call() throws Exception {
        if (wait.isZero()) {
            throw new UsageException("--timeout must be more than 0");
        }
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be 0..65535, got " + port);
        }
        JobTopics job = JobTopics.of(jobFile, "serve writes requests to the job's input topic",
                "serve reads the answers from the job's forecasts topic");
        KafkaSourceConfig in = job.in();
        KafkaOutputConfig out = job.out();
        String forecasts = job.forecasts();
        String answers = KafkaOutputConfig.Topics.of(out.topics().answers()).orElse(null);
        try (Gateway g = Gateway.start(new Gateway.Settings(
                new Gateway.Kafka(in.bootstrapServers(), in.properties()),
                new Gateway.Kafka(out.bootstrapServers(), out.properties()), in.topics().get(0), forecasts, answers,
                KafkaOutputConfig.Topics.of(out.topics().series()).orElse(null),
                KafkaOutputConfig.Topics.of(out.topics().metrics()).orElse(null), host, port, wait))) {
            cli.out.println("streamcast: serving chantilly's API for job '" + job.config().name() + "' on http://" + host
                    + ":" + g.port() + "/api (input topic " + in.topics().get(0) + ", answers from "
                    + (answers == null ? forecasts : answers) + "); Ctrl-C stops");
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
