package dev.streamcast.cli;

import dev.streamcast.io.BadInputException;
import dev.streamcast.io.EventParser;
import dev.streamcast.io.PyFloat;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.Prediction;
import dev.streamcast.learn.SeriesModel;
import dev.streamcast.records.SalesEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code streamcast trace INPUT.csv [--out DIR] [--key series|item] [--features]}: replays a long CSV
 * ({@code id,date,y}, each series in date order) through the learning core, without a cluster, and writes
 * creme's golden-trace format: {@code trace.csv} ({@code id,date,y,pred_knn,pred_lm,mae_knn,mae_lm}),
 * {@code summary.csv} ({@code key,n,mae_knn,mae_lm,chosen}) and, with {@code --features}, the raw feature
 * vectors. This is River's {@code progressive_val_score} for streamcast users. With {@code --key item} each item's
 * model learns its series' events in input order (each series still in date order, no day twice), and the summary
 * has one row per item.
 */
@Command(name = "trace",
        description = {"Replay a long CSV through the learners and write creme's golden-trace files.",
                "Writes trace.csv, summary.csv and, with --features, features.csv; no cluster is used."})
public final class TraceCommand extends Subcommand {
    @Parameters(paramLabel = "INPUT.csv", description = "a long CSV with the header id,date,y")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the files (default out/trace)")
    Path out = Path.of("out", "trace");

    @Option(names = "--key", paramLabel = "series|item", description = "one model per series (default) or per item")
    KeyMode keyMode = KeyMode.SERIES;

    @Option(names = "--features", description = "also write the raw feature vectors (features.csv)")
    boolean features;

    @Override
    public Integer call() throws IOException, UsageException {
        Files.createDirectories(out);
        long start = System.nanoTime();
        Map<String, SeriesModel> models = trace(UsageException.readable(input, "input file"), out, keyMode,
                LearnerParams.seed(), features);
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = models.values().stream().mapToLong(SeriesModel::n).sum();
        cli.err.printf("trace: %,d events, %,d models in %.2f s (%,.0f events/s: read, learn, write) -> %s%n", events,
                models.size(), seconds, events / Math.max(seconds, 1e-9), out);
        return 0;
    }

    /** Replays {@code input} and writes the trace files into {@code outDir}; returns the series summary. */
    public static Map<String, SeriesModel> trace(Path input, Path outDir, KeyMode keyMode, LearnerParams params,
                                                 boolean withFeatures) throws IOException, UsageException {
        Map<String, SeriesModel> models = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             Writer trace = Files.newBufferedWriter(outDir.resolve("trace.csv"), StandardCharsets.UTF_8);
             Writer feats = withFeatures
                     ? Files.newBufferedWriter(outDir.resolve("features.csv"), StandardCharsets.UTF_8)
                     : Writer.nullWriter()) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").strip().equals(EventParser.CSV_HEADER)) {
                throw new UsageException(input + ":1: expected the header '" + EventParser.CSV_HEADER + "'");
            }
            trace.write("id,date,y,pred_knn,pred_lm,mae_knn,mae_lm\n");
            feats.write("id,date," + String.join(",", params.featureNames()) + "\n");
            String line;
            long lineNo = 1;
            StringBuilder row = new StringBuilder(128);
            Map<Integer, String> dates = new HashMap<>(); // the text of each day, made once
            while ((line = in.readLine()) != null) {
                lineNo++;
                SalesEvent e;
                try {
                    e = EventParser.parseCsvLine(line);
                } catch (BadInputException ex) {
                    throw new UsageException(input + ":" + lineNo + ": " + ex.getMessage() + " ("
                            + ex.reason().code() + ")");
                }
                if (e.isRequest()) {
                    throw new UsageException(input + ":" + lineNo + ": y is missing (a trace needs every value)");
                }
                SeriesModel model = models.computeIfAbsent(keyMode.keyOf(e.id()),
                        k -> new SeriesModel(params, keyMode));
                String series = KeyMode.SERIES.keyOf(e.id());
                if (!model.accepts(series, e.day())) {
                    throw new UsageException(input + ":" + lineNo + ": " + e.date() + " of " + e.id()
                            + " is not after its last day " + LocalDate.ofEpochDay(model.lastDay(series))
                            + " (each series must be in date order, without duplicates)");
                }
                if (withFeatures) {
                    feats.write(e.id() + "," + e.date());
                    for (double f : model.features(e.day())) {
                        feats.write("," + PyFloat.format(f));
                    }
                    feats.write('\n');
                }
                Prediction p = model.observe(series, e.day(), e.y());
                row.setLength(0);
                row.append(e.id()).append(',').append(dates.computeIfAbsent(e.day(), d -> e.date().toString()))
                        .append(',').append(e.y()).append(',').append(PyFloat.format(p.predKnn())).append(',')
                        .append(PyFloat.format(p.predLm())).append(',').append(PyFloat.format(p.maeKnn())).append(',')
                        .append(PyFloat.format(p.maeLm())).append('\n');
                trace.append(row);
            }
        }
        try (Writer summary = Files.newBufferedWriter(outDir.resolve("summary.csv"), StandardCharsets.UTF_8)) {
            summary.write("key,n,mae_knn,mae_lm,chosen\n");
            for (Map.Entry<String, SeriesModel> m : models.entrySet()) {
                SeriesModel s = m.getValue();
                summary.write(m.getKey() + "," + s.n() + "," + PyFloat.format(s.maeKnn()) + ","
                        + PyFloat.format(s.maeLm()) + "," + s.chosen().label() + "\n");
            }
        }
        return models;
    }
}
