package dev.streamcast.cli;

import dev.streamcast.Streamcast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The baseline and evaluate commands on the bundled subset, and their error messages. */
class EvaluationCommandsTest {
    @TempDir
    Path tmp;

    private static String run(Command c, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            c.run(args, p);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface Command {
        void run(String[] args, PrintStream out) throws Exception;
    }

    @Test
    void baselineWritesSubmissionsAndEvaluateScoresThemAlike() throws Exception {
        String out = run(BaselineCommand::run, "--m5", "data/m5", "--out", tmp.toString());
        assertThat(out).contains("snaive   validation   0.80078  approximate");
        assertThat(out).contains("snaive   evaluation         -  (no actuals for d_1942..d_1969)");
        for (String m : new String[] {"naive", "snaive", "zeros", "ma28"}) {
            assertThat(Files.readAllLines(tmp.resolve(m + ".csv"))).hasSize(601);
        }
        Path json = tmp.resolve("snaive.json");
        String eval = run(EvaluateCommand::run, tmp.resolve("snaive.csv").toString(), "--m5", "data/m5",
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
        String named = run(EvaluateCommand::run, "--submission", tmp.resolve("snaive.csv").toString(),
                "--sales", "data/m5/sales_subset.csv", "--calendar", "data/m5/calendar.csv",
                "--prices", "data/m5/sell_prices_subset.csv", "--window", "validation");
        assertThat(named).contains("WRMSSE 0.80078 (approximate)");
    }

    @Test
    void mistakesAreOneLineErrors() throws Exception {
        assertThatThrownBy(() -> run(EvaluateCommand::run, "s.csv", "--m5", "data/m5"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("missing --window validation|evaluation");
        assertThatThrownBy(() -> run(EvaluateCommand::run, "s.csv", "--m5", "data/m5", "--window", "public"))
                .hasMessageStartingWith("--window must be validation (d_1914..d_1941) or evaluation (d_1942..d_1969)");
        assertThatThrownBy(() -> run(EvaluateCommand::run, "s.csv", "--m5", "no/such/dir", "--window", "validation"))
                .isInstanceOf(UsageException.class).hasMessage("no such folder: no/such/dir");
        assertThatThrownBy(() -> run(EvaluateCommand::run, tmp.resolve("s.csv").toString(), "--m5", "data/m5",
                "--window", "validation")).isInstanceOf(UsageException.class).hasMessageContaining("(no such file)");
        Files.writeString(tmp.resolve("empty.csv"), "id," + String.join(",",
                java.util.stream.IntStream.rangeClosed(1, 28).mapToObj(h -> "F" + h).toList()) + "\n");
        assertThatThrownBy(() -> run(EvaluateCommand::run, tmp.resolve("empty.csv").toString(), "--m5", "data/m5",
                "--window", "validation")).isInstanceOf(UsageException.class)
                .hasMessageContaining("has no row for 300 of the 300 series of the validation window");
        assertThatThrownBy(() -> run(EvaluateCommand::run, tmp.resolve("empty.csv").toString(), "--m5", "data/m5",
                "--window", "evaluation")).isInstanceOf(UsageException.class)
                .hasMessageContaining("has no row for 300");
        assertThatThrownBy(() -> run(BaselineCommand::run, "--m5", "data/m5", "--methods", "arima"))
                .hasMessage("unknown method 'arima': use naive, snaive, zeros or ma28");
        assertThatThrownBy(() -> run(SubmissionCommand::run, "--m5", "data/m5", "--window", "both"))
                .hasMessageStartingWith("missing FORECASTS");
        Files.createDirectories(tmp.resolve("nothing"));
        assertThatThrownBy(() -> run(SubmissionCommand::run, tmp.resolve("nothing").toString(), "--m5", "data/m5",
                "--window", "both"))
                .hasMessageStartingWith("no forecast files");
        // through the entry point: exit code 2, one line on stderr, no stack trace
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(Streamcast.run(new String[] {"evaluate", "s.csv", "--m5", "no/such/dir", "--window", "validation"}))
                    .isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("streamcast: no such folder: no/such/dir"
                + System.lineSeparator());
    }

    @Test
    void evaluatingTheEvaluationWindowWithoutItsActualsSaysWhy() throws Exception {
        run(BaselineCommand::run, "--m5", "data/m5", "--out", tmp.toString(), "--methods", "zeros");
        assertThatThrownBy(() -> run(EvaluateCommand::run, tmp.resolve("zeros.csv").toString(), "--m5", "data/m5",
                "--window", "evaluation")).isInstanceOf(UsageException.class)
                .hasMessageContaining("the actual units of every series on d_1942..d_1969 are needed to score this window, "
                        + "but HOBBIES_1_001_CA_1 lacks some (its sales are given for d_1762..d_1941)");
    }
}
