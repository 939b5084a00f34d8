package dev.streamcast.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request ids through the whole job (JSON lines in, JSON lines out, RocksDB): a forecast request's id comes back in
 * its forecast record, which is otherwise the very line the same request without id gets; a request without id is
 * answered as before (no {@code rid} field); a bad id is a dead letter with its reason, and the rest of the input is
 * forecast as if it were not there.
 */
class RequestIdTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<String> run(String name, List<String> lines, Map<String, List<String>> deadLetters) throws Exception {
        Path in = Files.createDirectories(tmp.resolve(name + "/in"));
        Files.write(in.resolve("events.jsonl"), lines);
        JobConfig job = JobConfig.parse("source:\n  format: jsonl\n  path: x\n", name + ".yaml", List.of(
                "source.path=" + in, "output.path=" + tmp.resolve(name + "/out"),
                "runtime.checkpointDir=" + tmp.resolve(name + "/chk"), "runtime.checkpointInterval=200ms",
                "runtime.parallelism=1"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                StreamcastJob.flinkConfiguration(job));
        StreamcastJob.build(env, job);
        env.execute(job.name());
        for (String letter : JobTestSupport.committedLines(tmp.resolve(name + "/out/dead-letters"), false)) {
            JsonNode d = JSON.readTree(letter);
            deadLetters.computeIfAbsent(d.get("reason").textValue(), k -> new ArrayList<>())
                    .add(d.get("message").textValue());
        }
        return JobTestSupport.committedLines(tmp.resolve(name + "/out/forecasts"), false);
    }

    private static String event(int day, Integer y) {
        return "{\"id\":\"FOODS_3_090_CA_3\",\"date\":\"2016-01-" + String.format("%02d", day) + "\""
                + (y == null ? "" : ",\"y\":" + y) + "}";
    }

    private static String request(int day, String ridJson) {
        return "{\"id\":\"FOODS_3_090_CA_3\",\"date\":\"2016-01-" + String.format("%02d", day) + "\",\"rid\":"
                + ridJson + "}";
    }

    @Test
    void aRequestsIdComesBackInItsForecastAndBadIdsAreDeadLetters() throws Exception {
        List<String> plain = new ArrayList<>();
        List<String> withIds = new ArrayList<>();
        int[] ys = {3, 0, 5, 2, 7, 1, 4, 6, 2, 3};
        for (int d = 1; d <= ys.length; d++) {
            plain.add(event(d, ys[d - 1]));
            withIds.add(event(d, ys[d - 1]));
        }
        plain.add(event(11, null)); // answered from the model of days 1..10
        withIds.add(request(11, "\"gw-1:17\""));
        withIds.add(request(11, "\"" + "x".repeat(65) + "\"")); // too long
        withIds.add(request(11, "17")); // a number
        withIds.add(request(11, "\"a b\"")); // a space
        withIds.add("{\"id\":\"FOODS_3_090_CA_3\",\"date\":\"2016-01-12\",\"y\":1,\"rid\":\"r\"}"); // an observation

        Map<String, List<String>> noLetters = new HashMap<>();
        List<String> before = run("plain", plain, noLetters);
        Map<String, List<String>> letters = new HashMap<>();
        List<String> after = run("ids", withIds, letters);

        assertThat(noLetters).isEmpty();
        assertThat(before).hasSize(11).noneMatch(l -> l.contains("rid"));
        assertThat(after).hasSize(11);
        assertThat(after.subList(0, 10)).isEqualTo(before.subList(0, 10));
        String answer = before.get(10);
        assertThat(after.get(10)).as("the same answer, with the id as the last field")
                .isEqualTo(answer.substring(0, answer.length() - 1) + ",\"rid\":\"gw-1:17\"}");
        assertThat(JSON.readTree(after.get(10)).get("y").isNull()).isTrue();

        assertThat(letters.keySet()).containsExactlyInAnyOrder("bad_request_id", "wrong_type");
        assertThat(letters.get("bad_request_id")).hasSize(3).anyMatch(m -> m.contains("more than the cap of 64"))
                .anyMatch(m -> m.contains("characters other than")).anyMatch(m -> m.contains("on an observation"));
        assertThat(letters.get("wrong_type")).containsExactly("field 'rid' must be a string, got a number");
    }
}
