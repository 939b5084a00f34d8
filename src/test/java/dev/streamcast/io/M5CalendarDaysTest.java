package dev.streamcast.io;

import dev.streamcast.learn.DayCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What M5's calendar.csv (the bundled copy) says of each day in advance: SNAP days per state, events. */
class M5CalendarDaysTest {
    @TempDir
    Path tmp;

    static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    @Test
    void readsEachStatesSnapDays() throws Exception {
        DayCalendar snap = M5Calendar.load(Path.of("data/m5/calendar.csv")).days();
        assertThat(snap.states()).containsExactly("CA", "TX", "WI");
        // 2016-05-01: snap_CA 1, snap_TX 1, snap_WI 0; 2016-05-11: 0, 1, 1; 2016-05-16: none
        assertThat(snap.isSnap("CA", day("2016-05-01"))).isTrue();
        assertThat(snap.isSnap("TX", day("2016-05-01"))).isTrue();
        assertThat(snap.isSnap("WI", day("2016-05-01"))).isFalse();
        assertThat(snap.isSnap("CA", day("2016-05-11"))).isFalse();
        assertThat(snap.isSnap("WI", day("2016-05-11"))).isTrue();
        assertThat(snap.isSnap("TX", day("2016-05-16"))).isFalse();
        assertThat(snap.isSnap("NY", day("2016-05-01"))).isFalse();
        assertThat(snap.isSnap("CA", day("2030-05-01"))).isFalse();
    }

    @Test
    void readsTheEventsWithAFactorForEachEventsDayAndItsEve() throws Exception {
        DayCalendar days = M5Calendar.load(Path.of("data/m5/calendar.csv")).days();
        assertThat(days.eventNames()).hasSize(30).contains("Christmas", "Father's day", "SuperBowl", "Easter");
        assertThat(days.eventFactorCount()).isEqualTo(60);
        int fathers = java.util.Arrays.asList(days.eventNames()).indexOf("Father's day");
        int nbaEnd = java.util.Arrays.asList(days.eventNames()).indexOf("NBAFinalsEnd");
        // 2016-06-19: Father's day and the NBA finals' end (event_name_1 and _2); the 18th is both events' eve
        assertThat(days.eventFactors(day("2016-06-19"))).containsExactlyInAnyOrder(2 * fathers + 1, 2 * nbaEnd + 1);
        assertThat(days.eventFactors(day("2016-06-18"))).containsExactlyInAnyOrder(2 * fathers, 2 * nbaEnd);
        assertThat(days.eventFactors(day("2016-06-15"))).isEmpty();
        assertThat(days.eventFactors(day("2030-12-25"))).isEmpty();
    }

    @Test
    void aCalendarWithoutEventColumnsHasNoEvents() throws Exception {
        Path f = tmp.resolve("calendar.csv");
        Files.writeString(f, "date,d,snap_CA\n2016-05-01,d_1920,1\n");
        DayCalendar days = M5Calendar.load(f).days();
        assertThat(days.eventFactorCount()).isZero();
        assertThat(days.eventFactors(day("2016-05-01"))).isEmpty();
    }

    @Test
    void aSnapValueOtherThanZeroOrOneNamesTheLine() throws Exception {
        Path f = tmp.resolve("calendar.csv");
        Files.writeString(f, "date,d,snap_CA\n2016-05-01,d_1920,1\n2016-05-02,d_1921,yes\n");
        assertThatThrownBy(() -> M5Calendar.load(f)).isInstanceOf(M5FormatException.class)
                .hasMessageContaining("line 3").hasMessageContaining("snap_CA");
    }

    @Test
    void aCalendarWithoutSnapColumnsHasNoSnapDays() throws Exception {
        Path f = tmp.resolve("calendar.csv");
        Files.writeString(f, "date,d\n2016-05-01,d_1920\n");
        assertThat(M5Calendar.load(f).days().isSnap("CA", day("2016-05-01"))).isFalse();
    }
}
