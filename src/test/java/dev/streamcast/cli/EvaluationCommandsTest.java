package dev.streamcast.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The baseline and evaluate commands on the bundled subset, and their error messages. */
class EvaluationCommandsTest {
    @TempDir
    Path tmp;

    /** Runs a command that must succeed; its output. */
    private static String run(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.code()).as(run.toString()).isZero();
        return run.out();
    }

    /** Runs a command that must fail as a usage error; the first line of its error output. */
    private static String fails(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        return run.error();
    }

    @Test
    void baselineWritesSubmissionsAndEvaluateScoresThemAlike() throws Exception {
        String out = run("baseline", "--m5", "data/m5", "--out", tmp.toString());
        assertThat(out).contains("snaive   validation   0.80078  approximate");
        assertThat(out).contains("snaive   evaluation         -  (no actuals for d_1942..d_1969)");
        for (String m : new String[] {"naive", "snaive", "zeros", "ma28"}) {
            assertThat(Files.readAllLines(tmp.resolve(m + ".csv"))).hasSize(601);
        }
        Path json = tmp.resolve("snaive.json");
        String eval = run("evaluate", tmp.resolve("snaive.csv").toString(), "--m5", "data/m5",
                "--window", "validation", "--json", json.toString());
        assertThat(eval).contains("WRMSSE 0.80078 (approximate) on d_1914 (2016-04-25)..d_1941 (2016-05-22), "
                + "training through d_1913");
        assertThat(eval).contains("approximate: 1,054 series (300 of them bottom series) have a scale from a history "
                + "starting after d_1 (truncated)");
        assertThat(eval).containsPattern("\n  12 +Item x store +300 +0\\.95779 +300 +1\n");
        String j = Files.readString(json);
        assertThat(j).startsWith("{\"score\":0.8007774834471014,\"approximate\":true,");
        assertThat(j).contains("{\"level\":\"Level12\",\"agg_level_1\":\"HOBBIES_1_001\",\"agg_level_2\":\"CA_1\",");
        // the same with the files named one by one
        String named = run("evaluate", "--submission", tmp.resolve("snaive.csv").toString(),
                "--sales", "data/m5/sales_subset.csv", "--calendar", "data/m5/calendar.csv",
                "--prices", "data/m5/sell_prices_subset.csv", "--window", "validation");
        assertThat(named).contains("WRMSSE 0.80078 (approximate)");
    }

    @Test
    void mistakesAreOneLineErrors() throws Exception {
        assertThat(fails("evaluate", "s.csv", "--m5", "data/m5"))
                .isEqualTo("streamcast evaluate: Missing required option: '--window=validation|evaluation'");
        assertThat(fails("evaluate", "s.csv", "--m5", "data/m5", "--window", "public"))
                .isEqualTo("streamcast evaluate: Invalid value for option '--window': expected one of [VALIDATION, "
                        + "EVALUATION] (case-insensitive) but was 'public'");
        assertThat(fails("evaluate", tmp.resolve("s.csv").toString(), "--m5", "data/m5", "--window", "validation"))
                .contains("(no such file)");
        Files.writeString(tmp.resolve("empty.csv"), "id," + String.join(",",
                java.util.stream.IntStream.rangeClosed(1, 28).mapToObj(h -> "F" + h).toList()) + "\n");
        assertThat(fails("evaluate", tmp.resolve("empty.csv").toString(), "--m5", "data/m5", "--window", "validation"))
                .contains("has no row for 300 of the 300 series of the validation window");
        assertThat(fails("evaluate", tmp.resolve("empty.csv").toString(), "--m5", "data/m5", "--window", "evaluation"))
                .contains("has no row for 300");
        assertThat(fails("baseline", "--m5", "data/m5", "--methods", "arima")).isEqualTo("streamcast baseline: "
                + "Invalid value for option '--methods' (METHOD): unknown method 'arima': use naive, snaive, "
                + "zeros or ma28");
        assertThat(fails("submission", "--m5", "data/m5", "--window", "both"))
                .isEqualTo("streamcast submission: missing FORECASTS");
        Files.createDirectories(tmp.resolve("nothing"));
        assertThat(fails("submission", tmp.resolve("nothing").toString(), "--m5", "data/m5", "--window", "both"))
                .startsWith("streamcast: no forecast files");
        // one line on stderr, no stack trace
        CliRun noFolder = CliRun.of("evaluate", "s.csv", "--m5", "no/such/dir", "--window", "validation");
        assertThat(noFolder.code()).isEqualTo(2);
        assertThat(noFolder.out()).isEmpty();
        assertThat(noFolder.err()).isEqualTo("streamcast: no such folder: no/such/dir" + System.lineSeparator());
    }

    @Test
    void evaluatingTheEvaluationWindowWithoutItsActualsSaysWhy() throws Exception {
        run("baseline", "--m5", "data/m5", "--out", tmp.toString(), "--methods", "zeros");
        assertThat(fails("evaluate", tmp.resolve("zeros.csv").toString(), "--m5", "data/m5", "--window", "evaluation"))
                .contains("the actual units of every series on d_1942..d_1969 are needed to score this window, "
                        + "but HOBBIES_1_001_CA_1 lacks some (its sales are given for d_1762..d_1941)");
    }
}
