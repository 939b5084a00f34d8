package dev.streamcast.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import org.junit.jupiter.api.Test;

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
 * Property-based tests of the parsers (seeded random generators, no library: jqwik, the usual choice, asks AI
 * agents not to use it from 1.10 on, and streamcast is partly written by one). Whatever the text (any Unicode, control characters, lone surrogates,
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

    @Test
    void anyTextEndsInEventsOrRejectionsNeverInAnException() {
        Random r = new Random(20160101);
        for (int t = 0; t < 1500; t++) {
            anyTextEndsInEventsOrRejections(anyText(r));
        }
    }

    private static void anyTextEndsInEventsOrRejections(String text) {
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

    @Test
    void anyBytesAreReadAsALineFlaggedExactlyWhenTheyAreNotUtf8() {
        Random r = new Random(1941);
        for (int t = 0; t < 500; t++) {
            byte[] bytes = new byte[r.nextInt(41)];
            r.nextBytes(bytes);
            if (r.nextBoolean()) { // mostly ASCII, some high bytes: near-valid UTF-8 too
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (bytes[i] & (r.nextInt(4) == 0 ? 0xFF : 0x7F));
                }
            }
            bytesAreFlaggedExactlyWhenNotUtf8(bytes);
        }
    }

    private static void bytesAreFlaggedExactlyWhenNotUtf8(byte[] bytes) {
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

    @Test
    void validUnicodeTextIsNeverFlagged() {
        Random r = new Random(7);
        for (int t = 0; t < 300; t++) {
            String text = unicode(r);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            RawLine line = RawLine.fromUtf8("f", 1, bytes, bytes.length, false);
            assertThat(line.invalidUtf8()).isFalse();
            assertThat(line.text()).isEqualTo(text);
        }
    }

    // ---------------------------------------------------------------- valid records round-trip

    @Test
    void csvLinesRoundTrip() throws BadInputException {
        Random r = new Random(90);
        for (int t = 0; t < 500; t++) {
            csvLineRoundTrips(csvIds(r), days(r), ys(r), padding(r), r.nextBoolean());
        }
    }

    private static void csvLineRoundTrips(String id, int day, int y, String pad, boolean crlf)
            throws BadInputException {
        SalesEvent e = new SalesEvent(id, day, y);
        String line = pad + id + pad + "," + pad + LocalDate.ofEpochDay(day) + pad + ","
                + pad + (e.isRequest() ? "" : String.valueOf(y)) + pad + (crlf ? "\r\n" : "");
        assertThat(EventParser.parseCsvLine(line)).isEqualTo(e);
        Collecting sink = new Collecting();
        new CsvLineParser().parse(new RawLine("f", 2, line, false), sink);
        assertThat(sink.events).containsExactly(e);
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void jsonObjectsRoundTripInAnyFieldOrderWithExtraFieldsIgnoredUnlessStrict() throws Exception {
        Random r = new Random(3049);
        for (int t = 0; t < 500; t++) {
            jsonObjectRoundTrips(anyIds(r), days(r), ys(r), r.nextInt(4), r.nextLong());
        }
    }

    private static void jsonObjectRoundTrips(String id, int day, int y, int extras, long shuffleSeed)
            throws Exception {
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

    @Test
    void m5WideRowsRoundTrip() {
        Random r = new Random(1913);
        for (int t = 0; t < 300; t++) {
            m5WideRowRoundTrips(m5Ids(r), 1 + r.nextInt(2000), counts(r), days(r));
        }
    }

    private static void m5WideRowRoundTrips(String id, int firstIndex, List<Integer> ys, int firstDay) {
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

    private static final String[] VALID = {
        "FOODS_3_090_CA_3_validation,2016-01-01,3",
        "{\"id\":\"FOODS_3_090_CA_3\",\"date\":\"2016-01-01\",\"y\":3}",
        "FOODS_3_090_CA_3,FOODS_3_090,FOODS_3,FOODS,CA_3,CA,1,2,3",
        WIDE_HEADER, "id,date,y"};
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"id\"", "\"date\"", "\"y\"",
        "\"2016-01-01\"", "\"x\"", "3", "-1", "2.5", "1e400", "-0", "null", "true", "NaN", " ",
        "\"\\u0000\"", "\"\\ud800\"", "99999999999999999999", "{\"id\":\"a\",\"date\":\"2016-01-01\""};

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** Any text: random chars, mangled valid records, JSON token soup, odd numbers, lines at the length cap. */
    static String anyText(Random r) {
        switch (r.nextInt(9)) {
            case 0, 1 -> {
                StringBuilder b = new StringBuilder();
                int n = r.nextInt(81);
                for (int i = 0; i < n; i++) {
                    b.append((char) r.nextInt(Character.MAX_VALUE + 1));
                }
                return b.toString();
            }
            case 2, 3, 4 -> {
                List<Integer> steps = new ArrayList<>();
                List<Character> chars = new ArrayList<>();
                int n = r.nextInt(7);
                for (int i = 0; i < n; i++) {
                    steps.add(1 + r.nextInt(6));
                    chars.add(SPICE.charAt(r.nextInt(SPICE.length())));
                }
                return mangle(pick(r, VALID), steps, chars);
            }
            case 5, 6 -> {
                StringBuilder b = new StringBuilder();
                int n = r.nextInt(21);
                for (int i = 0; i < n; i++) {
                    b.append(pick(r, TOKENS));
                }
                return b.toString();
            }
            case 7 -> {
                StringBuilder digits = new StringBuilder();
                int n = 1 + r.nextInt(400);
                for (int i = 0; i < n; i++) {
                    digits.append((char) ('0' + r.nextInt(10)));
                }
                String y = pick(r, new String[] {"", "-", "+", "--", "0."}) + digits
                        + pick(r, new String[] {"", ".0", ".5", "e3", "e-3", "E400", "x"});
                return pick(r, new String[] {"FOODS_3_090_CA_3,2016-01-01," + y,
                    "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":" + y + "}", y,
                    "A_1_001_CA_1,A_1_001,A_1,A,CA_1,CA," + y + ",1," + y});
            }
            default -> {
                return pick(r, new String[] {",", "{", "9", " ", "\""}).repeat(EventParser.MAX_LINE_LENGTH);
            }
        }
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

    /** Valid Unicode text (any code point but surrogates). */
    static String unicode(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(31);
        while (n > 0) {
            int cp = r.nextInt(Character.MAX_CODE_POINT + 1);
            if (Character.getType(cp) != Character.SURROGATE) {
                b.appendCodePoint(cp);
                n--;
            }
        }
        return b.toString();
    }

    static String m5Ids(Random r) {
        return String.format("%s_%d_%03d_%s_%d%s", pick(r, new String[] {"FOODS", "HOBBIES", "HOUSEHOLD", "X"}),
                1 + r.nextInt(9), r.nextInt(1000), pick(r, new String[] {"CA", "TX", "WI", "ZZ"}), 1 + r.nextInt(9),
                pick(r, new String[] {"", "_validation", "_evaluation"}));
    }

    /** Well-formed free ids: printable ASCII, Latin, CJK, inner spaces; no control characters, no spaces around. */
    static String anyIds(Random r) {
        switch (r.nextInt(3)) {
            case 0 -> {
                while (true) {
                    StringBuilder b = new StringBuilder();
                    int n = 1 + r.nextInt(40);
                    for (int i = 0; i < n; i++) {
                        b.append(switch (r.nextInt(4)) {
                            case 0 -> (char) ('!' + r.nextInt('~' - '!' + 1));
                            case 1 -> (char) ('\u00A1' + r.nextInt(0x024F - 0x00A1 + 1));
                            case 2 -> (char) ('\u4E00' + r.nextInt(0x4FFF - 0x4E00 + 1));
                            default -> ' ';
                        });
                    }
                    String s = b.toString();
                    if (!s.startsWith(" ") && !s.endsWith(" ")) {
                        return s;
                    }
                }
            }
            case 1 -> {
                return m5Ids(r);
            }
            default -> {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < EventParser.MAX_ID_LENGTH; i++) {
                    b.append((char) ('a' + r.nextInt(26)));
                }
                return b.toString();
            }
        }
    }

    /** Ids a CSV line can carry: no commas. */
    static String csvIds(Random r) {
        while (true) {
            String id = anyIds(r);
            if (id.indexOf(',') < 0) {
                return id;
            }
        }
    }

    /** Epoch days of 0000-01-01 .. 9999-12-31, the range of {@code YYYY-MM-DD}. */
    static int days(Random r) {
        int first = (int) LocalDate.of(0, 1, 1).toEpochDay();
        int last = (int) LocalDate.of(9999, 12, 31).toEpochDay() - 31; // room for a wide row's days
        return first + r.nextInt(last - first + 1);
    }

    /** A count or a forecast request. */
    static int ys(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextInt(Integer.MAX_VALUE);
            case 1 -> r.nextInt(21);
            default -> SalesEvent.NO_VALUE;
        };
    }

    static List<Integer> counts(Random r) {
        List<Integer> ys = new ArrayList<>();
        int n = 1 + r.nextInt(30);
        boolean small = r.nextBoolean();
        for (int i = 0; i < n; i++) {
            ys.add(small ? r.nextInt(21) : r.nextInt(Integer.MAX_VALUE));
        }
        return ys;
    }

    static String padding(Random r) {
        return pick(r, new String[] {"", " ", "\t", "  \t "});
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
