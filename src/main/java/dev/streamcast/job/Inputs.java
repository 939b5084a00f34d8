package dev.streamcast.job;

import dev.streamcast.io.BadInputException;
import dev.streamcast.io.EventParser;
import dev.streamcast.io.LineFileFormat;
import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.M5WideFormat;
import dev.streamcast.io.M5WideLineParser;
import dev.streamcast.io.Validation;
import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Builds the job's file input: the {@code FileSource} of raw lines and the parsers that need the files. */
public final class Inputs {
    /** Longest input line kept whole (bytes); an M5 wide row of 1,969 days is about 8 KB. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private Inputs() {
    }

    /** Lines of the file or directory {@code path}; {@code monitorInterval} non-null keeps watching it. */
    public static DataStream<RawLine> fileLines(StreamExecutionEnvironment env, Path path, Duration monitorInterval) {
        return env.fromSource(fileSource(path, monitorInterval), WatermarkStrategy.noWatermarks(),
                "files: " + path.getFileName()).uid("source");
    }

    /** The {@code FileSource} of the lines of {@code path}; {@code monitorInterval} non-null keeps watching it. */
    public static FileSource<RawLine> fileSource(Path path, Duration monitorInterval) {
        FileSource.FileSourceBuilder<RawLine> builder = FileSource.forBulkFileFormat(
                new LineFileFormat(MAX_LINE_BYTES), new org.apache.flink.core.fs.Path(path.toAbsolutePath().toUri()));
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
        }
        return builder.build();
    }

    /** {@link #m5WideParser(Path, Path, String, String, Validation)} with {@link Validation#LENIENT} rules. */
    public static M5WideLineParser m5WideParser(Path sales, Path calendar, String firstDay, String lastDay)
            throws IOException {
        return m5WideParser(sales, calendar, firstDay, lastDay, Validation.LENIENT);
    }

    /**
     * The parser of M5 wide sales files: reads each file's header now, so a bad header or day range fails at
     * start with a clear message; every file of a directory must have the same header.
     */
    public static M5WideLineParser m5WideParser(Path sales, Path calendar, String firstDay, String lastDay,
                                                Validation validation) throws IOException {
        M5Calendar cal = M5Calendar.load(calendar);
        List<Path> files = dataFiles(sales);
        if (files.isEmpty()) {
            throw new IOException("no M5 sales file in " + sales);
        }
        String header = firstLine(files.get(0));
        for (Path f : files) {
            if (!firstLine(f).equals(header)) {
                throw new IOException("M5 files of one job must share their header: " + f + " differs from "
                        + files.get(0));
            }
        }
        return new M5WideLineParser(M5WideFormat.of(header, cal, firstDay, lastDay), validation);
    }

    static List<Path> dataFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            if (!Files.isReadable(path)) {
                throw new IOException("cannot read input " + path);
            }
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().startsWith("_"))
                    .sorted().toList();
        }
    }

    /** The first line of a file, read as the job reads lines: at most {@link #MAX_LINE_BYTES}, UTF-8. */
    static String firstLine(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             LineFileFormat.LineReader r = new LineFileFormat.LineReader(in, MAX_LINE_BYTES)) {
            RawLine line = r.read();
            if (line == null) {
                throw new IOException("input file " + file + " is empty");
            }
            try {
                EventParser.checkLine(line);
            } catch (BadInputException e) {
                throw new IOException("the first line of input file " + file + " is unusable (" + e.reason().code()
                        + "): " + e.getMessage());
            }
            return line.text();
        }
    }
}
