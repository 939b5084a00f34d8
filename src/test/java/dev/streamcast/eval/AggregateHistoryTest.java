package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Aggregate history files: each file's level from its hierarchy columns, its units by series and day, or a clear error. */
class AggregateHistoryTest {
    @TempDir
    Path tmp;

    Path file(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    /** A given total (level 1) history of {@code units} from {@code d_fromDay} on, read from a file in {@code dir}. */
    static AggregateHistory givenTotal(Path dir, int fromDay, double... units) throws Exception {
        StringBuilder csv = new StringBuilder("d,units\n");
        for (int k = 0; k < units.length; k++) {
            csv.append(M5Calendar.dayName(fromDay + k)).append(',').append(units[k]).append('\n');
        }
        return AggregateHistory.load(List.of(Files.writeString(Files.createTempFile(dir, "level1", ".csv"), csv)));
    }

    @Test
    void eachFileGivesTheLevelOfItsHierarchyColumnsWithOtherColumnsIgnored() throws Exception {
        AggregateHistory h = AggregateHistory.load(List.of(
                file("level1.csv", "d,units,sales\nd_3,10,1.5\nd_2,8,1\n"),
                file("level9.csv", "units,dept_id,d,store_id,cat_id,state_id\n4,FOODS_1,d_4,CA_1,FOODS,CA\n")));
        assertThat(h.levels()).containsExactlyInAnyOrder(M5Level.TOTAL, M5Level.STORE_DEPARTMENT);
        assertThat(h.firstDay()).isEqualTo(2);
        assertThat(h.lastDay()).isEqualTo(4);
        assertThat(h.units(M5Level.TOTAL, "Total", M5Level.NO_KEY, 2)).isEqualTo(8.0);
        assertThat(h.units(M5Level.TOTAL, "Total", M5Level.NO_KEY, 3)).isEqualTo(10.0);
        assertThat(h.units(M5Level.TOTAL, "Total", M5Level.NO_KEY, 4)).isNaN();
        assertThat(h.units(M5Level.STORE_DEPARTMENT, "CA_1", "FOODS_1", 4)).isEqualTo(4.0);
        assertThat(h.units(M5Level.STORE_DEPARTMENT, "CA_1", "FOODS_1", 3)).isNaN();
        assertThat(h.source(M5Level.TOTAL)).endsWith("level1.csv");
    }

    @Test
    void badFilesAreErrorsNamingTheFileLineAndReason() throws Exception {
        String header = "d,store_id,state_id,units\n";
        assertBad(file("a.csv", header + "d_1,CA_1,CA,-3\n"), "a.csv line 2", "units -3.0 is not a number >= 0");
        assertBad(file("b.csv", header + "d_1,CA_1,CA,x\n"), "b.csv line 2", "bad 'd' or 'units'");
        assertBad(file("c.csv", header + "d_1,,CA,3\n"), "c.csv line 2", "must all have a value");
        assertBad(file("d.csv", header + "day_1,CA_1,CA,3\n"), "d.csv line 2", "day_1");
        assertBad(file("e.csv", header + "d_1,CA_1,CA,3\nd_1,CA_1,CA,4\n"), "e.csv line 3",
                "CA_1/X d_1 is given twice, as 3.0 and 4.0");
        assertBad(file("f.csv", "d,dept_id,units\nd_1,FOODS_1,3\n"), "f.csv line 1", "those of an M5 level");
        assertBad(file("g.csv", header), "g.csv", "no rows");
        assertBad(tmp.resolve("absent.csv"), "absent.csv", "no such file");
        Path level1 = file("h.csv", "d,units\nd_1,3\n");
        assertThatThrownBy(() -> AggregateHistory.load(List.of(level1, file("i.csv", "units,d\n4,d_2\n"))))
                .isInstanceOf(M5DataException.class).hasMessageContaining("i.csv")
                .hasMessageContaining("level 1 is already given by " + level1);
    }

    private static void assertBad(Path file, String where, String what) {
        assertThatThrownBy(() -> AggregateHistory.load(List.of(file))).isInstanceOf(M5DataException.class)
                .hasMessageContaining(where).hasMessageContaining(what);
    }
}
