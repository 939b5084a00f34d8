package dev.streamcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} and {@code docker-compose.monitoring.yml} are valid Compose files and follow the
 * project's rules, checked inside the JVM (no docker-compose, no engine): each file against the Compose
 * Specification's JSON schema ({@code src/test/resources/compose}, origin in its NOTE.md), then the rules README
 * describes: the services, Flink 2.2.1 and Kafka 4.2.0 images, {@code conf/} mounted and used, ports published on
 * localhost only, images pinned, every bind-mounted source present, every dependency a service.
 */
class DockerComposeConfigTest {
    static final Path MAIN = Path.of("docker-compose.yml");
    static final Path MONITORING = Path.of("docker-compose.monitoring.yml");
    static final String FLINK_IMAGE = "apache/flink:2.2.1-scala_2.12-java17";
    static final String KAFKA_IMAGE = "apache/kafka:4.2.0";
    static final Set<String> FLINK_SERVICES = Set.of("jobmanager", "taskmanager", "submit", "replay");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        try (InputStream in = DockerComposeConfigTest.class.getResourceAsStream("/compose/compose-spec.json")) {
            // the copy declares draft 2019-09 in its $schema, and also uses draft 4's "id" (an annotation there)
            Dialect dialect = Dialect.builder(Dialects.getDraft201909()).keyword(new NonValidationKeyword("id"))
                    .build();
            return SchemaRegistry.withDefaultDialect(dialect).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Compose file as JSON, YAML anchors, aliases and merge keys resolved (as Compose does). */
    static JsonNode read(String yaml) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return JSON.valueToTree(tree);
    }

    /** What is wrong with a Compose file by the Compose Specification's schema; empty if nothing. */
    static List<String> schemaErrors(JsonNode compose) {
        return SCHEMA.validate(compose).stream().map(Error::toString).toList();
    }

    /** What breaks the project's rules in the main Compose file; empty if nothing. */
    static List<String> mainFileProblems(JsonNode compose) {
        List<String> problems = new ArrayList<>();
        JsonNode services = compose.path("services");
        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        if (!names.equals(new TreeSet<>(Set.of("kafka", "topics", "jobmanager", "taskmanager", "submit", "replay")))) {
            problems.add("services are " + names);
        }
        for (String name : names) {
            JsonNode s = services.get(name);
            String expected = FLINK_SERVICES.contains(name) ? FLINK_IMAGE : KAFKA_IMAGE;
            if (!expected.equals(s.path("image").asText())) {
                problems.add(name + ": image " + s.path("image").asText() + ", expected " + expected);
            }
            if (FLINK_SERVICES.contains(name)) {
                List<String> volumes = texts(s.path("volumes"));
                if (!volumes.contains("./conf:/opt/streamcast/conf:ro")
                        || !volumes.contains("streamcast-state:/streamcast")) {
                    problems.add(name + ": conf/ and the state volume must be mounted, got " + volumes);
                }
            }
        }
        for (String cluster : List.of("jobmanager", "taskmanager")) {
            String entrypoint = String.join(" ", texts(services.path(cluster).path("entrypoint")));
            if (!entrypoint.contains("cp /opt/streamcast/conf/config.yaml /opt/flink/conf/config.yaml")) {
                problems.add(cluster + ": conf/config.yaml is not copied over the image's: " + entrypoint);
            }
        }
        if (!texts(services.path("jobmanager").path("ports")).equals(List.of("127.0.0.1:8081:8081"))) {
            problems.add("jobmanager: the web UI must be published as 127.0.0.1:8081:8081");
        }
        if (!texts(services.path("kafka").path("ports")).equals(List.of("127.0.0.1:9094:9094"))) {
            problems.add("kafka: the host listener must be published as 127.0.0.1:9094:9094");
        }
        if (!compose.path("volumes").has("streamcast-state")) {
            problems.add("the volume streamcast-state is not declared");
        }
        problems.addAll(commonProblems(compose, names));
        return problems;
    }

