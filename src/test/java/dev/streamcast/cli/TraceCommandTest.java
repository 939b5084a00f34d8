package dev.streamcast.cli;

import dev.streamcast.learn.GoldenTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code trace} command reproduces the golden traces from their inputs and rejects bad lines clearly. */
class TraceCommandTest {

    @TempDir
    Path tmp;

    @Test
    void reproducesTheGoldenTracesWithinTolerance() throws Exception {
        for (String set : GoldenTraces.SETS) {
            Path input = copy("/golden/" + set + "/input.csv", tmp.resolve(set + ".csv"));
            Path out = tmp.resolve("out-" + set);
            TraceCommand.run(new String[] {input.toString(), "--out", out.toString(), "--features"});

            compareColumns(read(out.resolve("trace.csv")), GoldenTraces.read(set, "trace"), new int[] {3, 5});
            compareColumns(read(out.resolve("summary.csv")), GoldenTraces.read(set, "summary"), new int[] {2});
            // features are exact and printed as Python does: the whole file is identical
            assertThat(Files.readString(out.resolve("features.csv")))
                    .isEqualTo(new String(resource("/golden/" + set + "/features.csv").readAllBytes()));
        }
    }

    private static void compareColumns(List<String[]> actual, List<String[]> expected, int[] knn) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            String[] a = actual.get(i);
            String[] e = expected.get(i);
            assertThat(a).hasSameSizeAs(e);
            for (int c = 0; c < e.length; c++) {
                final int col = c;
                boolean isKnn = java.util.Arrays.stream(knn).anyMatch(k -> k == col);
                if (isKnn && i > 0) {
                    assertThat(GoldenTraces.relativeDifference(Double.parseDouble(a[c]), Double.parseDouble(e[c])))
                            .as("row %d col %d", i, c).isLessThanOrEqualTo(1e-9);
                } else {
                    assertThat(a[c]).as("row %d col %d", i, c).isEqualTo(e[c]);
                }
            }
        }
    }

    @Test
    void malformedLineIsReportedWithItsLineNumber() throws IOException {
        Path input = tmp.resolve("bad.csv");
        Files.writeString(input, "id,date,y\nA_1_001_CA_1,2016-01-01,3\nA_1_001_CA_1,2016-02-30,3\n");
        assertThatThrownBy(() -> TraceCommand.run(new String[] {input.toString(), "--out", tmp.toString()}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("bad.csv:3:").hasMessageContaining("2016-02-30").hasMessageContaining("bad_date");
    }

    @Test
    void outOfOrderDayIsReportedWithItsLineNumber() throws IOException {
        Path input = tmp.resolve("order.csv");
        Files.writeString(input, "id,date,y\nA_1_001_CA_1,2016-01-02,3\nA_1_001_CA_1,2016-01-01,3\n");
        assertThatThrownBy(() -> TraceCommand.run(new String[] {input.toString(), "--out", tmp.toString()}))
                .hasMessageContaining("order.csv:3:").hasMessageContaining("not after");
    }

    @Test
    void wrongHeaderAndMissingArgumentsAreUsageErrors() throws IOException {
        Path input = tmp.resolve("header.csv");
        Files.writeString(input, "id;date;y\n");
        assertThatThrownBy(() -> TraceCommand.run(new String[] {input.toString(), "--out", tmp.toString()}))
                .hasMessageContaining("header.csv:1:").hasMessageContaining("id,date,y");
        assertThatThrownBy(() -> TraceCommand.run(new String[] {})).hasMessageContaining("usage");
        assertThatThrownBy(() -> TraceCommand.run(new String[] {input.toString(), "--key", "store"}))
                .hasMessageContaining("--key must be series or item");
    }

    private static List<String[]> read(Path p) throws IOException {
        return Files.readAllLines(p).stream().map(l -> l.split(",", -1)).toList();
    }

    private static InputStream resource(String name) {
        return TraceCommandTest.class.getResourceAsStream(name);
    }

    private static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = resource(resource)) {
            Files.copy(in, to);
        }
        return to;
    }
}
