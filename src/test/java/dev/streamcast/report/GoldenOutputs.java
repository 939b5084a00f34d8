package dev.streamcast.report;

import dev.streamcast.functions.DailyMetricsAggregate;
import dev.streamcast.io.BadInputException;
import dev.streamcast.io.EventParser;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.RecordEncoder;
import dev.streamcast.job.FileOutputs;
import dev.streamcast.learn.GoldenTraces;
import dev.streamcast.learn.Learner;
import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.SalesEvent;
import dev.streamcast.records.SeriesSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's outputs made from a golden creme trace, as the job writes them ({@link RecordEncoder}, committed part
 * files beside an uncommitted one): every trace row as a forecast record (the served learner chosen from the
 * MAEs before the event), the daily metrics aggregated by the job's own {@link DailyMetricsAggregate}, one final
 * snapshot per series from the golden summary, and a forecast request after the last day of the first series.
 */
final class GoldenOutputs {
    private GoldenOutputs() {
    }

    /** Writes the outputs of golden set {@code set} below {@code dir}; returns the forecast records. */
    static List<ForecastRecord> write(String set, Path dir, OutputFormat format) {
        List<ForecastRecord> forecasts = new ArrayList<>();
        Map<String, double[]> lastMae = new HashMap<>();
        Map<String, Integer> lastDay = new HashMap<>();
        Map<String, Long> n = new HashMap<>();
        List<String[]> trace = GoldenTraces.read(set, "trace"); // id,date,y,pred_knn,pred_lm,mae_knn,mae_lm
        for (String[] r : trace.subList(1, trace.size())) {
            double[] before = lastMae.getOrDefault(r[0], new double[2]);
            Learner served = Learner.choose(before[0], before[1]);
            double knn = Double.parseDouble(r[3]);
            double lm = Double.parseDouble(r[4]);
            int day = day(r[1]);
            forecasts.add(new ForecastRecord(r[0], day, Integer.parseInt(r[2]), knn, lm, served,
                    served == Learner.KNN ? knn : lm, Double.parseDouble(r[5]), Double.parseDouble(r[6]),
                    n.merge(r[0], 1L, Long::sum)));
            lastMae.put(r[0], new double[] {Double.parseDouble(r[5]), Double.parseDouble(r[6])});
            lastDay.put(r[0], day);
        }
        ForecastRecord first = forecasts.get(0);
        double[] mae = lastMae.get(first.id());
        forecasts.add(new ForecastRecord(first.id(), lastDay.get(first.id()) + 1, SalesEvent.NO_VALUE, 1.5, 2.5,
                Learner.choose(mae[0], mae[1]), 2.0, mae[0], mae[1], n.get(first.id())));

        DailyMetricsAggregate aggregate = new DailyMetricsAggregate();
        Map<Integer, DailyMetricsAggregate.Accumulator> days = new TreeMap<>();
        for (ForecastRecord f : forecasts) {
            if (!f.isRequest()) {
                days.compute(f.day(), (d, acc) -> DailyMetricsAggregate.addObservation(f,
                        acc == null ? aggregate.createAccumulator() : acc));
            }
        }
        List<DailyMetrics> metrics = days.values().stream().map(aggregate::getResult).toList();

        List<SeriesSnapshot> snapshots = new ArrayList<>();
        List<String[]> summary = GoldenTraces.read(set, "summary"); // key,n,mae_knn,mae_lm,chosen
        for (String[] s : summary.subList(1, summary.size())) {
            int day = lastDay.entrySet().stream().filter(e -> e.getKey().startsWith(s[0] + "_"))
                    .mapToInt(Map.Entry::getValue).max().orElseThrow();
            snapshots.add(new SeriesSnapshot(s[0], day, Long.parseLong(s[1]), Double.parseDouble(s[2]),
                    Double.parseDouble(s[3]), s[4].equals(Learner.KNN.label()) ? Learner.KNN : Learner.LM));
        }

        part(dir, FileOutputs.FORECASTS, RecordEncoder.forecasts(format), forecasts);
        part(dir, FileOutputs.METRICS, RecordEncoder.metrics(format), metrics);
        part(dir, FileOutputs.SERIES, RecordEncoder.series(format), snapshots);
        return forecasts;
    }

    private static int day(String date) {
        try {
            return EventParser.parseDate(date);
        } catch (BadInputException e) {
            throw new IllegalStateException("golden trace date " + date, e);
        }
    }

    private static <T> void part(Path dir, String name, RecordEncoder<T> encoder, List<T> records) {
        List<String> lines = new ArrayList<>();
        if (encoder.header() != null) {
            lines.add(encoder.header());
        }
        records.forEach(r -> lines.add(encoder.encode(r)));
        try {
            Path d = Files.createDirectories(dir.resolve(name));
            Files.write(d.resolve(name + "-0-0." + encoder.format().extension()), lines);
            Files.write(d.resolve("." + name + "-0-1.inprogress"), List.of("not committed yet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
