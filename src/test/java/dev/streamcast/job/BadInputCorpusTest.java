package dev.streamcast.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcast.io.M5FormatException;
import dev.streamcast.io.Reason;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.records.DeadLetter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}, see its README) through the whole job on a MiniCluster
 * (RocksDB, checkpoints, parallelism 2), each format as a job file configures it ({@link StreamcastJob#build}: file
 * source, parse, learn, file sinks): the job finishes; every malformed record of the manifest appears exactly once
 * in the dead-letter output with its reason, source, line and raw text, and nothing else does; and the forecasts
 * of the valid events are the very ones of a run on the valid events alone.
 *
 * <p>The valid events are taken from the corpus files here, independently of the parsers under test (plain
 * splitting, Jackson's tree, the calendar's dates), minus the manifest's records; the run on them alone reads them
 * as one JSON-lines file in date order. The corpora use disjoint series, so one such run serves all three.
 */
class BadInputCorpusTest {
    static final List<String> FORMATS = List.of("csv", "jsonl", "m5-wide");
    /** Reasons that stop the job at start rather than reject a record. */
    static final Set<Reason> START_UP_REASONS = EnumSet.of(Reason.BAD_CALENDAR, Reason.UNKNOWN_DAY,
            Reason.BAD_DAY_RANGE, Reason.BAD_GROUP_HISTORY);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CELL = Pattern.compile(", column (d_\\d+) \\(");

    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();

    @TempDir
    static Path tmp;

    /** One manifest entry: a malformed record (an M5 cell if {@code cell} is not {@code -}) and its reason. */
    record Expected(String file, long line, String reason, String cell, String what) {
        String key() {
            return file + ":" + line + ":" + reason + ":" + cell;
        }
    }

    /** A valid event as the corpus file states it: y {@code null} for a forecast request. */
    record Event(String id, LocalDate date, Long y) {
    }

    private static Map<String, List<String>> cleanForecastsById;

    static Path corpus(String format) {
        try {
            return Path.of(BadInputCorpusTest.class.getResource("/bad-input/" + format).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void runTheValidEventsAlone() throws Exception {
        List<Event> all = new ArrayList<>();
        Map<String, String> corpusOfKey = new HashMap<>();
        for (String format : FORMATS) {
            for (Event e : validEvents(format)) {
                String key = KeyMode.SERIES.keyOf(e.id());
                assertThat(corpusOfKey.putIfAbsent(key, format)).as("series %s in two corpora", key)
                        .isIn(null, format);
                all.add(e);
            }
        }
        all.sort(Comparator.comparing(Event::date)); // stable: each series keeps its order
        Path in = Files.createDirectories(tmp.resolve("clean/in"));
        StringBuilder text = new StringBuilder();
        for (Event e : all) {
            ObjectNode o = JSON.createObjectNode().put("id", e.id()).put("date", e.date().toString());
            if (e.y() != null) {
                o.put("y", e.y());
            }
            text.append(JSON.writeValueAsString(o)).append('\n');
        }
        Files.writeString(in.resolve("valid.jsonl"), text);
        JobConfig job = JobConfig.parse("source:\n  format: jsonl\n  path: x\n", "clean.yaml", List.of(
                "source.path=" + in, "output.path=" + tmp.resolve("clean/out"),
                "runtime.checkpointDir=" + tmp.resolve("clean/chk"), "runtime.checkpointInterval=200ms"));
        run(job);
        List<String> forecasts = JobTestSupport.committedLines(tmp.resolve("clean/out/forecasts"), false);
        assertThat(forecasts).hasSize(all.size());
        assertThat(JobTestSupport.committedLines(tmp.resolve("clean/out/dead-letters"), false)).isEmpty();
        cleanForecastsById = new HashMap<>();
        for (String line : forecasts) {
            cleanForecastsById.computeIfAbsent(JSON.readTree(line).get("id").textValue(), k -> new ArrayList<>())
                    .add(line);
        }
    }

    @ParameterizedTest
    @FieldSource("FORMATS")
    void everyBadRecordIsDeadLetteredOnceWithItsReasonAndTheValidEventsForecastAsIfAlone(String format)
            throws Exception {
        Path dir = corpus(format);
        Path out = tmp.resolve(format + "/out");
        run(corpusJob(format, dir.resolve("_calendar.csv"), out));

        // every manifest record exactly once, with its reason, source and line; nothing else
        List<Expected> expected = manifest(format);
        List<JsonNode> letters = new ArrayList<>();
        for (String line : JobTestSupport.committedLines(out.resolve(FileOutputs.DEAD_LETTERS), false)) {
            letters.add(JSON.readTree(line));
        }
        List<String> actualKeys = letters.stream().map(d -> {
            Matcher m = CELL.matcher(d.get("message").textValue());
            return d.get("source").textValue() + ":" + d.get("line").longValue() + ":" + d.get("reason").textValue()
                    + ":" + (m.find() ? m.group(1) : "-");
        }).toList();
        assertThat(actualKeys).containsExactlyInAnyOrderElementsOf(expected.stream().map(Expected::key).toList());

        // each with a message and the raw text as read (invalid bytes as U+FFFD), capped
        Map<String, Expected> byKey = expected.stream().collect(Collectors.toMap(Expected::key, e -> e));
        for (int i = 0; i < letters.size(); i++) {
            JsonNode d = letters.get(i);
            Expected e = byKey.get(actualKeys.get(i));
            String raw = d.get("raw").textValue();
            assertThat(d.get("message").textValue()).as(e.what()).isNotBlank();
            assertThat(raw).as(e.what()).isEqualTo(expectedRaw(dir, e));
            assertThat(raw.length()).isLessThanOrEqualTo(DeadLetter.MAX_RAW);
        }

        // the valid events' forecasts are exactly those of the run on the valid events alone; none is late
        Set<String> ids = new HashSet<>();
        validEvents(format).forEach(e -> ids.add(KeyMode.SERIES.keyOf(e.id()))); // as forecasts name series
        List<String> alone = ids.stream().flatMap(id -> cleanForecastsById.getOrDefault(id, List.of()).stream())
                .sorted().toList();
        List<String> forecasts = JobTestSupport.committedLines(out.resolve(FileOutputs.FORECASTS), false).stream()
                .sorted().toList();
        assertThat(alone).hasSize(validEvents(format).size());
        assertThat(forecasts).isEqualTo(alone);
        assertThat(JobTestSupport.committedLines(out.resolve(FileOutputs.LATE), false)).isEmpty();
    }

    @Test
    void theCorpusHasAtLeast50DistinctMalformedRecordsCoveringEveryRecordReason() {
        Set<String> reasons = new HashSet<>();
        int records = 0;
        for (String format : FORMATS) {
            List<Expected> m = manifest(format);
            assertThat(m.stream().map(Expected::key)).as(format).doesNotHaveDuplicates();
            assertThat(m.stream().map(Expected::what)).as(format + ": one kind per record").doesNotHaveDuplicates();
            m.forEach(e -> reasons.add(e.reason()));
            records += m.size();
        }
        assertThat(records).isGreaterThanOrEqualTo(50);
        Set<String> recordReasons = EnumSet.complementOf(EnumSet.copyOf(START_UP_REASONS)).stream()
                .map(Reason::code).collect(Collectors.toSet());
        assertThat(reasons).isEqualTo(recordReasons);
    }

    @Test
    void aCalendarMissingADayStopsTheJobAtStartNamingTheGap() {
        Path dir = corpus("m5-wide");
        JobConfig job = corpusJob("m5-wide", dir.resolve("_calendar_missing_day.csv"), tmp.resolve("gap/out"));
        M5FormatException e = catchThrowableOfType(M5FormatException.class,
                () -> StreamcastJob.build(StreamExecutionEnvironment.getExecutionEnvironment(), job));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.BAD_CALENDAR);
        assertThat(e).hasMessageContaining("_calendar_missing_day.csv line 5").hasMessageContaining("d_4 is missing");
    }

    // ---- the jobs ----

    /** The corpus' own job file, pointed at its directory and a temporary output. */
    static JobConfig corpusJob(String format, Path calendar, Path out) {
        Path dir = corpus(format);
        List<String> overrides = new ArrayList<>(List.of("source.path=" + dir, "output.path=" + out,
                "runtime.checkpointDir=" + out.resolveSibling("chk"), "runtime.checkpointInterval=200ms"));
        if (format.equals("m5-wide")) {
            overrides.add("source.calendar=" + calendar);
        }
        return JobConfig.load(dir.resolve("_job.yaml"), overrides);
    }

    /** Runs a job file's job to its end on the MiniCluster, as {@code streamcast run} builds it. */
    static void run(JobConfig job) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                StreamcastJob.flinkConfiguration(job));
        StreamcastJob.build(env, job);
        env.execute(job.name());
    }

    // ---- the corpus, read without the classes under test ----

    static List<Expected> manifest(String format) {
        List<Expected> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(corpus(format).resolve("_expected.tsv"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertThat(f).as(line).hasSize(5);
                entries.add(new Expected(f[0], Long.parseLong(f[1]), f[2], f[3], f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The data files of a corpus (as the job reads them: not those starting with {@code _} or {@code .}). */
    static List<Path> dataFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("_")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a file as bytes, without their {@code \n} (gzip by extension). */
    static List<byte[]> lines(Path file) {
        byte[] all;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            all = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        for (byte b : all) {
            if (b == '\n') {
                lines.add(cur.toByteArray());
                cur.reset();
            } else {
                cur.write(b);
            }
        }
        if (cur.size() > 0) {
            lines.add(cur.toByteArray());
        }
        return lines;
    }

    /** A line's text: UTF-8 (invalid bytes as U+FFFD), without a CR before its LF. */
    static String text(byte[] line) {
        int n = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        return new String(line, 0, n, StandardCharsets.UTF_8);
    }

    static String withoutBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** What the dead letter of a manifest record must hold as raw text. */
    static String expectedRaw(Path dir, Expected e) {
        String line = text(lines(dir.resolve(e.file())).get((int) e.line() - 1));
        if (!e.cell().equals("-")) {
            int dayIndex = Integer.parseInt(e.cell().substring(2));
            return line.split(",", -1)[5 + dayIndex];
        }
        return line.length() > DeadLetter.MAX_RAW ? line.substring(0, DeadLetter.MAX_RAW) : line;
    }

    /** Every valid event of a corpus, in file order: its data lines minus the manifest's records. */
    static List<Event> validEvents(String format) {
        Path dir = corpus(format);
        Set<String> badLines = new HashSet<>();
        Set<String> badCells = new HashSet<>();
        for (Expected e : manifest(format)) {
            (e.cell().equals("-") ? badLines : badCells).add(e.file() + ":" + e.line()
                    + (e.cell().equals("-") ? "" : ":" + e.cell()));
        }
        Map<String, LocalDate> calendar = format.equals("m5-wide") ? calendar(dir.resolve("_calendar.csv")) : Map.of();
        List<Event> events = new ArrayList<>();
        for (Path file : dataFiles(dir)) {
            String name = file.getFileName().toString();
            List<byte[]> lines = lines(file);
            String[] header = text(lines.get(0)).split(",", -1);
            for (int i = format.equals("jsonl") ? 0 : 1; i < lines.size(); i++) {
                String where = name + ":" + (i + 1);
                if (badLines.contains(where)) {
                    continue;
                }
                String t = withoutBom(text(lines.get(i)));
                switch (format) {
                    case "csv" -> {
                        String[] f = t.split(",", -1);
                        events.add(new Event(f[0].strip(), LocalDate.parse(f[1].strip()), count(f[2])));
                    }
                    case "jsonl" -> {
                        JsonNode o = readTree(t);
                        JsonNode y = o.get("y");
                        events.add(new Event(o.get("id").textValue(), LocalDate.parse(o.get("date").textValue()),
                                y == null || y.isNull() ? null
                                        : y.decimalValue().toBigIntegerExact().longValueExact()));
                    }
                    default -> {
                        String[] f = t.split(",", -1);
                        for (int c = 6; c < f.length; c++) {
                            if (!badCells.contains(where + ":" + header[c])) {
                                events.add(new Event(f[0].strip(), calendar.get(header[c]), count(f[c])));
                            }
                        }
                    }
                }
            }
        }
        return events;
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid count as written ({@code 3}, {@code 3.0}, {@code +3}, {@code 007}); blank is a request. */
    private static Long count(String cell) {
        String s = cell.strip();
        return s.isEmpty() ? null : new BigDecimal(s).toBigIntegerExact().longValueExact();
    }

    /** {@code d_N} to date, from the calendar's {@code d} and {@code date} columns. */
    static Map<String, LocalDate> calendar(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> header = List.of(lines.get(0).split(","));
            Map<String, LocalDate> dates = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                dates.put(f[header.indexOf("d")], LocalDate.parse(f[header.indexOf("date")]));
            }
            return dates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
