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

/** JSON lines: valid objects, requests, strict mode, and the reason for every kind of malformed record. */
class JsonLineParserTest {
    private static final String ID = "FOODS_3_090_CA_3_validation";
    private static final int JAN1 = (int) LocalDate.of(2016, 1, 1).toEpochDay();

    /** A record with the given y text (raw JSON), or without y if {@code null}. */
    private static String withY(String y) {
        return "{\"id\":\"" + ID + "\",\"date\":\"2016-01-01\"" + (y == null ? "" : ",\"y\":" + y) + "}";
    }

    private static final Validation STRICT = new Validation(false, true);

    private static Reason reason(String text) {
        return reason(text, Validation.LENIENT);
    }

    private static Reason reason(String text, Validation validation) {
        BadInputException e = catchThrowableOfType(BadInputException.class,
                () -> JsonLineParser.parse(text, validation));
        assertThat(e).as("rejected: %s", text).isNotNull();
        assertThat(e.getMessage()).isNotBlank();
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
    void duplicatedFieldsAreDuplicateField() {
        assertThat(reason("{\"id\":\"a\",\"id\":\"b\",\"date\":\"2016-01-01\",\"y\":1}"))
                .isEqualTo(Reason.DUPLICATE_FIELD);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1,\"y\":2}")).isEqualTo(Reason.DUPLICATE_FIELD);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":null,\"y\":null}"))
                .isEqualTo(Reason.DUPLICATE_FIELD);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-01-01\",\"note\":1,\"note\":[2]}"))
                .isEqualTo(Reason.DUPLICATE_FIELD); // ignored or not, a repeated field means a broken producer
        assertThat(catchThrowableOfType(BadInputException.class,
                () -> JsonLineParser.parse("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1,\"y\":2}")))
                .hasMessageContaining("'y'");
    }

    @Test
    void aFieldOfAnotherCaseIsAnotherField() throws BadInputException {
        assertThat(JsonLineParser.parse("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1,\"Y\":2}").y()).isEqualTo(1);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1,\"Y\":2}", STRICT))
                .isEqualTo(Reason.UNKNOWN_FIELD);
    }

    @Test
    void strictModeRejectsUnknownFields() throws BadInputException {
        String extra = "{\"id\":\"" + ID + "\",\"date\":\"2016-01-01\",\"y\":4,\"store\":\"CA_3\"}";
        assertThat(JsonLineParser.parse(extra, Validation.LENIENT)).isEqualTo(new SalesEvent(ID, JAN1, 4));
        assertThat(reason(extra, STRICT)).isEqualTo(Reason.UNKNOWN_FIELD);
        assertThat(catchThrowableOfType(BadInputException.class, () -> JsonLineParser.parse(extra, STRICT)))
                .hasMessageContaining("'store'");
        assertThat(reason("{\"note\":null,\"id\":\"a\",\"date\":\"2016-01-01\"}", STRICT))
                .isEqualTo(Reason.UNKNOWN_FIELD);
        assertThat(JsonLineParser.parse(withY("4"), STRICT)).isEqualTo(new SalesEvent(ID, JAN1, 4));
        assertThat(JsonLineParser.parse(withY(null), STRICT)).isEqualTo(SalesEvent.request(ID, JAN1));
    }

    /** A request with the given rid text (raw JSON). */
    private static String withRid(String rid) {
        return "{\"id\":\"" + ID + "\",\"rid\":" + rid + ",\"date\":\"2016-01-01\"}";
    }

    @Test
    void aRequestMayCarryARequestIdEvenInStrictMode() throws BadInputException {
        assertThat(JsonLineParser.parse(withRid("\"gw-1:42\""))).isEqualTo(SalesEvent.request(ID, JAN1, "gw-1:42"));
        assertThat(JsonLineParser.parse(withRid("\"gw-1:42\""), STRICT).rid()).isEqualTo("gw-1:42");
        assertThat(JsonLineParser.parse(withRid("null"))).isEqualTo(SalesEvent.request(ID, JAN1));
        String longest = "a".repeat(JsonLineParser.MAX_REQUEST_ID_LENGTH);
        assertThat(JsonLineParser.parse(withRid("\"" + longest + "\"")).rid()).isEqualTo(longest);
    }

    @Test
    void badRequestIdsAreRejectedWithTheirReason() {
        assertThat(reason(withRid("\"" + "a".repeat(JsonLineParser.MAX_REQUEST_ID_LENGTH + 1) + "\"")))
                .isEqualTo(Reason.BAD_REQUEST_ID);
        assertThat(reason(withRid("\"\""))).isEqualTo(Reason.BAD_REQUEST_ID);
        assertThat(reason(withRid("\"a b\""))).isEqualTo(Reason.BAD_REQUEST_ID);
        assertThat(reason(withRid("\"a\\u0000\""))).isEqualTo(Reason.BAD_REQUEST_ID);
        assertThat(reason(withRid("42"))).isEqualTo(Reason.WRONG_TYPE);
        assertThat(reason(withRid("{}"))).isEqualTo(Reason.WRONG_TYPE);
        assertThat(reason(withRid("[\"a\"]"))).isEqualTo(Reason.WRONG_TYPE);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":3,\"rid\":\"r1\"}"))
                .as("an observation carries no request id").isEqualTo(Reason.BAD_REQUEST_ID);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-01-01\",\"rid\":\"r1\",\"rid\":\"r2\"}"))
                .isEqualTo(Reason.DUPLICATE_FIELD);
    }

    @Test
    void problemsAreRankedTheSameWhateverTheFieldOrder() {
        // syntax first, then repeated fields, then unknown ones (strict), then id, date and y in that order
        assertThat(reason("{\"id\":\"a\",\"id\":\"b\",\"date\":\"2016-01-01\",\"y\":1,}", STRICT))
                .isEqualTo(Reason.BAD_JSON);
        assertThat(reason("{\"x\":1,\"id\":\"a\",\"id\":\"b\"}", STRICT)).isEqualTo(Reason.DUPLICATE_FIELD);
        assertThat(reason("{\"id\":\"a\",\"id\":\"b\",\"x\":1}", STRICT)).isEqualTo(Reason.DUPLICATE_FIELD);
        assertThat(reason("{\"y\":-1,\"date\":\"x\",\"id\":7,\"x\":1}", STRICT)).isEqualTo(Reason.UNKNOWN_FIELD);
        assertThat(reason("{\"y\":-1,\"date\":\"x\",\"id\":7,\"x\":1}")).isEqualTo(Reason.WRONG_TYPE);
        assertThat(reason("{\"y\":-1,\"date\":\"x\",\"id\":\"a\"}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"y\":-1,\"date\":\"2016-01-01\",\"id\":\"a\"}")).isEqualTo(Reason.NEGATIVE_Y);
    }

    @Test
    void idMustBeAPresentNonEmptyString() {
        assertThat(reason("{\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.EMPTY_ID);
        assertThat(reason("{}")).isEqualTo(Reason.EMPTY_ID);
        assertThat(reason("{\"id\":null,\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.EMPTY_ID);
        assertThat(reason("{\"id\":\"\",\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.EMPTY_ID);
        assertThat(reason("{\"id\":\"  \",\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.EMPTY_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "[\"a\"]", "{\"v\":\"a\"}", "true", "1.5"})
    void anIdOfAnotherJsonTypeIsWrongType(String id) {
        String text = "{\"id\":" + id + ",\"date\":\"2016-01-01\",\"y\":1}";
        assertThat(reason(text)).isEqualTo(Reason.WRONG_TYPE);
        assertThat(catchThrowableOfType(BadInputException.class, () -> JsonLineParser.parse(text)))
                .hasMessageContaining("'id' must be a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\" a\"", "\"a \"", "\"a\\u0000b\"", "\"a\\tb\"", "\"a\\ud800\"", "\"a\\ufeffb\""})
    void idsWithSpacesAroundControlCharactersOrLoneSurrogatesAreBadId(String id) {
        assertThat(reason("{\"id\":" + id + ",\"date\":\"2016-01-01\",\"y\":1}")).isEqualTo(Reason.BAD_ID);
    }

    @Test
    void requiredM5IdsRejectOtherIds() throws BadInputException {
        Validation m5 = new Validation(true, false);
        assertThat(JsonLineParser.parse(withY("1"), m5).id()).isEqualTo(ID);
        assertThat(reason("{\"id\":\"widget-7\",\"date\":\"2016-01-01\",\"y\":1}", m5)).isEqualTo(Reason.BAD_ID);
        assertThat(JsonLineParser.parse("{\"id\":\"widget-7\",\"date\":\"2016-01-01\",\"y\":1}").id())
                .isEqualTo("widget-7");
    }

    @Test
    void unicodeEscapesInStringsAreDecoded() throws BadInputException {
        assertThat(JsonLineParser.parse("{\"id\":\"caf\\u00e9 \\ud834\\udd1e\",\"date\":\"2016-01-01\",\"y\":1}").id())
                .isEqualTo("café 𝄞");
        assertThat(JsonLineParser.parse("{\"id\":\"a\",\"date\":\"2016\\u002d01-01\",\"y\":1}").day()).isEqualTo(JAN1);
    }

    @Test
    void dateMustBeAValidDateString() {
        assertThat(reason("{\"id\":\"a\",\"y\":1}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"id\":\"a\",\"date\":null,\"y\":1}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-02-30\",\"y\":1}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016/01/01\",\"y\":1}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"id\":\"a\",\"date\":\" 2016-01-01\",\"y\":1}")).isEqualTo(Reason.BAD_DATE);
        assertThat(reason("{\"id\":\"a\",\"date\":20160101,\"y\":1}")).isEqualTo(Reason.WRONG_TYPE);
        assertThat(reason("{\"id\":\"a\",\"date\":[2016,1,1],\"y\":1}")).isEqualTo(Reason.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "\"\"", "\"NaN\"", "true", "false", "[3]", "[]", "{}", "{\"v\":3}"})
    void nonNumericYIsWrongType(String y) {
        assertThat(reason(withY(y))).isEqualTo(Reason.WRONG_TYPE);
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
    void numbersAsLongAsTheLineAreJudgedAsNumbers() {
        assertThat(reason(withY("9".repeat(3000)))).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(reason(withY("-" + "9".repeat(3000)))).isEqualTo(Reason.NEGATIVE_Y);
        assertThat(reason(withY("0." + "1".repeat(3000)))).isEqualTo(Reason.BAD_Y);
    }

    @Test
    void deepNestingIsBadJsonNotAStackOverflow() throws BadInputException {
        String deep = "[".repeat(1500) + "]".repeat(1500); // Jackson's limit is 1,000 levels
        assertThat(reason("{\"id\":\"a\",\"date\":\"2016-01-01\",\"x\":" + deep + "}")).isEqualTo(Reason.BAD_JSON);
        String nested = "{\"id\":\"a\",\"date\":\"2016-01-01\",\"x\":" + "[".repeat(200) + "]".repeat(200)
                + ",\"y\":2}";
        assertThat(JsonLineParser.parse(nested).y()).isEqualTo(2);
        assertThat(reason(nested, STRICT)).isEqualTo(Reason.UNKNOWN_FIELD);
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
        "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":NaN}", "{'id':'a'}", "not json",
        "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":1,}", "{\"id\":\"a\" \"date\":\"2016-01-01\"}",
        "{\"id\":\"a\u0001\",\"date\":\"2016-01-01\"}", "// {\"id\":\"a\"}", "{\"id\":\"\\x41\"}",
        "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":Infinity}", "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":01}",
        "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":.5}", "{\"id\":\"a\",\"date\":\"2016-01-01\",\"y\":+1}"})
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
        assertThat(seen).containsExactly(new SalesEvent(ID, JAN1, 5), "WRONG_TYPE|null", SalesEvent.request(ID, JAN1));
    }
}
