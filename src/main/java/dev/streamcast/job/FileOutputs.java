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

    public static void attach(ForecastPipeline.Outputs outputs, String baseDir, OutputFormat format) {
        sink(outputs.forecasts(), baseDir, FORECASTS, RecordEncoder.forecasts(format));
        sink(outputs.metrics(), baseDir, METRICS, RecordEncoder.metrics(format));
        sink(outputs.snapshots(), baseDir, SERIES, RecordEncoder.series(format));
        if (outputs.deadLetters() != null) {
            sink(outputs.deadLetters(), baseDir, DEAD_LETTERS, RecordEncoder.deadLetters(format));
        }
        sink(outputs.late(), baseDir, LATE, RecordEncoder.late(format));
    }

    static <T> void sink(DataStream<T> stream, String baseDir, String name, RecordEncoder<T> encoder) {
        FileSink<T> sink = FileSink
                .forBulkFormat(new Path(baseDir, name), TextBulkWriter.factory(encoder))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix(name).withPartSuffix("." + encoder.format().extension()).build())
                .build();
        stream.sinkTo(sink).name(name + " → files").uid(name + "-files");
    }
}
