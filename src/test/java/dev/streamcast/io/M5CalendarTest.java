package dev.streamcast.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class M5CalendarTest {
    private static final String HEADER =
            "date,wm_yr_wk,weekday,wday,month,year,d,event_name_1,event_type_1,event_name_2,event_type_2,snap_CA,snap_TX,snap_WI";

    private static M5Calendar read(String text) throws IOException {
        return M5Calendar.read(new StringReader(text), "cal.csv", false);
    }

    /** The bundled calendar with its lines changed by {@code edit} (line 0 = header). */
    private static String editedCalendar(java.util.function.Consumer<List<String>> edit) {
        List<String> lines = new ArrayList<>(M5TestFiles.lines(M5TestFiles.CALENDAR));
        edit.accept(lines);
        return String.join("\n", lines) + "\n";
    }

    private static M5FormatException failure(String text) {
        M5FormatException e = catchThrowableOfType(M5FormatException.class, () -> read(text));
        assertThat(e).as("expected an M5FormatException").isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.BAD_CALENDAR);
        return e;
    }

    @Test
    void bundledCalendarCoversAllM5DaysAndAgreesWithTheFileOnEveryDay() throws IOException {
        M5Calendar cal = M5Calendar.load(M5TestFiles.CALENDAR);
        assertThat(cal.firstIndex()).isEqualTo(1);
        assertThat(cal.lastIndex()).isEqualTo(1969);
        assertThat(cal.size()).isEqualTo(1969);
        assertThat(cal.date(1)).isEqualTo(LocalDate.of(2011, 1, 29));
        assertThat(cal.date(1969)).isEqualTo(LocalDate.of(2016, 6, 19));

        Map<String, LocalDate> fromFile = M5TestFiles.calendarDates();
        assertThat(fromFile).hasSize(1969);
        fromFile.forEach((name, date) -> {
            int n = M5Calendar.parseDayName(name);
            assertThat(cal.date(n)).as(name).isEqualTo(date);
            assertThat(cal.epochDay(n)).as(name).isEqualTo((int) date.toEpochDay());
            assertThat(cal.dIndexOf((int) date.toEpochDay())).as(name).isEqualTo(n);
        });
        // the first day of the bundled sales window, as the calendar file says (SOURCE.md: 2015-11-25)
        assertThat(cal.date(1762)).isEqualTo(fromFile.get("d_1762")).isEqualTo(LocalDate.of(2015, 11, 25));
    }

    @Test
    void weeksAreReadWhenAskedForAndOnlyThen() throws IOException {
        M5Calendar cal = M5Calendar.read(new StringReader(editedCalendar(lines -> { })), "cal.csv", true);
        assertThat(cal.week(1)).isEqualTo(11101);
        assertThat(cal.week(7)).isEqualTo(11101);
        assertThat(cal.week(8)).isEqualTo(11102);
        assertThat(cal.week(1969)).isEqualTo(11621);
        assertThat(cal.dayOf(LocalDate.of(2011, 1, 29))).isEqualTo(1);
        assertThat(cal.dayOf(LocalDate.of(2011, 1, 28))).isEqualTo(-1);
        assertThat(cal.describe(1969)).isEqualTo("d_1969 (2016-06-19)");
        assertThat(cal.describe(1970)).isEqualTo("d_1970");
        assertThatThrownBy(() -> cal.week(1970)).hasMessageContaining("d_1970");

        String badWeek = editedCalendar(lines -> lines.set(3, lines.get(3).replace(",11101,", ",11x01,")));
        assertThatThrownBy(() -> M5Calendar.read(new StringReader(badWeek), "cal.csv", true))
                .isInstanceOf(M5FormatException.class)
                .hasMessage("cal.csv line 4: wm_yr_wk '11x01' is not a whole number");
        M5Calendar withoutWeeks = read(badWeek); // the job does not read the weeks, nor fails on them
        assertThatThrownBy(() -> withoutWeeks.week(1)).isInstanceOf(IllegalStateException.class);
        String noWeeks = "date,d\n2011-01-29,d_1\n";
        assertThatThrownBy(() -> M5Calendar.read(new StringReader(noWeeks), "cal.csv", true))
                .hasMessage("cal.csv line 1: the calendar has no 'wm_yr_wk' column (needed for the prices)");
    }

    @Test
    void unknownDaysAreClearErrors() throws IOException {
        M5Calendar cal = M5Calendar.load(M5TestFiles.CALENDAR);
        assertThat(cal.contains(0)).isFalse();
        assertThat(cal.contains(1970)).isFalse();
        assertThatThrownBy(() -> cal.epochDay(1970)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d_1970").hasMessageContaining("d_1..d_1969");
        assertThatThrownBy(() -> cal.epochDay(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d_0");
        assertThatThrownBy(() -> cal.dIndexOf((int) LocalDate.of(2016, 6, 20).toEpochDay()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2016-06-20");
    }

    @Test
    void parsesDayNames() {
        assertThat(M5Calendar.parseDayName("d_1854")).isEqualTo(1854);
        assertThat(M5Calendar.parseDayName("d_1")).isEqualTo(1);
        assertThat(M5Calendar.parseDayName("d_999999999")).isEqualTo(999_999_999);
        assertThat(M5Calendar.dayName(1913)).isEqualTo("d_1913");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d_", "d_0", "d_01", "D_1", "d1", "d_1x", " d_1", "d_1 ", "d_-1", "d_+1", "x_12",
            "d_1234567890", "1854"})
    void rejectsBadDayNamesQuotingThem(String name) {
        assertThatThrownBy(() -> M5Calendar.parseDayName(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'").hasMessageContaining("d_<N>");
    }

    @Test
    void rejectsNullDayName() {
        assertThatThrownBy(() -> M5Calendar.parseDayName(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void acceptsBomCrlfColumnsInAnyOrderAndAnyStartDay() throws IOException {
        M5Calendar cal = read("\uFEFFd,weekday,date\r\nd_1762,Wednesday,2015-11-25\r\nd_1763,Thursday,2015-11-26\r\n"
                + "\r\nd_1764,Friday,2015-11-27\r\n");
        assertThat(cal.firstIndex()).isEqualTo(1762);
        assertThat(cal.lastIndex()).isEqualTo(1764);
        assertThat(cal.date(1764)).isEqualTo(LocalDate.of(2015, 11, 27));
    }

    @Test
    void bundledCalendarWithCrlfLineEndsReadsTheSame() throws IOException {
        String crlf = "\uFEFF" + M5TestFiles.text(M5TestFiles.CALENDAR).replace("\n", "\r\n");
        M5Calendar cal = read(crlf);
        assertThat(cal.firstIndex()).isEqualTo(1);
        assertThat(cal.lastIndex()).isEqualTo(1969);
        assertThat(cal.date(1969)).isEqualTo(LocalDate.of(2016, 6, 19));
    }

    @Test
    void missingDayIsAnErrorNamingTheLine() {
        // remove d_100 (file line 101): d_101 now sits on line 101
        String text = editedCalendar(lines -> assertThat(lines.remove(100)).contains(",d_100,"));
        M5FormatException e = failure(text);
        assertThat(e).hasMessageContaining("cal.csv line 101").hasMessageContaining("d_100 is missing")
                .hasMessageContaining("d_101 follows d_99");
    }

    @Test
    void severalMissingDaysAreNamed() {
        String text = editedCalendar(lines -> lines.subList(100, 103).clear()); // d_100..d_102
        assertThat(failure(text)).hasMessageContaining("line 101").hasMessageContaining("d_100..d_102 are missing");
    }

    @Test
    void dateGapWithConsecutiveDayNamesIsAnError() throws IOException {
        M5FormatException e = failure(HEADER + "\n"
                + "2011-01-29,11101,Saturday,1,1,2011,d_1,,,,,0,0,0\n"
                + "2011-01-31,11101,Monday,3,1,2011,d_2,,,,,0,0,0\n");
        assertThat(e).hasMessageContaining("line 3").hasMessageContaining("2011-01-31")
                .hasMessageContaining("expected 2011-01-30");
    }

    @Test
    void duplicateOrBackwardDayIsAnError() {
        String text = editedCalendar(lines -> lines.add(11, lines.get(10)));
        assertThat(failure(text)).hasMessageContaining("line 12").hasMessageContaining("d_10 is not after")
                .hasMessageContaining("duplicate");
    }

    @Test
    void badDateIsAnErrorNamingTheLine() {
        String text = editedCalendar(lines -> lines.set(31, lines.get(31).replace("2011-02-28", "2011-02-30")));
        assertThat(failure(text)).hasMessageContaining("line 32").hasMessageContaining("'date'")
                .hasMessageContaining("2011-02-30");
        String notIso = editedCalendar(lines -> lines.set(5, lines.get(5).replace("2011-02-02", "02/02/2011")));
        assertThat(failure(notIso)).hasMessageContaining("line 6").hasMessageContaining("02/02/2011")
                .hasMessageContaining("YYYY-MM-DD");
    }

    @Test
    void badDayNameIsAnErrorNamingTheLine() {
        String text = editedCalendar(lines -> lines.set(7, lines.get(7).replace(",d_7,", ",d7,")));
        assertThat(failure(text)).hasMessageContaining("line 8").hasMessageContaining("'d7'");
    }

    @Test
    void wrongFieldCountIsAnError() {
        String text = editedCalendar(lines -> lines.set(3, lines.get(3) + ",extra"));
        assertThat(failure(text)).hasMessageContaining("line 4").hasMessageContaining("15 fields")
                .hasMessageContaining("header has 14");
    }

    @Test
    void headerMustNameDateAndDColumns() {
        assertThat(failure("day,d\n2011-01-29,d_1\n")).hasMessageContaining("line 1")
                .hasMessageContaining("no 'date' column");
        assertThat(failure("date,dd\n2011-01-29,d_1\n")).hasMessageContaining("line 1")
                .hasMessageContaining("no 'd' column");
        assertThat(failure("date,d,d\n2011-01-29,d_1,d_1\n")).hasMessageContaining("two 'd' columns");
    }

    @Test
    void emptyFileOrNoDaysIsAnError() {
        assertThat(failure("")).hasMessageContaining("empty");
        assertThat(failure(HEADER + "\n\n")).hasMessageContaining("no days");
    }

    @Test
    void loadNamesTheFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("calendar.csv");
        Files.writeString(f, "date,d\n2011-01-29,d_1\n2011-01-30,d_3\n");
        assertThatThrownBy(() -> M5Calendar.load(f)).isInstanceOf(M5FormatException.class)
                .hasMessageContaining(f + " line 3").hasMessageContaining("d_2 is missing");
    }

    @Test
    void syntheticCalendar() {
        M5Calendar cal = M5Calendar.of(1762, 1765, LocalDate.of(2015, 11, 25));
        assertThat(cal.date(1765)).isEqualTo(LocalDate.of(2015, 11, 28));
        assertThat(cal.size()).isEqualTo(4);
        assertThatThrownBy(() -> M5Calendar.of(5, 4, LocalDate.of(2015, 11, 25)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
