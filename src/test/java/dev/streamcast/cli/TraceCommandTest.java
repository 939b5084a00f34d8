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

/** The {@code trace} command reproduces the golden traces from their inputs and rejects bad lines clearly. */
class TraceCommandTest {

    @TempDir
    Path tmp;

    @Test
    void reproducesTheGoldenTracesWithinTolerance() throws Exception {
        for (String set : GoldenTraces.SETS) {
            Path input = copy("/golden/" + set + "/input.csv", tmp.resolve(set + ".csv"));
            Path out = tmp.resolve("out-" + set);
            CliRun run = CliRun.of("trace", input.toString(), "--out", out.toString(), "--features");
            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(run.err()).as("the run's summary: events as in the input").contains(
                    String.format("trace: %,d events, ", GoldenTraces.read(set, "trace").size() - 1));

            compareColumns(read(out.resolve("trace.csv")), GoldenTraces.read(set, "trace"), new int[] {3, 5});
            compareColumns(read(out.resolve("summary.csv")), GoldenTraces.read(set, "summary"), new int[] {2});
            // features are exact and printed as Python does: the whole file is identical
            assertThat(Files.readString(out.resolve("features.csv")))
                    .isEqualTo(new String(resource("/golden/" + set + "/features.csv").readAllBytes()));
        }
    }

    @Test
    void itemKeyReproducesTheItemKeyedGoldenTrace() throws Exception {
        String set = GoldenTraces.ITEM_SET;
        Path input = copy("/golden/" + set + "/input.csv", tmp.resolve(set + ".csv"));
        Path out = tmp.resolve("out-" + set);
        CliRun run = CliRun.of("trace", input.toString(), "--out", out.toString(), "--key", "item");
        assertThat(run.code()).as(run.toString()).isZero();
        compareColumns(read(out.resolve("trace.csv")), GoldenTraces.read(set, "trace"), new int[] {3, 5});
        compareColumns(read(out.resolve("summary.csv")), GoldenTraces.read(set, "summary"), new int[] {2});
    }

    @Test
    void itemKeyStillKeepsEachSeriesInDateOrder() throws IOException {
        Path input = tmp.resolve("item.csv");
        Files.writeString(input, "id,date,y\nA_1_001_CA_1,2016-01-02,3\nA_1_001_CA_2,2016-01-01,3\n"
                + "A_1_001_CA_2,2016-01-02,4\nA_1_001_CA_1,2016-01-02,5\n");
        assertThat(CliRun.of("trace", input.toString(), "--out", tmp.toString(), "--key", "item").error())
                .contains("item.csv:5:").contains("A_1_001_CA_1").contains("not after its last day 2016-01-02");
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
        CliRun run = CliRun.of("trace", input.toString(), "--out", tmp.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("streamcast: ").contains("bad.csv:3:").contains("2016-02-30")
                .contains("bad_date").hasLineCount(1);
    }

    @Test
    void outOfOrderDayIsReportedWithItsLineNumber() throws IOException {
        Path input = tmp.resolve("order.csv");
        Files.writeString(input, "id,date,y\nA_1_001_CA_1,2016-01-02,3\nA_1_001_CA_1,2016-01-01,3\n");
        assertThat(CliRun.of("trace", input.toString(), "--out", tmp.toString()).error())
                .contains("order.csv:3:").contains("not after");
    }

    @Test
    void wrongHeaderAndMissingArgumentsAreUsageErrors() throws IOException {
        Path input = tmp.resolve("header.csv");
        Files.writeString(input, "id;date;y\n");
        assertThat(CliRun.of("trace", input.toString(), "--out", tmp.toString()).error())
                .contains("header.csv:1:").contains("id,date,y");
        CliRun none = CliRun.of("trace");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("streamcast trace: Missing required parameter: 'INPUT.csv'")
                .contains("Try 'streamcast trace --help'");
        assertThat(CliRun.of("trace", input.toString(), "--key", "store").error())
                .isEqualTo("streamcast trace: Invalid value for option '--key': expected one of [SERIES, ITEM] "
                        + "(case-insensitive) but was 'store'");
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
