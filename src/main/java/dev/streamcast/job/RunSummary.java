package dev.streamcast.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.io.OutputFormat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The summary of a finished run, read back from its committed outputs (so it is right also after failures
 * and restores): events learned, MAE of each learner and of the served forecast (from the daily metrics),
 * and how many series choose KNN (from each series' last snapshot), plus dead letters and late events.
 */
public record RunSummary(long events, double maeKnn, double maeLm, double maeServed, long series,
                         long seriesChoosingKnn, long deadLetters, long late) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static RunSummary fromOutputs(Path outputDir, OutputFormat format) {
        long events = 0;
        double errKnn = 0;
        double errLm = 0;
        double errServed = 0;
        for (Map<String, String> m : rows(outputDir.resolve(FileOutputs.METRICS), format)) {
            long n = Long.parseLong(m.get("events"));
            events += n;
            errKnn += n * Double.parseDouble(m.get("mae_knn"));
            errLm += n * Double.parseDouble(m.get("mae_lm"));
            errServed += n * Double.parseDouble(m.get("mae_served"));
        }
        Map<String, Map<String, String>> last = new HashMap<>();
        for (Map<String, String> s : rows(outputDir.resolve(FileOutputs.SERIES), format)) {
            last.merge(s.get("key"), s, (a, b) -> Long.parseLong(a.get("n")) >= Long.parseLong(b.get("n")) ? a : b);
        }
        long knn = last.values().stream().filter(s -> "knn".equals(s.get("chosen"))).count();
        double n = Math.max(1, events);
        return new RunSummary(events, errKnn / n, errLm / n, errServed / n, last.size(), knn,
                rows(outputDir.resolve(FileOutputs.DEAD_LETTERS), format).size(),
                rows(outputDir.resolve(FileOutputs.LATE), format).size());
    }

    public String describe(double seconds) {
        return String.format("streamcast: done in %.1f s: %,d events learned (%,.0f events/s), %,d series; "
                        + "MAE knn %.4f, lm %.4f, served %.4f; %,d series (%.1f %%) choose knn; "
                        + "%,d dead letters, %,d late events",
                seconds, events, events / Math.max(seconds, 1e-9), series, maeKnn, maeLm, maeServed,
                seriesChoosingKnn, series == 0 ? 0.0 : 100.0 * seriesChoosingKnn / series, deadLetters, late);
    }

    /** The records of the committed part files in {@code dir}, as column → text. */
    public static List<Map<String, String>> rows(Path dir, OutputFormat format) {
        List<Map<String, String>> rows = new ArrayList<>();
        eachRow(dir, format, rows::add);
        return rows;
    }

    /**
     * Streams the records of the committed part files in {@code dir} (in file-name order; in-progress files,
     * whose names start with a dot, are skipped) to {@code action}, as column → text, one line at a time, so
     * outputs larger than memory can be read. A missing directory has no records.
     */
    public static void eachRow(Path dir, OutputFormat format, Consumer<Map<String, String>> action) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                try (BufferedReader r = Files.newBufferedReader(f)) {
                    String[] header = format == OutputFormat.CSV ? splitCsv(r.readLine()) : null;
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        if (format == OutputFormat.JSONL) {
                            JsonNode node = JSON.readTree(line);
                            node.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().asText()));
                        } else {
                            String[] cells = line.split(",", -1);
                            for (int i = 0; i < header.length && i < cells.length; i++) {
                                row.put(header[i], cells[i]);
                            }
                        }
                        action.accept(row);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading outputs in " + dir, e);
        }
    }

    private static String[] splitCsv(String header) {
        return header == null ? new String[0] : header.split(",", -1);
    }
}
