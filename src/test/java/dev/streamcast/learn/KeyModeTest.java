package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyModeTest {

    @Test
    void seriesKeyIsItemAndStore() {
        assertThat(KeyMode.SERIES.keyOf("FOODS_3_090_CA_3_validation")).isEqualTo("FOODS_3_090_CA_3");
        assertThat(KeyMode.SERIES.keyOf("FOODS_3_090_CA_3")).isEqualTo("FOODS_3_090_CA_3");
    }

    @Test
    void itemKeyIsTheItemShared() {
        assertThat(KeyMode.ITEM.keyOf("FOODS_3_090_CA_3_evaluation")).isEqualTo("FOODS_3_090");
        assertThat(KeyMode.ITEM.keyOf("FOODS_3_090_TX_1_evaluation")).isEqualTo("FOODS_3_090");
    }

    @Test
    void shortIdsAreTheirOwnKey() {
        assertThat(KeyMode.SERIES.keyOf("A_B")).isEqualTo("A_B");
        assertThat(KeyMode.ITEM.keyOf("plain")).isEqualTo("plain");
    }

    @Test
    void weekdayIsMondayZero() {
        // 2011-01-29, M5's d_1, was a Saturday
        assertThat(Days.weekday(java.time.LocalDate.of(2011, 1, 29).toEpochDay())).isEqualTo(5);
        assertThat(Days.weekday(java.time.LocalDate.of(2024, 1, 1).toEpochDay())).isEqualTo(0);
        assertThat(Days.weekday(java.time.LocalDate.of(1969, 12, 28).toEpochDay())).isEqualTo(6);
    }
}
