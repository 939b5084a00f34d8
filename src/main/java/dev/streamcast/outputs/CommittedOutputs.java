package dev.streamcast.outputs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.streamcast.io.ByteOrderMark;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.PyFloat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the committed part files of a run's outputs into typed rows ({@link ForecastRow}, {@link MetricsRow},
 * {@link SnapshotRow}, or {@link JsonNode} for any record) with Jackson: JSON lines with its JSON parser, CSV with
 * its CSV module (header line, RFC 4180 quoting as the writer quotes: an id with a comma reads back whole). The
 * format of each file follows from its name ({@code .jsonl}, {@code .json} or {@code .csv}, each optionally
 * {@code .gz}); a byte-order mark at its start is skipped. Doubles are read as the writer writes them
 * (Python's {@code repr}: {@code nan}, {@code inf} in CSV; {@code null} for a non-finite double in JSON).
 */
public final class CommittedOutputs {
    /** The output directories below a run's output path, one per stream. */
    public static final String FORECASTS = "forecasts";
    public static final String METRICS = "metrics";
    public static final String SERIES = "series";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String LATE = "late";

    private static final int BUFFER = 1 << 16;
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
    private static final CsvMapper CSV = (CsvMapper) configure(CsvMapper.builder()
            .enable(CsvParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build());

    private CommittedOutputs() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        SimpleModule m = new SimpleModule("streamcast-outputs");
        m.addDeserializer(Double.class, new PyDouble());
        m.addDeserializer(double.class, new PyDouble());
        m.addDeserializer(LocalDate.class, new IsoDate());
        return mapper.registerModule(m)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** What to do with one row; {@code line} is its line in {@code file} (the header is line 1 of a CSV file). */
    @FunctionalInterface
    public interface RowAction<T, E extends Exception> {
        void accept(T row, Path file, long line) throws E;
    }

    /**
     * The committed part files of {@code path}: the file itself, or the files below the directory (recursively,
     * in path order) whose names end in a known extension and do not start with {@code .} or {@code _} (Flink's
     * in-progress and pending files). A missing directory has none.
     */
    public static List<Path> partFiles(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(path)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && !name.startsWith("_") && formatOf(p) != null;
                    })
                    .sorted()
                    .toList();
        }
    }

    /** The format of a part file from its name, or null if it is none of {@code .jsonl}, {@code .json}, {@code .csv}. */
    public static OutputFormat formatOf(Path file) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".csv")) {
            return OutputFormat.CSV;
        }
        return base.endsWith(".jsonl") || base.endsWith(".json") ? OutputFormat.JSONL : null;
    }

    /** Opens a text file as UTF-8, decompressing a {@code .gz} one, without a byte-order mark at its start. */
    public static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, BUFFER);
            }
            return new BufferedReader(ByteOrderMark.skip(new InputStreamReader(in, StandardCharsets.UTF_8)), BUFFER);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The number of records in the committed part files of {@code path} of {@code format} (null: any). */
    public static long count(Path path, OutputFormat format) throws IOException {
        long[] n = {0};
        forEach(path, format, JsonNode.class, (row, file, line) -> n[0]++);
        return n[0];
    }

    /**
     * Streams the records of the committed part files of {@code path} (see {@link #partFiles}) whose format is
     * {@code format} (null: any) to {@code action}, one at a time, so outputs larger than memory can be read.
     *
     * @throws OutputFileException a record that is not valid JSON or CSV, or does not fit {@code type}
     *                             (naming the file and line)
     */
    public static <T, E extends Exception> void forEach(Path path, OutputFormat format, Class<T> type,
                                                        RowAction<? super T, E> action) throws IOException, E {
        for (Path file : partFiles(path)) {
            if (format == null || formatOf(file) == format) {
                read(file, type, action);
            }
        }
    }

    private static <T, E extends Exception> void read(Path file, Class<T> type, RowAction<? super T, E> action)
            throws IOException, E {
        ObjectReader reader = formatOf(file) == OutputFormat.CSV
                ? CSV.readerFor(type).with(CsvSchema.emptySchema().withHeader())
                : JSON.readerFor(type);
        try (Reader in = open(file); MappingIterator<T> it = reader.readValues(in)) {
            while (true) {
                T row;
                try {
                    if (!it.hasNextValue()) {
                        return;
                    }
                    row = it.nextValue();
                } catch (JsonMappingException e) {
                    String field = e.getPath().isEmpty() ? null
                            : e.getPath().get(e.getPath().size() - 1).getFieldName();
                    throw new OutputFileException(file, line(e.getLocation()),
                            (field == null ? "" : "'" + field + "': ") + e.getOriginalMessage());
                } catch (JacksonException e) {
                    throw new OutputFileException(file, line(e.getLocation()), e.getOriginalMessage());
                }
                action.accept(row, file, line(it.getParser().currentTokenLocation()));
            }
        }
    }

    private static long line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    /** A double as the writer writes it: a JSON number or null (NaN), or Python's text ({@code nan}, {@code inf}). */
    private static final class PyDouble extends StdScalarDeserializer<Double> {
        PyDouble() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken().isNumeric()) {
                return p.getDoubleValue();
            }
            if (p.currentToken().isScalarValue()) {
                String text = p.getText().strip();
                try {
                    return text.isEmpty() ? Double.NaN : PyFloat.parse(text);
                } catch (NumberFormatException e) {
                    return (Double) ctx.handleWeirdStringValue(Double.class, text, "not a number");
                }
            }
            return (Double) ctx.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctx) {
            return Double.NaN;
        }
    }

    /** A date written YYYY-MM-DD. */
    private static final class IsoDate extends StdScalarDeserializer<LocalDate> {
        IsoDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return (LocalDate) ctx.handleUnexpectedToken(LocalDate.class, p);
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return (LocalDate) ctx.handleWeirdStringValue(LocalDate.class, text, "not a date YYYY-MM-DD");
            }
        }
    }
}
