package dev.streamcast.job;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.RecordEncoder;
import dev.streamcast.io.TextBulkWriter;
import dev.streamcast.outputs.CommittedOutputs;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the job's outputs with {@code FileSink} (exactly-once: part files are committed on checkpoints and
 * at the end of a bounded input) into one directory per stream below a base directory.
 */
public final class FileOutputs {
    public static final String FORECASTS = CommittedOutputs.FORECASTS;
    public static final String METRICS = CommittedOutputs.METRICS;
    public static final String SERIES = CommittedOutputs.SERIES;
    public static final String DEAD_LETTERS = CommittedOutputs.DEAD_LETTERS;
    public static final String LATE = CommittedOutputs.LATE;

    private FileOutputs() {
    }

    /**
     * Sinks every stream of {@code outputs} into its directory below {@code baseDir}, and creates the five
     * directories now (as the job is built), so that each exists also when its stream stays empty (a run without
     * bad input or late data, or one whose input needs no parsing) and readers find every stream README lists.
     */
    public static void attach(ForecastPipeline.Outputs outputs, String baseDir, OutputFormat format) {
        sink(outputs.forecasts(), baseDir, FORECASTS, RecordEncoder.forecasts(format));
        sink(outputs.metrics(), baseDir, METRICS, RecordEncoder.metrics(format));
        sink(outputs.snapshots(), baseDir, SERIES, RecordEncoder.series(format));
        sink(outputs.deadLetters(), baseDir, DEAD_LETTERS, RecordEncoder.deadLetters(format));
        sink(outputs.late(), baseDir, LATE, RecordEncoder.late(format));
    }

    /** Creates the stream's directory, and sinks the stream into it unless it is null (no such stream). */
    static <T> void sink(DataStream<T> stream, String baseDir, String name, RecordEncoder<T> encoder) {
        Path dir = new Path(baseDir, name);
        try {
            dir.getFileSystem().mkdirs(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output directory " + dir, e);
        }
        if (stream == null) {
            return;
        }
        FileSink<T> sink = FileSink
                .forBulkFormat(dir, TextBulkWriter.factory(encoder))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix(name).withPartSuffix("." + encoder.format().extension()).build())
                .build();
        stream.sinkTo(sink).name(name + " → files").uid(name + "-files");
    }
}
