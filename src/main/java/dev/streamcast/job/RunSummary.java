package dev.streamcast.job;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.outputs.MetricsRow;
import dev.streamcast.outputs.SnapshotRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The summary of a finished run, read back from its committed outputs ({@link CommittedOutputs}, so it is right
 * also after failures and restores): events learned, MAE of each learner and of the served forecast (from the
 * daily metrics), and how many series choose KNN (from each series' last snapshot), plus dead letters and late
 * events.
 */
public record RunSummary(long events, double maeKnn, double maeLm, double maeServed, long series,
                         long seriesChoosingKnn, long deadLetters, long late) {

    /** Reads the summary from the part files of {@code format} below {@code outputDir}. */
    public static RunSummary fromOutputs(Path outputDir, OutputFormat format) {
        try {
            long[] events = {0};
            double[] err = new double[3]; // knn, lm, served
            CommittedOutputs.forEach(outputDir.resolve(CommittedOutputs.METRICS), format, MetricsRow.class,
                    (m, file, line) -> {
                        events[0] += m.events();
                        err[0] += m.events() * m.maeKnn();
                        err[1] += m.events() * m.maeLm();
                        err[2] += m.events() * m.maeServed();
                    });
            Map<String, SnapshotRow> last = new HashMap<>();
            CommittedOutputs.forEach(outputDir.resolve(CommittedOutputs.SERIES), format, SnapshotRow.class,
                    (s, file, line) -> last.merge(s.key(), s, (a, b) -> a.n() >= b.n() ? a : b));
            long knn = last.values().stream().filter(s -> "knn".equals(s.chosen())).count();
            double n = Math.max(1, events[0]);
            return new RunSummary(events[0], err[0] / n, err[1] / n, err[2] / n, last.size(), knn,
                    CommittedOutputs.count(outputDir.resolve(CommittedOutputs.DEAD_LETTERS), format),
                    CommittedOutputs.count(outputDir.resolve(CommittedOutputs.LATE), format));
        } catch (IOException e) {
            throw new UncheckedIOException("reading outputs in " + outputDir + ": " + e.getMessage(), e);
        }
    }

    public String describe(double seconds) {
        return String.format("streamcast: done in %.1f s: %,d events learned (%,.0f events/s), %,d series; "
                        + "MAE knn %.4f, lm %.4f, served %.4f; %,d series (%.1f %%) choose knn; "
                        + "%,d dead letters, %,d late events",
                seconds, events, events / Math.max(seconds, 1e-9), series, maeKnn, maeLm, maeServed,
                seriesChoosingKnn, series == 0 ? 0.0 : 100.0 * seriesChoosingKnn / series, deadLetters, late);
    }
}
