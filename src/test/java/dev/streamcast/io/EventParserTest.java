package dev.streamcast.io;

import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The long CSV line, line, id, date and y rules: what is accepted, and the exact reason for everything that is not.
 */
class EventParserTest {
    private static final String ID = "FOODS_3_090_CA_3_validation";
    private static final int JAN1 = day(2016, 1, 1);

    private static int day(int y, int m, int d) {
        return (int) LocalDate.of(y, m, d).toEpochDay();
    }

    private static Reason csvReason(String line) {
        return csvReason(line, Validation.LENIENT);
    }

    private static Reason csvReason(String line, Validation validation) {
        return catchThrowableOfType(BadInputException.class, () -> EventParser.parseCsvLine(line, validation))
                .reason();
    }

    private static Reason dateReason(String date) {
        return catchThrowableOfType(BadInputException.class, () -> EventParser.parseDate(date)).reason();
    }

    private static Reason yReason(String y) {
        return catchThrowableOfType(BadInputException.class, () -> EventParser.parseY(y)).reason();
    }

    @Test
    void parsesAPlainLine() throws BadInputException {
        assertThat(EventParser.parseCsvLine(ID + ",2016-01-01,3")).isEqualTo(new SalesEvent(ID, JAN1, 3));
    }

    @Test
    void acceptsCrLfBomAndSpacesAroundFields() throws BadInputException {
        SalesEvent expected = new SalesEvent(ID, JAN1, 3);
        assertThat(EventParser.parseCsvLine(ID + ",2016-01-01,3\r\n")).isEqualTo(expected);
        assertThat(EventParser.parseCsvLine(ID + ",2016-01-01,3\n")).isEqualTo(expected);
        assertThat(EventParser.parseCsvLine("\uFEFF" + ID + ",2016-01-01,3")).isEqualTo(expected);
        assertThat(EventParser.parseCsvLine("  " + ID + " ,\t2016-01-01 ,  3  \r\n")).isEqualTo(expected);
    }

    @Test
    void emptyYIsAForecastRequest() throws BadInputException {
        SalesEvent plain = EventParser.parseCsvLine(ID + ",2016-01-01,");
        SalesEvent spaced = EventParser.parseCsvLine(ID + ",2016-01-01,   \r\n");
        assertThat(plain).isEqualTo(SalesEvent.request(ID, JAN1));
        assertThat(plain.isRequest()).isTrue();
        assertThat(spaced).isEqualTo(plain);
    }

    @Test
    void emptyOrBlankLinesAreEmptyLine() {
        for (String line : new String[] {"", "   ", "\r\n", "\n", "\uFEFF", " \t \r\n"}) {
            assertThat(csvReason(line)).as("'%s'", line).isEqualTo(Reason.EMPTY_LINE);
        }
    }

    @Test
    void linesOverTheCapAreTooLongAndTheCapItselfIsAccepted() throws BadInputException {
        String prefix = ID + ",2016-01-01,"; // padded with spaces, which are trimmed: the length is the line's
        String atCap = prefix + " ".repeat(EventParser.MAX_LINE_LENGTH - prefix.length() - 1) + "3";
        assertThat(atCap).hasSize(EventParser.MAX_LINE_LENGTH);
        assertThat(EventParser.parseCsvLine(atCap).y()).isEqualTo(3);
        assertThat(csvReason("x" + atCap)).isEqualTo(Reason.LINE_TOO_LONG);
        assertThat(csvReason(",".repeat(100_000))).isEqualTo(Reason.LINE_TOO_LONG);
    }

    @Test
    void anythingButThreeFieldsIsWrongFieldCount() {
        for (String line : new String[] {"just-an-id", ID + ",2016-01-01", ID + ",2016-01-01,3,4",
            ID + ",2016-01-01,3,", ",,,"}) {
            assertThat(csvReason(line)).as(line).isEqualTo(Reason.WRONG_FIELD_COUNT);
        }
    }

