package dev.streamcast.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Property-based tests (jqwik) of the parsers. Whatever the text (any Unicode, control characters, lone surrogates,
 * JSON-like token soup, mangled valid records, huge numbers): every parser, with every {@link Validation}, ends in
 * events or rejections with a reason and a message, never in an exception; the static parsing methods throw
 * nothing but {@link BadInputException}; what is accepted is a well-formed event. And valid records round-trip:
 * an event written as a CSV line, a JSON object (any field order, extra fields) or an M5 wide row parses back to
 * itself. Seeds are fixed, so every run tries the same inputs.
 */
class ParserPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Validation[] VALIDATIONS = {Validation.LENIENT, new Validation(true, false),
        new Validation(false, true), new Validation(true, true)};
    private static final String WIDE_HEADER = "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2,d_3";
    private static final M5WideFormat WIDE = wideFormat(WIDE_HEADER, 1, 3, LocalDate.of(2016, 1, 1));
    /** Characters that matter to the formats, and troublesome ones. */
    private static final String SPICE = ",{}[]\":\\ -+.eE0123456789nNaIfty_\t\r\n\u0000\u0007\u007F\u0085\uFEFF\uFFFD"
            + "\uD800\uDC00é日" + "truefalsenull";

    // ---------------------------------------------------------------- no input makes a parser throw

    @Property(tries = 1500, seed = "20160101")
    void anyTextEndsInEventsOrRejectionsNeverInAnException(@ForAll("anyText") String text) {
        for (Validation v : VALIDATIONS) {
            for (long lineNo : new long[] {1, 2}) {
                RawLine line = new RawLine("f", lineNo, text, false);
                check(new CsvLineParser(v), line, v);
                check(new JsonLineParser(v), line, v);
                check(new M5WideLineParser(WIDE, v), line, v);
            }
            accepted(() -> EventParser.parseCsvLine(text, v), v);
            accepted(() -> JsonLineParser.parse(text, v), v);
            acceptedId(() -> EventParser.checkId(text, v.requireM5Ids()), v);
        }
        try {
            EventParser.parseDate(text);
        } catch (BadInputException e) {
            assertRejection(e.reason(), e.getMessage());
        }
        try {
            assertThat(EventParser.parseY(text)).isBetween(0, Integer.MAX_VALUE - 1);
        } catch (BadInputException e) {
            assertRejection(e.reason(), e.getMessage());
        }
    }

    @Property(tries = 500, seed = "1941")
    void anyBytesAreReadAsALineFlaggedExactlyWhenTheyAreNotUtf8(@ForAll @Size(max = 40) byte[] bytes) {
        RawLine line = RawLine.fromUtf8("f", 1, bytes, bytes.length, false);
        boolean valid = strictlyDecodable(bytes);
        assertThat(line.invalidUtf8()).isEqualTo(!valid);
        assertThat(line.text()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        try {
            EventParser.checkLine(line);
            assertThat(valid).isTrue();
        } catch (BadInputException e) {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_UTF8);
        }
    }

    @Property(tries = 300, seed = "7")
    void validUnicodeTextIsNeverFlagged(@ForAll("unicode") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RawLine line = RawLine.fromUtf8("f", 1, bytes, bytes.length, false);
        assertThat(line.invalidUtf8()).isFalse();
        assertThat(line.text()).isEqualTo(text);
    }

    // ---------------------------------------------------------------- valid records round-trip

    @Property(tries = 500, seed = "90")
    void csvLinesRoundTrip(@ForAll("csvIds") String id, @ForAll("days") int day, @ForAll("ys") int y,
                           @ForAll("padding") String pad, @ForAll boolean crlf) throws BadInputException {
        SalesEvent e = new SalesEvent(id, day, y);
        String line = pad + id + pad + "," + pad + LocalDate.ofEpochDay(day) + pad + ","
                + pad + (e.isRequest() ? "" : String.valueOf(y)) + pad + (crlf ? "\r\n" : "");
        assertThat(EventParser.parseCsvLine(line)).isEqualTo(e);
        Collecting sink = new Collecting();
        new CsvLineParser().parse(new RawLine("f", 2, line, false), sink);
        assertThat(sink.events).containsExactly(e);
        assertThat(sink.rejected).isEmpty();
    }

    @Property(tries = 500, seed = "3049")
    void jsonObjectsRoundTripInAnyFieldOrderWithExtraFieldsIgnoredUnlessStrict(
            @ForAll("anyIds") String id, @ForAll("days") int day, @ForAll("ys") int y,
            @ForAll @IntRange(max = 3) int extras, @ForAll long shuffleSeed) throws Exception {
        SalesEvent e = new SalesEvent(id, day, y);
        List<String> names = new ArrayList<>(List.of("id", "date", "y"));
        for (int i = 0; i < extras; i++) {
            names.add("extra" + i);
        }
        Collections.shuffle(names, new Random(shuffleSeed));
        ObjectNode o = JSON.createObjectNode();
        for (String name : names) {
            switch (name) {
                case "id" -> o.put("id", id);
                case "date" -> o.put("date", LocalDate.ofEpochDay(day).toString());
                case "y" -> {
                    if (!e.isRequest()) {
                        o.put("y", y);
                    }
                }
                default -> o.putArray(name).add(1).addObject().put("y", -1);
            }
        }
        String text = JSON.writeValueAsString(o);
        assertThat(JsonLineParser.parse(text)).isEqualTo(e);
        if (extras == 0) {
            assertThat(JsonLineParser.parse(text, new Validation(false, true))).isEqualTo(e);
        } else {
            assertThat(catchThrowableOfType(BadInputException.class,
                    () -> JsonLineParser.parse(text, new Validation(false, true))).reason())
                    .isEqualTo(Reason.UNKNOWN_FIELD);
        }
    }

    @Property(tries = 300, seed = "1913")
    void m5WideRowsRoundTrip(@ForAll("m5Ids") String id, @ForAll @IntRange(min = 1, max = 2000) int firstIndex,
                             @ForAll("counts") List<Integer> ys, @ForAll("days") int firstDay) {
        int lastIndex = firstIndex + ys.size() - 1;
        String header = "id,item_id,dept_id,cat_id,store_id,state_id," + IntStream.rangeClosed(firstIndex, lastIndex)
                .mapToObj(M5Calendar::dayName).collect(Collectors.joining(","));
        M5WideFormat format = wideFormat(header, firstIndex, lastIndex, LocalDate.ofEpochDay(firstDay));
        String[] p = id.split("_");
        String row = String.join(",", id, p[0] + "_" + p[1] + "_" + p[2], p[0] + "_" + p[1], p[0],
                p[3] + "_" + p[4], p[3]) + "," + ys.stream().map(String::valueOf).collect(Collectors.joining(","));

        Collecting sink = new Collecting();
        new M5WideLineParser(format, new Validation(true, true)).parse(new RawLine("f", 2, row, false), sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.events).isEqualTo(IntStream.range(0, ys.size())
                .mapToObj(k -> new SalesEvent(id, firstDay + k, ys.get(k))).toList());
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> valid = Arbitraries.of(
                "FOODS_3_090_CA_3_validation,2016-01-01,3",
                "{\"id\":\"FOODS_3_090_CA_3\",\"date\":\"2016-01-01\",\"y\":3}",
                "FOODS_3_090_CA_3,FOODS_3_090,FOODS_3,FOODS,CA_3,CA,1,2,3",
                WIDE_HEADER, "id,date,y");
        Arbitrary<String> mangled = Combinators.combine(valid, Arbitraries.integers().between(1, 6).list()
                .ofMaxSize(6), Arbitraries.of(SPICE.chars().mapToObj(c -> (char) c).toList()).list().ofMaxSize(6))
                .as(ParserPropertiesTest::mangle);
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"id\"", "\"date\"", "\"y\"",
                "\"2016-01-01\"", "\"x\"", "3", "-1", "2.5", "1e400", "-0", "null", "true", "NaN", " ",
                "\"\\u0000\"", "\"\\ud800\"", "99999999999999999999", "{\"id\":\"a\",\"date\":\"2016-01-01\"")
                .list().ofMaxSize(20).map(l -> String.join("", l));
        Arbitrary<String> numbers = Combinators.combine(Arbitraries.of("", "-", "+", "--", "0."),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(400),
                        Arbitraries.of("", ".0", ".5", "e3", "e-3", "E400", "x"))
                .as((sign, digits, tail) -> sign + digits + tail)
                .flatMap(y -> Arbitraries.of("FOODS_3_090_CA_3,2016-01-01," + y,
                        "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":" + y + "}", y,
                        "A_1_001_CA_1,A_1_001,A_1,A,CA_1,CA," + y + ",1," + y));
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(80);
        Arbitrary<String> huge = Arbitraries.of(",", "{", "9", " ", "\"")
                .map(s -> s.repeat(EventParser.MAX_LINE_LENGTH));
        return Arbitraries.oneOf(anyChars, anyChars, mangled, mangled, mangled, tokens, tokens, numbers, huge);
    }

    /** A valid record with characters replaced or inserted at some positions. */
    private static String mangle(String valid, List<Integer> steps, List<Character> chars) {
        StringBuilder b = new StringBuilder(valid);
        int pos = 0;
        for (int i = 0; i < Math.min(steps.size(), chars.size()); i++) {
            pos = (pos + steps.get(i) * 7) % (b.length() + 1);
            if (steps.get(i) % 2 == 0 && pos < b.length()) {
                b.setCharAt(pos, chars.get(i));
            } else {
                b.insert(pos, chars.get(i));
            }
        }
        return b.toString();
    }

    @Provide
    Arbitrary<String> unicode() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> Character.getType(cp) != Character.SURROGATE)
                .list().ofMaxSize(30)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
    }

    @Provide
    Arbitrary<String> m5Ids() {
        return Combinators.combine(Arbitraries.of("FOODS", "HOBBIES", "HOUSEHOLD", "X"),
                        Arbitraries.integers().between(1, 9), Arbitraries.integers().between(0, 999),
                        Arbitraries.of("CA", "TX", "WI", "ZZ"), Arbitraries.integers().between(1, 9),
                        Arbitraries.of("", "_validation", "_evaluation"))
                .as((cat, dept, item, state, store, suffix) ->
                        String.format("%s_%d_%03d_%s_%d%s", cat, dept, item, state, store, suffix));
    }

    /** Well-formed free ids: printable ASCII, Latin, CJK, inner spaces; no control characters, no spaces around. */
    @Provide
    Arbitrary<String> anyIds() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().range('!', '~'),
                Arbitraries.chars().range('\u00A1', '\u024F'), Arbitraries.chars().range('\u4E00', '\u4FFF'),
                Arbitraries.just(' '));
        Arbitrary<String> free = chars.list().ofMinSize(1).ofMaxSize(40)
                .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining()))
                .filter(s -> !s.startsWith(" ") && !s.endsWith(" "));
        return Arbitraries.oneOf(free, m5Ids(), Arbitraries.strings().withCharRange('a', 'z')
                .ofLength(EventParser.MAX_ID_LENGTH));
    }

    /** Ids a CSV line can carry: no commas. */
    @Provide
    Arbitrary<String> csvIds() {
        return anyIds().filter(s -> s.indexOf(',') < 0);
    }

    /** Epoch days of 0000-01-01 .. 9999-12-31, the range of {@code YYYY-MM-DD}. */
    @Provide
    Arbitrary<Integer> days() {
        return Arbitraries.integers().between((int) LocalDate.of(0, 1, 1).toEpochDay(),
                (int) LocalDate.of(9999, 12, 31).toEpochDay() - 31); // room for a wide row's days
    }

    /** A count or a forecast request. */
    @Provide
    Arbitrary<Integer> ys() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, Integer.MAX_VALUE - 1),
                Arbitraries.integers().between(0, 20), Arbitraries.just(SalesEvent.NO_VALUE));
    }

    @Provide
    Arbitrary<List<Integer>> counts() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, Integer.MAX_VALUE - 1),
                Arbitraries.integers().between(0, 20)).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<String> padding() {
        return Arbitraries.of("", " ", "\t", "  \t ");
    }

    // ---------------------------------------------------------------- checks

    /** Collects what a parser reports. */
    static final class Collecting implements LineParser.EventSink {
        final List<SalesEvent> events = new ArrayList<>();
        final List<Reason> rejected = new ArrayList<>();

        @Override
        public void event(SalesEvent event) {
            events.add(event);
        }

        @Override
        public void reject(Reason reason, String message, String raw) {
            assertRejection(reason, message);
            rejected.add(reason);
        }
    }

    private static void check(LineParser parser, RawLine line, Validation v) {
        Collecting sink = new Collecting();
        parser.parse(line, sink);
        sink.events.forEach(e -> wellFormed(e, v));
    }

    private interface Parse {
        SalesEvent parse() throws BadInputException;
    }

    private interface IdCheck {
        String check() throws BadInputException;
    }

    private static void accepted(Parse p, Validation v) {
        try {
            wellFormed(p.parse(), v);
        } catch (BadInputException e) {
            assertRejection(e.reason(), e.getMessage());
        }
    }

    private static void acceptedId(IdCheck c, Validation v) {
        try {
            String id = c.check();
            assertThat(id).isNotBlank().hasSizeLessThanOrEqualTo(EventParser.MAX_ID_LENGTH);
            assertThat(!v.requireM5Ids() || EventParser.isM5Id(id)).isTrue();
        } catch (BadInputException e) {
            assertRejection(e.reason(), e.getMessage());
        }
    }

    private static void assertRejection(Reason reason, String message) {
        assertThat(reason).isNotNull();
        assertThat(message).isNotBlank();
    }

    /** What an accepted event always is: an id that passes the id check, a date of 4-digit year, y >= 0 or none. */
    private static void wellFormed(SalesEvent e, Validation v) {
        try {
            assertThat(EventParser.checkId(e.id(), v.requireM5Ids())).isEqualTo(e.id());
        } catch (BadInputException ex) {
            throw new AssertionError("accepted an event with a bad id: " + e, ex);
        }
        assertThat(e.date().getYear()).isBetween(0, 9999);
        assertThat(e.y() >= 0 || e.isRequest()).as("y of %s", e).isTrue();
    }

    /** Valid UTF-8 is exactly what decoding and encoding again gives back unchanged (invalid bytes become U+FFFD). */
    private static boolean strictlyDecodable(byte[] bytes) {
        return Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);
    }

    private static M5WideFormat wideFormat(String header, int first, int last, LocalDate firstDate) {
        try {
            return M5WideFormat.of(header, M5Calendar.of(first, last, firstDate));
        } catch (M5FormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
