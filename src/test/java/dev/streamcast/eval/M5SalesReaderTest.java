package dev.streamcast.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading and merging wide sales files. */
class M5SalesReaderTest {
    @TempDir
    Path tmp;

    private Path file(String name, String... lines) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }

    @Test
    void filesOfBothLayoutsMergePerSeriesByDay() throws Exception {
        Path train = file("sales_train.csv",
                "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2,d_3",
                "FOODS_1_001_CA_1_validation,FOODS_1_001,FOODS_1,FOODS,CA_1,CA,0,1,2",
                "FOODS_1_002_CA_1_validation,FOODS_1_002,FOODS_1,FOODS,CA_1,CA,3,4,5");
        Path test = file("sales_test.csv",
                "\"item_id\",\"dept_id\",\"cat_id\",\"store_id\",\"state_id\",\"d_3\",\"d_4\"",
                "\"FOODS_1_002\",\"FOODS_1\",\"FOODS\",\"CA_1\",\"CA\",5,6",
                "\"FOODS_1_003\",\"FOODS_1\",\"FOODS\",\"TX_1\",\"TX\",7,8");
        Path later = file("sales_later.csv", // with a byte-order mark, which the reader skips
                "\uFEFFid,item_id,dept_id,cat_id,store_id,state_id,d_6",
                "FOODS_1_001_CA_1_evaluation,FOODS_1_001,FOODS_1,FOODS,CA_1,CA,9");
        M5Sales s = M5SalesReader.read(List.of(train, test, later));
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.firstDay()).isEqualTo(1);
        assertThat(s.lastDay()).isEqualTo(6);
        assertThat(s.key(0)).isEqualTo("FOODS_1_001_CA_1");
        assertThat(s.key(2)).isEqualTo("FOODS_1_003_TX_1");
        assertThat(s.indexOf("FOODS_1_002_CA_1_evaluation")).isEqualTo(1);
        assertThat(s.attribute(M5Level.Attribute.STATE, 2)).isEqualTo("TX");
        assertThat(s.units(1, 4)).isEqualTo(6);
        assertThat(s.units(0, 4)).isEqualTo(M5Sales.UNKNOWN);
        assertThat(s.units(0, 6)).isEqualTo(9);
        // history of FOODS_1_001_CA_1 through d_6: only d_6 (d_4, d_5 unknown); through d_3: d_1..d_3
        assertThat(s.knownFrom(0, 6)).isEqualTo(6);
        assertThat(s.knownFrom(0, 3)).isEqualTo(1);
        assertThat(s.knownFrom(2, 4)).isEqualTo(3);
        assertThat(s.knownFrom(2, 5)).isEqualTo(-1);
        assertThat(s.allKnown(3, 3)).isTrue();
        assertThat(s.allKnown(3, 4)).isFalse();
    }

    @Test
    void conflictsAndBadRowsAreClearErrors() throws Exception {
        Path a = file("a.csv", "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2",
                "FOODS_1_001_CA_1_validation,FOODS_1_001,FOODS_1,FOODS,CA_1,CA,0,1");
        Path b = file("b.csv", "id,item_id,dept_id,cat_id,store_id,state_id,d_2",
                "FOODS_1_001_CA_1_evaluation,FOODS_1_001,FOODS_1,FOODS,CA_1,CA,4");
        assertThatThrownBy(() -> M5SalesReader.read(List.of(a, b))).isInstanceOf(M5DataException.class)
                .hasMessage(b + " line 2: FOODS_1_001_CA_1 d_2 is 4 but " + a + " gives 1 (overlapping files must agree)");
        Path gap = file("gap.csv", "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_3");
        assertThatThrownBy(() -> M5SalesReader.read(List.of(gap)))
                .hasMessageContaining(gap + " line 1: column 8 is 'd_3' but must be 'd_2'")
                .hasMessageContaining("contiguous");
        Path notSales = file("sales_sources.csv", "id,history_sources_d1_d1761", "x,y");
        assertThat(M5SalesReader.isSalesFile(notSales)).isFalse();
        assertThatThrownBy(() -> M5SalesReader.read(List.of(notSales))).hasMessageContaining("line 1: column 2 must be 'item_id'");
        Path cell = file("cell.csv", "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2",
                "FOODS_1_001_CA_1_validation,FOODS_1_001,FOODS_1,FOODS,CA_1,CA,0,-1");
        assertThatThrownBy(() -> M5SalesReader.read(List.of(cell)))
                .hasMessage(cell + " line 2: FOODS_1_001_CA_1, column d_2: '-1' is not a whole number of units >= 0");
        Path fields = file("fields.csv", "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2",
                "FOODS_1_001_CA_1_validation,FOODS_1_001,FOODS_1,FOODS,CA_1,CA,0");
        assertThatThrownBy(() -> M5SalesReader.read(List.of(fields))).hasMessage(fields + " line 2: 7 fields, but the header has 8");
        Path id = file("id.csv", "id,item_id,dept_id,cat_id,store_id,state_id,d_1",
                "FOODS_1_002_CA_1_validation,FOODS_1_001,FOODS_1,FOODS,CA_1,CA,0");
        assertThatThrownBy(() -> M5SalesReader.read(List.of(id))).hasMessageContaining("is not item_id_store_id");
        assertThatThrownBy(() -> M5SalesReader.read(List.of(tmp.resolve("none.csv")))).hasMessageContaining("no such file");
    }

    @Test
    void aggregateFilesAreRecognisedByTheirColumns() {
        for (M5Level l : M5Level.values()) {
            assertThat(AggregateHistory.levelOf(AggregateHistory.closure(l))).isEqualTo(l);
        }
    }
}