    /** What breaks the project's rules in the monitoring file, layered on {@code main}; empty if nothing. */
    static List<String> monitoringFileProblems(JsonNode monitoring, JsonNode main) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        main.path("services").fieldNames().forEachRemaining(names::add);
        monitoring.path("services").fieldNames().forEachRemaining(names::add);
        for (String cluster : List.of("jobmanager", "taskmanager")) {
            String command = monitoring.path("services").path(cluster).path("command").asText();
            if (!command.startsWith(cluster) || !command.contains("-Dmetrics.reporter.prom.port=9249")) {
                problems.add(cluster + ": the Prometheus reporter must be on port 9249: " + command);
            }
        }
        if (!texts(monitoring.path("services").path("prometheus").path("ports")).equals(List.of("127.0.0.1:9090:9090"))
                || !texts(monitoring.path("services").path("grafana").path("ports")).equals(List.of("127.0.0.1:3000:3000"))) {
            problems.add("Prometheus and Grafana must be published as 127.0.0.1:9090 and 127.0.0.1:3000");
        }
        problems.addAll(commonProblems(monitoring, names));
        return problems;
    }

    /** Rules for any of the files: ports on localhost, images pinned, bind mounts present, dependencies known. */
    private static List<String> commonProblems(JsonNode compose, Set<String> allServices) {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = compose.path("services").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode s = compose.path("services").get(name);
            for (String port : texts(s.path("ports"))) {
                if (!port.startsWith("127.0.0.1:")) {
                    problems.add(name + ": port " + port + " is not published on localhost only");
                }
            }
            String image = s.path("image").asText("");
            if (s.has("image") && (!image.contains(":") || image.endsWith(":latest"))) {
                problems.add(name + ": image " + image + " is not pinned to a version");
            }
            for (String volume : texts(s.path("volumes"))) {
                String source = volume.split(":", 2)[0];
                if (source.startsWith("./") && !source.startsWith("./target/") && !Files.exists(Path.of(source))) {
                    problems.add(name + ": mounted " + source + " does not exist");
                }
            }
            List<String> dependencies = new ArrayList<>();
            s.path("depends_on").fieldNames().forEachRemaining(dependencies::add);
            dependencies.addAll(texts(s.path("depends_on")));
            for (String d : dependencies) {
                if (!allServices.contains(d)) {
                    problems.add(name + ": depends on " + d + ", which is no service");
                }
            }
        }
        return problems;
    }

    /** The texts of an array node (a string node: itself; anything else: none). */
    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.add(node.asText());
        }
        return out;
    }

    private static JsonNode file(Path p) throws IOException {
        return read(Files.readString(p));
    }

    @Test
    void theComposeFilesAreValidAndFollowTheProjectsRules() throws IOException {
        JsonNode main = file(MAIN);
        JsonNode monitoring = file(MONITORING);
        assertThat(schemaErrors(main)).isEmpty();
        assertThat(schemaErrors(monitoring)).isEmpty();
        assertThat(mainFileProblems(main)).isEmpty();
        assertThat(monitoringFileProblems(monitoring, main)).isEmpty();
        // the anchors resolved: the Flink services share one image and one volume list
        assertThat(main.path("services").path("replay").path("image").asText()).isEqualTo(FLINK_IMAGE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a misspelt key | image: apache/kafka | imag: apache/kafka",
        "a port as a mapping of a wrong type | - \"127.0.0.1:9094:9094\" | - {published: [9094]}",
        "an unknown top-level section | volumes:\\n  streamcast-state: | volume:\\n  streamcast-state:",
        "a service name with a space | replay: | re play:",
    })
    void theSchemaRejectsABrokenMainFile(String what, String from, String to) throws IOException {
        String broken = broken(MAIN, from, to);
        assertThat(schemaErrors(read(broken))).as(what).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "another Flink version | apache/flink:2.2.1-scala_2.12-java17 | apache/flink:2.1.0-scala_2.12-java17",
        "another Kafka version | image: apache/kafka:4.2.0 | image: apache/kafka:4.1.0",
        "the web UI on every interface | 127.0.0.1:8081:8081 | 8081:8081",
        "conf/ not mounted | - ./conf:/opt/streamcast/conf:ro | - ./data:/opt/streamcast/conf:ro",
        "a mount of a missing folder | - ./jobs:/opt/streamcast/jobs:ro | - ./no-such-jobs:/opt/streamcast/jobs:ro",
        "a dependency on no service | topics:\\n        condition | topic:\\n        condition",
    })
    void theProjectRulesRejectABrokenMainFileThatTheSchemaAccepts(String what, String from, String to)
            throws IOException {
        JsonNode broken = read(broken(MAIN, from, to));
        assertThat(schemaErrors(broken)).as(what).isEmpty();
        assertThat(mainFileProblems(broken)).as(what).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Grafana on every interface | 127.0.0.1:3000:3000 | 3000:3000",
        "an unpinned image | grafana/grafana:11.4.0 | grafana/grafana:latest",
        "the reporter on another port | -Dmetrics.reporter.prom.port=9249\\n\\n  taskmanager | -Dmetrics.reporter.prom.port=9250\\n\\n  taskmanager",
    })
    void aBrokenMonitoringFileIsRejected(String what, String from, String to) throws IOException {
        JsonNode broken = read(broken(MONITORING, from, to));
        assertThat(schemaErrors(broken)).as(what).isEmpty();
        assertThat(monitoringFileProblems(broken, file(MAIN))).as(what).isNotEmpty();
    }

    /** The file with {@code from} replaced by {@code to} (both must be there: a test of nothing fails). */
    private static String broken(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        String f = from.replace("\\n", "\n");
        assertThat(text).as("the text to break").contains(f);
        return text.replaceFirst(java.util.regex.Pattern.quote(f),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));
    }
}
