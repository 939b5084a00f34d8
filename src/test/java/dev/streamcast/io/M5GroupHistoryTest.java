package dev.streamcast.io;

import dev.streamcast.records.GroupTotal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pooled learner's group history file: M5's level-9 layout read into sorted group totals, or a clear error. */
class M5GroupHistoryTest {
    static final Path CALENDAR = Path.of("data/m5/calendar.csv");
    static final Path REAL = Path.of("src/test/resources/m5eval/aggregates/level9_units_d1-d1913.csv.gz");

    @TempDir
    Path tmp;

    static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    List<GroupTotal> load(String content) throws IOException {
        Path f = tmp.resolve("history.csv");
        Files.writeString(f, content);
        return M5GroupHistory.load(f, M5Calendar.load(CALENDAR));
    }

    @Test
    void readsTheRealAggregatesSortedByGroupAndDay() throws IOException {
        List<GroupTotal> all = M5GroupHistory.load(REAL, M5Calendar.load(CALENDAR));
        assertThat(all.stream().map(GroupTotal::group).distinct()).hasSize(70);
        assertThat(all.get(0)).isEqualTo(new GroupTotal("CA_1|FOODS_1", day("2011-01-29"), 297));
        assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(GroupTotal::group)
                .thenComparingInt(GroupTotal::day));
    }

    @Test
    void takesItsColumnsByNameInAnyOrderAndIgnoresOthers() throws IOException {
        assertThat(load("units,extra,dept_id,d,store_id\n7,x,HOBBIES_1,d_2,TX_1\n5,y,HOBBIES_1,d_1,TX_1\n"))
                .containsExactly(new GroupTotal("TX_1|HOBBIES_1", day("2011-01-29"), 5),
                        new GroupTotal("TX_1|HOBBIES_1", day("2011-01-30"), 7));
    }

    @Test
    void badRowsStopTheJobAtStartNamingTheFileLineAndReason() {
        String header = "d,store_id,dept_id,units\n";
        assertBad(header + "d_1,CA_1,FOODS_1,-3\n", "line 2", "must not be negative");
        assertBad(header + "d_1,CA_1,FOODS_1,2.5\n", "line 2", "");
        assertBad(header + "d_1,CA_1,,3\n", "line 2", "must all have a value");
        assertBad(header + "day_1,CA_1,FOODS_1,3\n", "line 2", "column 'd'");
        assertBad(header + "d_5000,CA_1,FOODS_1,3\n", "line 2", "not in the calendar");
        assertBad(header + "d_1,CA_1,FOODS_1,3\nd_1,CA_1,FOODS_1,4\n", "history.csv", "two rows for d_1");
        assertThatThrownBy(() -> M5GroupHistory.load(tmp.resolve("absent.csv"), M5Calendar.load(CALENDAR)))
                .isInstanceOf(M5FormatException.class).hasMessageContaining("no such file");
    }

    void assertBad(String content, String where, String what) {
        assertThatThrownBy(() -> load(content)).isInstanceOf(M5FormatException.class)
                .hasMessageContaining(where).hasMessageContaining(what)
                .satisfies(e -> assertThat(((M5FormatException) e).reason()).isEqualTo(Reason.BAD_GROUP_HISTORY));
    }
}
