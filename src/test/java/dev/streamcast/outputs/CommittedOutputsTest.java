package dev.streamcast.outputs;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.RecordEncoder;
import dev.streamcast.job.RunSummary;
import dev.streamcast.learn.Learner;
import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.LateEvent;
import dev.streamcast.records.SalesEvent;
import dev.streamcast.records.SeriesSnapshot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the job writes ({@link RecordEncoder}) reads back field for field, in both formats, plain and gzipped,
 * with a byte-order mark, ids with commas and quotes, non-finite doubles, forecast requests; in-progress files are
 * skipped; a malformed record names its file and line.
 */
class CommittedOutputsTest {
    static final int DAY = (int) LocalDate.of(2016, 3, 1).toEpochDay();
    /** Legal in JSON input: an id with a comma, a quote and non-ASCII text. */
    static final String ODD_ID = "FOODS,3 \"090\" CA_3 ü";

    @TempDir
    Path tmp;

    static final List<ForecastRecord> FORECASTS = List.of(
            new ForecastRecord(ODD_ID, DAY, 3, 1.5, 0.1 + 0.2, Learner.KNN, 1.5, 1e-5, 1.5e16, 7),
            new ForecastRecord("plain_id", DAY + 1, SalesEvent.NO_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                    Learner.LM, Double.NEGATIVE_INFINITY, -0.0, 2.0, 8),
            new ForecastRecord("plain_id", DAY + 2, SalesEvent.NO_VALUE, 1.0, 2.0, Learner.LM, 2.0, 1.0, 0.5, 8,
                    "req:7"));

    private static <T> void write(Path file, RecordEncoder<T> encoder, List<T> records, boolean bom) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
            StringBuilder sb = new StringBuilder(bom ? "\uFEFF" : "");
            if (encoder.header() != null) {
                sb.append(encoder.header()).append('\n');
            }
            records.forEach(r -> sb.append(encoder.encode(r)).append('\n'));
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void forecastsReadBackFieldForFieldPlainGzippedAndWithAByteOrderMark(OutputFormat format) throws IOException {
        Path dir = tmp.resolve("forecasts");
        String ext = "." + format.extension();
        write(dir.resolve("forecasts-0-0" + ext), RecordEncoder.forecasts(format), FORECASTS, true);
        write(dir.resolve("forecasts-0-1" + ext + ".gz"), RecordEncoder.forecasts(format), FORECASTS, false);
        write(dir.resolve(".forecasts-0-2" + ext + ".inprogress"), RecordEncoder.forecasts(format), FORECASTS, false);

        List<ForecastRow> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        CommittedOutputs.forEach(dir, null, ForecastRow.class, (row, file, line) -> {
            rows.add(row);
            lines.add(line);
        });
        List<ForecastRow> expected = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (ForecastRecord r : FORECASTS) {
                // JSON has no NaN or infinity: the writer writes null, read back as NaN
                boolean json = format == OutputFormat.JSONL;
                expected.add(new ForecastRow(r.id(), LocalDate.ofEpochDay(r.day()),
                        r.isRequest() ? null : (long) r.y(), r.predKnn(),
                        json && !Double.isFinite(r.predLm()) ? Double.NaN : r.predLm(), r.model().label(),
                        json && !Double.isFinite(r.prediction()) ? Double.NaN : r.prediction(), r.maeKnn(),
                        r.maeLm(), r.n(), json ? r.rid() : null)); // CSV carries no request ids
            }
        }
        assertThat(rows).isEqualTo(expected);
        assertThat(Double.doubleToRawLongBits(rows.get(1).maeKnn())).as("-0.0 kept")
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        long first = format == OutputFormat.CSV ? 2 : 1;
        assertThat(lines).containsExactly(first, first + 1, first + 2, first, first + 1, first + 2);
        assertThat(CommittedOutputs.count(dir, format)).isEqualTo(6);
        assertThat(CommittedOutputs.count(dir, format == OutputFormat.CSV ? OutputFormat.JSONL : OutputFormat.CSV))
                .as("files of the other format are left out").isZero();
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void theRunSummaryReadsAnIdWithACommaWhole(OutputFormat format) throws IOException {
        Path out = tmp.resolve("out");
        String ext = "." + format.extension();
        write(out.resolve("metrics/metrics-0-0" + ext), RecordEncoder.metrics(format),
                List.of(new DailyMetrics(DAY, 2, 1.0, 2.0, 1.0, 0.5), new DailyMetrics(DAY + 1, 2, 3.0, 2.0, 2.0, 0.5)),
                false);
        write(out.resolve("series/series-0-0" + ext), RecordEncoder.series(format), List.of(
                new SeriesSnapshot(ODD_ID, DAY, 1, 1.0, 2.0, Learner.LM),
                new SeriesSnapshot(ODD_ID, DAY + 1, 2, 1.0, 2.0, Learner.KNN),
                new SeriesSnapshot("FOODS", DAY + 1, 2, 3.0, 2.0, Learner.LM)), false);
        write(out.resolve("dead-letters/dead-letters-0-0" + ext), RecordEncoder.deadLetters(format),
                List.of(new DeadLetter("in, \"1\".csv", 3, "a,b,\"c\"\nd", "bad_y", "y is not, a number")), false);
        write(out.resolve("late/late-0-0" + ext), RecordEncoder.late(format),
                List.of(new LateEvent(ODD_ID, DAY, 1, DAY + 1, LateEvent.BEFORE_LAST_LEARNED_DAY)), false);

        RunSummary s = RunSummary.fromOutputs(out, format);
        assertThat(s).isEqualTo(new RunSummary(4, 2.0, 2.0, 1.5, 2, 1, 1, 1));
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void aMalformedRecordNamesItsFileAndLine(OutputFormat format) throws IOException {
        Path file = tmp.resolve("metrics-0-0." + format.extension());
        String good = RecordEncoder.metrics(format).encode(new DailyMetrics(DAY, 2, 1.0, 2.0, 1.0, 0.5));
        String header = format == OutputFormat.CSV ? RecordEncoder.metrics(format).header() + "\n" : "";
        Files.writeString(file, header + good + "\n" + good.replace("2016-03-01", "2016-02-30") + "\n");
        assertThatThrownBy(() -> CommittedOutputs.forEach(file, format, MetricsRow.class, (r, f, l) -> { }))
                .isInstanceOf(OutputFileException.class)
                .hasMessageStartingWith(file + " line " + (format == OutputFormat.CSV ? 3 : 2) + ": ")
                .hasMessageContaining("'date'").hasMessageContaining("2016-02-30");
        Files.writeString(file, header + good.replace("2016-03-01", "") + "\n");
        assertThatThrownBy(() -> CommittedOutputs.forEach(file, format, MetricsRow.class, (r, f, l) -> { }))
                .isInstanceOf(OutputFileException.class).hasMessageContaining(file.toString());
    }
}
