package dev.streamcast.job;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real KRaft Kafka broker (broker and controller in one) in a process of its own, started from the test
 * classpath's Kafka server classes, so that a test can {@link #kill} it with SIGKILL and {@link #restart} it on the
 * same ports and log directory. (The in-JVM test kit of {@link KafkaTestBroker} can only stop a broker cleanly.)
 */
final class KafkaBrokerProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final int port;
    private Process process;

    private KafkaBrokerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Formats a new log directory under {@code dir} and starts the broker on free localhost ports. */
    static KafkaBrokerProcess start(Path dir) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        int controllerPort = freePort();
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=2",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=2",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        // the broker's own log, appended across restarts (the tests' log4j2-test.properties would overwrite theirs)
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = File",
                "appender.file.name = File",
                "appender.file.type = File",
                "appender.file.fileName = " + dir.resolve("broker.log"),
                "appender.file.append = true",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c - %m%n",
                ""));
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, port);
        Process format = broker.java("kafka.tools.StorageTool", "format", "--standalone",
                "-t", Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString());
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting Kafka's storage failed: " + tail(dir.resolve("broker.out")));
        }
        broker.restart();
        return broker;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the broker on its log directory and ports, and waits until it answers. */
    void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        process = java("kafka.Kafka", dir.resolve("server.properties").toString());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(),
                "request.timeout.ms", "2000", "default.api.timeout.ms", "4000"))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Kafka broker did not start: " + tail(dir.resolve("broker.out"))
                                + tail(dir.resolve("broker.log")), notYet);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown of any kind; returns the exit status (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private Process java(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.out").toFile())).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return "\n" + file + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "\n(" + file + ": " + e + ")";
        }
    }
}