    @Test
    void emptyIdIsEmptyId() throws BadInputException {
        assertThat(csvReason(",2016-01-01,3")).isEqualTo(Reason.EMPTY_ID);
        assertThat(csvReason("   ,2016-01-01,3")).isEqualTo(Reason.EMPTY_ID);
        assertThat(csvReason(",,")).isEqualTo(Reason.EMPTY_ID);
        assertThat(idReason("", false)).isEqualTo(Reason.EMPTY_ID);
        assertThat(idReason(null, false)).isEqualTo(Reason.EMPTY_ID);
        assertThat(idReason(" \t ", false)).isEqualTo(Reason.EMPTY_ID);
        assertThat(EventParser.checkId("a b", false)).isEqualTo("a b");
    }

    private static Reason idReason(String id, boolean requireM5) {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> EventParser.checkId(id, requireM5));
        assertThat(e).as("rejected: '%s'", id).isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        return e.reason();
    }

    @Test
    void anyWellFormedIdIsAcceptedUnlessM5IdsAreRequired() throws BadInputException {
        for (String id : new String[] {"a", "store 7/widget", "Café-Ünïcode 日本", "x,y", "𝄞-music", "\"quoted\"",
            "x".repeat(EventParser.MAX_ID_LENGTH)}) {
            assertThat(EventParser.checkId(id, false)).isEqualTo(id);
            assertThat(idReason(id, true)).as(id).isEqualTo(Reason.BAD_ID);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\tb", "a\nb", "a\rb", "a\u007Fb", "a\u0085b", "\u0007a", "a\uFEFFb",
        "a\uD800b", "a\uDC00", "\uDBFF", " a", "a ", "\u00A0a", "a\u2003", "\ta"})
    void idsWithControlCharactersStrayBomsLoneSurrogatesOrSpacesAroundAreBadId(String id) {
        assertThat(idReason(id, false)).isEqualTo(Reason.BAD_ID);
    }

    @Test
    void idsLongerThanTheCapAreBadIdAndTheMessageShowsWhatIsWrong() {
        assertThat(idReason("x".repeat(EventParser.MAX_ID_LENGTH + 1), false)).isEqualTo(Reason.BAD_ID);
        assertThat(catchThrowableOfType(BadInputException.class, () -> EventParser.checkId("ab\u0000c", false)))
                .hasMessageContaining("ab\\u0000c").hasMessageContaining("U+0000").hasMessageContaining("character 3");
        assertThat(catchThrowableOfType(BadInputException.class, () -> EventParser.checkId("foods_1", true)))
                .hasMessageContaining("foods_1").hasMessageContaining("CAT_D_NNN_ST_S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOODS_3_090_CA_3_validation", "FOODS_3_090_CA_3_evaluation", "FOODS_3_090_CA_3",
        "HOBBIES_1_001_TX_1", "HOUSEHOLD_2_516_WI_3_validation", "X_9_000_AB_9", "HOBBIES_1_001_CA_1_evaluation"})
    void m5ShapedIds(String id) throws BadInputException {
        assertThat(EventParser.isM5Id(id)).isTrue();
        assertThat(EventParser.checkId(id, true)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foods_3_090_ca_3_validation", "FOODS_3_090_CA_3_Validation", "FOODS_3_090_CA_3_training",
        "FOODS_3_090_CA_3_", "FOODS_3_090_CA_3_validation_validation", "FOODS_0_090_CA_3", "FOODS_10_090_CA_3",
        "FOODS_3_90_CA_3", "FOODS_3_0900_CA_3", "FOODS_3_09a_CA_3", "FOODS_3_090_C_3", "FOODS_3_090_CAL_3",
        "FOODS_3_090_CA_0", "FOODS_3_090_CA_12", "FOODS_3_090_CA", "FOODS_3_090", "_3_090_CA_3", "FOODS3_090_CA_3",
        "FOODS-3-090-CA-3", "FÖODS_3_090_CA_3", "FOODS_３_090_CA_3", "FOODS_3_090_CA_3\u0000"})
    void idsNotOfTheM5ShapeAreBadIdWhenM5IdsAreRequired(String id) {
        assertThat(EventParser.isM5Id(id)).isFalse();
        assertThat(idReason(id, true)).isEqualTo(Reason.BAD_ID);
        assertThat(csvReason(id + ",2016-01-01,3", new Validation(true, false))).isEqualTo(Reason.BAD_ID);
    }

    @Test
    void aRepeatedHeaderIsBadHeader() {
        assertThat(csvReason("id,date,y")).isEqualTo(Reason.BAD_HEADER);
        assertThat(csvReason("\uFEFFid,date,y\r\n")).isEqualTo(Reason.BAD_HEADER);
    }

    @Test
    void checkLineRejectsTruncatedAndInvalidUtf8LinesTruncationFirst() throws BadInputException {
        EventParser.checkLine(new RawLine("f", 1, "ok \uFFFD", false, false));
        assertThat(catchThrowableOfType(BadInputException.class,
                () -> EventParser.checkLine(new RawLine("f", 1, "abc", true, false))).reason())
                .isEqualTo(Reason.LINE_TOO_LONG);
        BadInputException utf8 = catchThrowableOfType(BadInputException.class,
                () -> EventParser.checkLine(new RawLine("f", 1, "ab\uFFFDc", false, true)));
        assertThat(utf8.reason()).isEqualTo(Reason.INVALID_UTF8);
        assertThat(utf8).hasMessageContaining("character 3");
        assertThat(catchThrowableOfType(BadInputException.class,
                () -> EventParser.checkLine(new RawLine("f", 1, "ab\uFFFD", true, true))).reason())
                .isEqualTo(Reason.LINE_TOO_LONG); // a cut can split a character: the cut is the problem
    }

    @ParameterizedTest
    @ValueSource(strings = {"2016-02-30", "2016-13-01", "2016-00-10", "2016-01-00", "2016-01-32", "2015-02-29",
        "1900-02-29", "16-01-01", "2016/01/01", "2016-1-01", "2016-01-1", "20160101", "2016-01-01T", " 2016-01-01",
        "2016-0a-01", "+016-01-01", "2016-01--1", "", "date"})
    void impossibleOrMisshapenDatesAreBadDate(String date) {
        assertThat(dateReason(date)).isEqualTo(Reason.BAD_DATE);
        if (date.equals(date.strip())) { // spaces around a CSV field are trimmed before the date is parsed
            assertThat(csvReason(ID + "," + date + ",3")).isEqualTo(Reason.BAD_DATE);
        }
    }

    @Test
    void badDateMessageNamesTheDate() {
        assertThat(catchThrowableOfType(BadInputException.class, () -> EventParser.parseDate("2016-02-30")))
                .hasMessageContaining("2016-02-30");
    }

    @Test
    void datesAreEpochDaysIncludingLeapDays() throws BadInputException {
        assertThat(EventParser.parseDate("1970-01-01")).isZero();
        assertThat(EventParser.parseDate("2016-01-01")).isEqualTo(JAN1);
        assertThat(EventParser.parseDate("2016-02-29")).isEqualTo(day(2016, 2, 29));
        assertThat(EventParser.parseDate("2016-03-01") - EventParser.parseDate("2016-02-28")).isEqualTo(2);
        assertThat(EventParser.parseDate("2015-03-01") - EventParser.parseDate("2015-02-28")).isEqualTo(1);
        assertThat(EventParser.parseDate("2000-02-29")).isEqualTo(day(2000, 2, 29));
        assertThat(EventParser.parseDate("2011-01-29")).isEqualTo(day(2011, 1, 29));
        assertThat(EventParser.parseDate("1969-12-31")).isEqualTo(-1);
        assertThat(EventParser.parseDate("9999-12-31")).isEqualTo(day(9999, 12, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "2.5", "1e3", "3,0", "0x10", ".0", "3.0.0", "3.01", "-", "+", "--1", "+-1",
        "1 000", "\u0663", "NaN", "Infinity", "-2.5", "-x"})
    void nonWholeNumbersAreBadY(String y) {
        assertThat(yReason(y)).isEqualTo(Reason.BAD_Y);
    }

    @Test
    void badYOnACsvLine() {
        assertThat(csvReason(ID + ",2016-01-01,x")).isEqualTo(Reason.BAD_Y);
        assertThat(csvReason(ID + ",2016-01-01,2.5")).isEqualTo(Reason.BAD_Y);
        assertThat(csvReason(ID + ",2016-01-01,1e3")).isEqualTo(Reason.BAD_Y);
    }

    @Test
    void negativeNumbersAreNegativeY() {
        assertThat(yReason("-1")).isEqualTo(Reason.NEGATIVE_Y);
        assertThat(yReason("-3.0")).isEqualTo(Reason.NEGATIVE_Y);
        assertThat(yReason("-99999999999")).isEqualTo(Reason.NEGATIVE_Y);
        assertThat(csvReason(ID + ",2016-01-01,-2")).isEqualTo(Reason.NEGATIVE_Y);
    }

    @Test
    void valuesFromIntMaxUpOverflow() throws BadInputException {
        assertThat(EventParser.parseY("2147483646")).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(yReason("2147483647")).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(yReason("99999999999")).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(yReason("9".repeat(4000))).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(csvReason(ID + ",2016-01-01,2147483647")).isEqualTo(Reason.Y_OVERFLOW);
        assertThat(csvReason(ID + ",2016-01-01,99999999999")).isEqualTo(Reason.Y_OVERFLOW);
    }

    @Test
    void wholeNumbersWithZeroFractionSignOrLeadingZerosAreAccepted() throws BadInputException {
        assertThat(EventParser.parseY("3")).isEqualTo(3);
        assertThat(EventParser.parseY("3.0")).isEqualTo(3);
        assertThat(EventParser.parseY("3.000")).isEqualTo(3);
        assertThat(EventParser.parseY("3.")).isEqualTo(3); // as Python's float('3.')
        assertThat(EventParser.parseY("0")).isZero();
        assertThat(EventParser.parseY("-0")).isZero();
        assertThat(EventParser.parseY("-0.0")).isZero();
        assertThat(EventParser.parseY("+7")).isEqualTo(7);
        assertThat(EventParser.parseY("007")).isEqualTo(7);
        assertThat(EventParser.parseY("0000000000000000000000012")).isEqualTo(12);
        assertThat(EventParser.parseCsvLine(ID + ",2016-01-01,3.0")).isEqualTo(new SalesEvent(ID, JAN1, 3));
        assertThat(EventParser.parseCsvLine(ID + ",2016-01-01,-0")).isEqualTo(new SalesEvent(ID, JAN1, 0));
    }

    @Test
    void stripLineEndRemovesTrailingLineEndsAndALeadingBomOnly() {
        assertThat(EventParser.stripLineEnd("a\r\n")).isEqualTo("a");
        assertThat(EventParser.stripLineEnd("a\n\r\n")).isEqualTo("a");
        assertThat(EventParser.stripLineEnd("\uFEFFa,b\n")).isEqualTo("a,b");
        assertThat(EventParser.stripLineEnd("a\rb")).isEqualTo("a\rb");
        assertThat(EventParser.stripLineEnd("a\uFEFF")).isEqualTo("a\uFEFF");
        assertThat(EventParser.stripLineEnd(" a ")).isEqualTo(" a ");
        assertThat(EventParser.stripLineEnd("")).isEmpty();
        assertThat(EventParser.stripLineEnd("\r\n")).isEmpty();
    }
}
