package dev.streamcast.io;

import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** JSON lines: valid objects, requests, and the reason for every kind of malformed record. */
class JsonLineParserTest {
    private static final String ID = "FOODS_3_090_CA_3_validation";
    private static final int JAN1 = (int) LocalDate.of(2016, 1, 1).toEpochDay();

    /** A record with the given y text (raw JSON), or without y if {@code null}. */
    private static String withY(String y) {
        return "{\"id\":\"" + ID + "\",\"date\":\"2016-01-01\"" + (y == null ? "" : ",\"y\":" + y) + "}";
    }

    private static Reason reason(String text) {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> JsonLineParser.parse(text));
        assertThat(e).as("rejected: %s", text).isNotNull();
        return e.reason();
    }

    @Test
    void parsesAValidObject() throws BadInputException {
        assertThat(JsonLineParser.parse(withY("3"))).isEqualTo(new SalesEvent(ID, JAN1, 3));
        assertThat(JsonLineParser.parse("  { \"y\" : 0 , \"date\" : \"2016-02-29\" , \"id\" : \"a\" }  "))
                .isEqualTo(new SalesEvent("a", JAN1 + 59, 0));
    }

    @Test
    void acceptsLineEndsAndABom() throws BadInputException {
        SalesEvent expected = new SalesEvent(ID, JAN1, 3);
        assertThat(JsonLineParser.parse(withY("3") + "\r\n")).isEqualTo(expected);
        assertThat(JsonLineParser.parse("\uFEFF" + withY("3"))).isEqualTo(expected);
    }

    @Test
    void missingOrNullYIsARequest() throws BadInputException {
        SalesEvent missing = JsonLineParser.parse(withY(null));
        SalesEvent nulled = JsonLineParser.parse(withY("null"));
        assertThat(missing.isRequest()).isTrue();
        assertThat(nulled.isRequest()).isTrue();
        assertThat(missing).isEqualTo(SalesEvent.request(ID, JAN1)).isEqualTo(nulled);
    }

    @Test
    void extraFieldsAreIgnored() throws BadInputException {
        String text = "{\"store\":\"CA_3\",\"id\":\"" + ID + "\",\"extra\":{\"nested\":[1,{\"y\":99}]},"
                + "\"date\":\"2016-01-01\",\"price\":2.5,\"y\":4,\"note\":null}";
        assertThat(JsonLineParser.parse(text)).isEqualTo(new SalesEvent(ID, JAN1, 4));
    }

    @Test
    void duplicatedFieldsAreBadJson() {
        assertThat(reason("{\"id\":\"a\",\"id\":\"b\",\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.BAD_JSON);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1,\"y\":2}")).isEqualTo(Reason.BAD_JSON);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":null,\"y\":null}")).isEqualTo(Reason.BAD_JSON);
    }

    @Test
    void idMustBeAPresentNonEmptyString() {
        assertThat(reason("{\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.EMPTY_ID);
        assertThat(reason("{\"id\":null,\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.EMPTY_ID);
        assertThat(reason("{\"id\":\"\",\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.EMPTY_ID);
        // a non-string id is reported under the id reason, with a message saying what is wrong
        assertThat(reason("{\"id\":123,\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.EMPTY_ID);
        assertThat(reason("{\"id\":[\"a\"],\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.EMPTY_ID);
        assertThat(catchThrowableOfType(BadInputException.class,
                () -> JsonLineParser.parse("{\"id\":123,\"date\":\"2016-01-01\",\"y\":1}")))
                .hasMessageContaining("must be a string");
    }

    @Test
    void dateMustBeAValidDateString() {
        assertThat(reason("{\"id\":\"a\",\"y\":1}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"id\":\"a\",\"date\":20160101,\"y\":1}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"id\":\"a\",\"date\":null,\"y\":1}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-02-30\",\"y\":1}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016/01/01\",\"y\":1}")).isEqualTo(Reason.BAD_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "\"\"", "true", "false", "[3]", "[]", "{}", "{\"v\":3}"})
    void nonNumericYIsBadY(String y) {
        assertThat(reason(withY(y))).isEqualTo(Reason.BAD_Y);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "0.1", "3.0000001", "1e-3", "-2.5"})
    void fractionalYIsBadY(String y) {
        assertThat(reason(withY(y))).isEqualTo(Reason.BAD_Y);
    }

    @Test
    void wholeValuedNumbersAreAcceptedInAnyNotation() throws BadInputException {
        assertThat(JsonLineParser.parse(withY("3.0")).y()).isEqualTo(3);
        assertThat(JsonLineParser.parse(withY("3e0")).y()).isEqualTo(3);
        assertThat(JsonLineParser.parse(withY("1e3")).y()).isEqualTo(1000);
        assertThat(JsonLineParser.parse(withY("2.5e1")).y()).isEqualTo(25);
        assertThat(JsonLineParser.parse(withY("0")).y()).isZero();
        assertThat(JsonLineParser.parse(withY("-0")).y()).isZero();
        assertThat(JsonLineParser.parse(withY("-0.0")).y()).isZero();
        assertThat(JsonLineParser.parse(withY("2147483646")).y()).isEqualTo(Integer.MAX_VALUE - 1);
    }

    @Test
    void negativeYIsNegativeY() {
        assertThat(reason(withY("-1"))).isEqualTo(Reason.NEGATIVE_Y);
        assertThat(reason(withY("-3.0"))).isEqualTo(Reason.NEGATIVE_Y);
        assertThat(reason(withY("-1e300"))).isEqualTo(Reason.NEGATIVE_Y);
        assertThat(reason(withY("-99999999999999999999"))).isEqualTo(Reason.NEGATIVE_Y);
    }

    @Test
    void hugeYIsOverflow() {
        assertThat(reason(withY("2147483647"))).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(reason(withY("99999999999"))).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(reason(withY("99999999999999999999"))).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(reason(withY("1e300"))).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(reason(withY("1.7976931348623157e308"))).isEqualTo(Reason.Y_OVERFLOW);
    }

    @Test
    void numbersBeyondTheDoubleRangeAreOverflowOrNegativeNotBadY() {
        assertThat(reason(withY("1e400"))).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(reason(withY("-1e400"))).isEqualTo(Reason.NEGATIVE_Y);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "[{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1}]", "\"text\"", "3", "true",
        "null"})
    void anythingButAnObjectIsBadJson(String text) {
        assertThat(reason(text)).isEqualTo(Reason.BAD_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"id\":", "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":3",
        "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":", "{\"id\":\"a\",\"date\":\"2016-01", "{id:\"a\"}",
        "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":NaN}", "{'id':'a'}", "not json"})
    void truncatedOrInvalidJsonIsBadJson(String text) {
        assertThat(reason(text)).isEqualTo(Reason.BAD_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"}", " x", ",", "]", " {\"id\":\"b\",\"date\":\"2016-01-02\",\"y\":2}"})
    void trailingContentAfterTheObjectIsBadJson(String trailer) {
        // e.g. two records on one line: accepting the first would silently drop the second
        assertThat(reason(withY("1") + trailer)).isEqualTo(Reason.BAD_JSON);
    }

    @Test
    void emptyAndOverlongLines() {
        assertThat(reason("")).isEqualTo(Reason.EMPTY_LINE);
        assertThat(reason("   \r\n")).isEqualTo(Reason.EMPTY_LINE);
        String padded = withY("1") + " ".repeat(EventParser.MAX_LINE_LENGTH);
        assertThat(reason(padded)).isEqualTo(Reason.LINE_TOO_LONG);
    }

    @Test
    void theLineParserReportsEventsAndRejectsToTheSink() {
        List<Object> seen = new ArrayList<>();
        LineParser.EventSink sink = new LineParser.EventSink() {
            @Override
            public void event(SalesEvent event) {
                seen.add(event);
            }

            @Override
            public void reject(Reason reason, String message, String raw) {
                seen.add(reason + "|" + raw);
                assertThat(message).isNotBlank();
            }
        };
        JsonLineParser parser = new JsonLineParser();
        parser.parse(new RawLine("e.jsonl", 1, withY("5"), false), sink);
        parser.parse(new RawLine("e.jsonl", 2, withY("\"5\""), false), sink);
        parser.parse(new RawLine("e.jsonl", 3, withY(null), false), sink);
        assertThat(seen).containsExactly(new SalesEvent(ID, JAN1, 5), "BAD_Y|null", SalesEvent.request(ID, JAN1));
    }
}
