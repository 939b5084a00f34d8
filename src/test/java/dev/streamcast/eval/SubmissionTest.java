package dev.streamcast.eval;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.RecordEncoder;
import dev.streamcast.learn.Learner;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.SalesEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kaggle submission writer and reader, and the reader of the job's forecast outputs. */
class SubmissionTest {
    static M5Data data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        data = M5Data.load(M5Inputs.resolve(Path.of("data", "m5"), null, null, null, null, true));
    }

    static List<String> keys() {
        List<String> k = new ArrayList<>();
        for (int s = 0; s < data.sales().size(); s++) {
            k.add(data.sales().key(s));
        }
        return k;
    }

    @Test
    void writtenSubmissionsReadBackExactly() throws Exception {
        Random rnd = new Random(7);
        double[][] val = new double[300][28];
        double[][] eval = new double[300][28];
        for (int s = 0; s < 300; s++) {
            for (int h = 0; h < 28; h++) {
                val[s][h] = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextDouble() * 10;
                eval[s][h] = rnd.nextDouble() * 1e-7;
            }
        }
        for (String name : new String[] {"s.csv", "s.csv.gz"}) {
            Path file = tmp.resolve(name);
            Submission.write(file, keys(), val, eval);
            Submission sub = Submission.read(file);
            assertThat(sub.size()).isEqualTo(600);
            assertThat(sub.forecasts(data.sales(), Window.VALIDATION)).isDeepEqualTo(val);
            assertThat(sub.forecasts(data.sales(), Window.EVALUATION)).isDeepEqualTo(eval);
        }
        List<String> lines = Files.readAllLines(tmp.resolve("s.csv"));
        assertThat(lines).hasSize(601);
        assertThat(lines.get(0)).isEqualTo("id," + String.join(",", java.util.stream.IntStream.rangeClosed(1, 28)
                .mapToObj(h -> "F" + h).toList()));
        assertThat(lines.get(1)).startsWith("HOBBIES_1_001_CA_1_validation,");
        assertThat(lines.get(300)).startsWith("FOODS_3_534_WI_3_validation,");
        assertThat(lines.get(301)).startsWith("HOBBIES_1_001_CA_1_evaluation,");
    }

    @Test
    void aNullWindowIsWrittenAsZeros() throws Exception {
        Path file = tmp.resolve("z.csv");
        Submission.write(file, keys(), new double[300][28], null);
        assertThat(Files.readAllLines(file).get(600)).isEqualTo("FOODS_3_534_WI_3_evaluation" + ",0".repeat(28));
    }

    @Test
    void badSubmissionsAreClearErrors() throws Exception {
        Path file = tmp.resolve("bad.csv");
        Files.writeString(file, "id,F1\nx_validation,1\n");
        assertThatThrownBy(() -> Submission.read(file)).hasMessageContaining("line 1: expected the header 'id,F1,...,F28'");
        String header = Submission.header(28) + "\n";
        Files.writeString(file, header + "HOBBIES_1_001_CA_1" + ",0".repeat(28) + "\n");
        assertThatThrownBy(() -> Submission.read(file)).hasMessageContaining("line 2: id 'HOBBIES_1_001_CA_1' must end in "
                + "_validation or _evaluation");
        Files.writeString(file, header + "A_validation" + ",0".repeat(27) + "\n");
        assertThatThrownBy(() -> Submission.read(file)).hasMessageContaining("line 2: 28 fields, expected 29");
        Files.writeString(file, header + "A_validation" + ",0".repeat(27) + ",nan\n");
        assertThatThrownBy(() -> Submission.read(file)).hasMessageContaining("F28 of A_validation is 'nan'");
        Files.writeString(file, header + ("A_validation" + ",0".repeat(28) + "\n").repeat(2));
        assertThatThrownBy(() -> Submission.read(file)).hasMessageContaining("line 3: A_validation appears twice");
        Files.writeString(file, header + "HOBBIES_1_001_CA_1_validation" + ",1".repeat(28) + "\n"
                + "NOT_AN_ITEM_CA_1_validation" + ",1".repeat(28) + "\n");
        Submission one = Submission.read(file);
        assertThatThrownBy(() -> one.forecasts(data.sales(), Window.VALIDATION))
                .hasMessageContaining("has no row for 299 of the 300 series of the validation window, e.g. "
                        + "HOBBIES_1_106_CA_1_validation");
        assertThat(one.rowsOutside(data.sales(), Window.VALIDATION)).isEqualTo(1);
    }

    /** A job's forecast outputs, written with the job's own encoder. */
    private Path jobOutputs(OutputFormat format) throws Exception {
        Path dir = tmp.resolve("job-" + format.extension()).resolve("forecasts");
        Files.createDirectories(dir);
        RecordEncoder<ForecastRecord> enc = RecordEncoder.forecasts(format);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        if (enc.header() != null) {
            a.add(enc.header());
            b.add(enc.header());
        }
        String s0 = "HOBBIES_1_001_CA_1_evaluation";
        String s1 = data.sales().key(1) + "_evaluation";
        // a learned day (skipped), then a 28-day horizon for s0 from d_1914 = 2016-04-25
        a.add(enc.encode(record(s0, "2016-04-24", 1, 0.9, 60)));
        for (int h = 0; h < 28; h++) {
            a.add(enc.encode(record(s0, LocalDate.of(2016, 4, 25).plusDays(h).toString(), SalesEvent.NO_VALUE,
                    1 + h / 10.0, 60)));
        }
        // an older forecast of d_1915 (fewer learned events): loses
        a.add(enc.encode(record(s0, "2016-04-26", SalesEvent.NO_VALUE, 99, 59)));
        // s1: 20 of the 28 days, and one day of the evaluation window
        for (int h = 0; h < 20; h++) {
            b.add(enc.encode(record(s1, LocalDate.of(2016, 4, 25).plusDays(h).toString(), SalesEvent.NO_VALUE, 2.5, 7)));
        }
        b.add(enc.encode(record(s1, "2016-05-23", SalesEvent.NO_VALUE, 4, 7)));
        // the same model state (n) with another prediction for s0 d_1914, in a later file: a conflict, the later wins
        b.add(enc.encode(record(s0, "2016-04-25", SalesEvent.NO_VALUE, 1.25, 60)));
        b.add(enc.encode(record("NOT_AN_ITEM_CA_1_evaluation", "2016-04-25", SalesEvent.NO_VALUE, 1, 1)));
        b.add(enc.encode(record(s1, "2016-07-01", SalesEvent.NO_VALUE, 1, 1)));
        String ext = "." + format.extension();
        Files.write(dir.resolve("forecasts-a-0" + ext), a);
        Files.write(dir.resolve("forecasts-b-0" + ext), b);
        Files.writeString(dir.resolve(".forecasts-c-0" + ext + ".inprogress"), "not even a record\n");
        return dir.getParent();
    }

    private static ForecastRecord record(String id, String date, int y, double prediction, long n) {
        return new ForecastRecord(id, (int) LocalDate.parse(date).toEpochDay(), y, prediction + 0.5, prediction - 0.5,
                Learner.KNN, prediction, 1.0, 1.1, n);
    }

    @Test
    void forecastOutputsInJsonLinesAndCsvGiveTheSameForecasts() throws Exception {
        for (OutputFormat format : OutputFormat.values()) {
            ForecastOutputs fo = ForecastOutputs.read(jobOutputs(format), data.sales(), data.calendar(), 1914, 1969);
            assertThat(fo.files()).as(format.name()).hasSize(2);
            assertThat(fo.learnedRecords()).isEqualTo(1);
            assertThat(fo.unknownIds()).isEqualTo(1);
            assertThat(fo.outsideDays()).isEqualTo(1);
            assertThat(fo.conflicts()).isEqualTo(1);
            double[][] f = fo.forecasts(1914, 28);
            assertThat(f[0][0]).isEqualTo(1.25);
            assertThat(f[0][1]).isEqualTo(1.1);
            assertThat(f[0][27]).isEqualTo(1 + 27 / 10.0);
            assertThat(f[1][19]).isEqualTo(2.5);
            assertThat(f[1][20]).isZero();
            assertThat(f[2]).containsOnly(0.0);
            assertThat(fo.seriesWithout(1914, 28)).isEqualTo(298);
            assertThat(fo.daysWithout(1914, 28)).isEqualTo(8);
            assertThat(fo.forecasts(1942, 28)[1][0]).isEqualTo(4.0);
            assertThat(fo.seriesWithout(1942, 28)).isEqualTo(299);
        }
    }

    @Test
    void theSubmissionCommandWritesZerosForMissingSeriesAndCountsThem() throws Exception {
        Path out = tmp.resolve("sub.csv");
        dev.streamcast.cli.CliRun run = dev.streamcast.cli.CliRun.of("submission", jobOutputs(OutputFormat.JSONL).toString(),
            "--m5", "data/m5", "--window", "validation", "--out", out.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        String text = run.out();
        assertThat(text).contains("warning: 298 of 300 series have no forecast for the validation window "
                + "d_1914..d_1941: their _validation rows are zeros");
        assertThat(text).contains("warning: 8 days of the validation window lack a forecast in series that have some");
        Submission sub = Submission.read(out);
        assertThat(sub.size()).isEqualTo(600);
        assertThat(sub.row("HOBBIES_1_001_CA_1_validation")[0]).isEqualTo(1.25);
        assertThat(sub.row("FOODS_3_534_WI_3_validation")).containsOnly(0.0);
        assertThat(sub.row("HOBBIES_1_001_CA_1_evaluation")).containsOnly(0.0);
    }
}
