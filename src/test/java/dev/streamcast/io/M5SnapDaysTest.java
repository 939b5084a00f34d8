package dev.streamcast.io;

import dev.streamcast.learn.DayCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SNAP days read from M5's calendar.csv (the bundled copy), per state. */
class M5SnapDaysTest {
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
