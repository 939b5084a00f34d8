package dev.streamcast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docker-compose.yml} is valid for docker-compose ({@code docker-compose config -q}, which needs no
 * engine) and has the services the README describes. Fails, never skips, if docker-compose is missing:
 * {@code .ci/run} installs it.
 */
class DockerComposeConfigTest {

    record Result(int exit, String output) {
    }

    static Result compose(Path file, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", file.toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("docker-compose is not installed (apt-get install -y docker-compose; .ci/run does): " + e);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void dockerComposeFileIsValid() throws Exception {
        Result r = compose(Path.of("docker-compose.yml"), "config", "-q");
        assertThat(r.exit()).as(r.output()).isZero();

        Result services = compose(Path.of("docker-compose.yml"), "config", "--services");
        assertThat(services.exit()).as(services.output()).isZero();
        assertThat(services.output().lines().toList())
                .containsExactlyInAnyOrder("kafka", "topics", "jobmanager", "taskmanager", "submit", "replay");

        Result full = compose(Path.of("docker-compose.yml"), "config");
        assertThat(full.output()).contains("apache/flink:2.2.1-scala_2.12-java17", "apache/kafka:4.2.0",
                "/opt/streamcast/conf", "streamcast-state");
    }

    @Test
    void anInvalidFileIsRejected(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("docker-compose.yml");
        Files.writeString(bad, Files.readString(Path.of("docker-compose.yml")).replaceFirst("image: apache/kafka",
                "imag: apache/kafka"));
        assertThat(compose(bad, "config", "-q").exit()).isNotZero();
    }
}
