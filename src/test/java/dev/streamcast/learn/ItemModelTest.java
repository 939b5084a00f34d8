package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An item's model ({@link KeyMode#ITEM}): its pipelines learn every store's events, while each series keeps its own
 * date order, its own last day and its own horizon; its state round-trips, and the per-series bookkeeping costs a
 * few bytes per store.
 */
class ItemModelTest {
    static final int DAY0 = (int) LocalDate.of(2016, 2, 25).toEpochDay();
    /** An M5 item's 10 stores. */
    static final List<String> STORES = List.of("CA_1", "CA_2", "CA_3", "CA_4", "TX_1", "TX_2", "TX_3",
            "WI_1", "WI_2", "WI_3");

    /** FOODS_3_090 in its 10 stores, {@code days} days, date-major (every store of a day, then the next day). */
    static SeriesModel item(int days) {
        SeriesModel m = new SeriesModel(LearnerParams.seed(), KeyMode.ITEM);
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < STORES.size(); s++) {
                m.observe("FOODS_3_090_" + STORES.get(s), DAY0 + d, (d * 7 + s * 3) % 11);
            }
        }
        return m;
    }

    static byte[] bytes(SeriesModel m) throws IOException {
        return SeriesModelTest.bytes(m);
    }

    static SeriesModel read(byte[] b) throws IOException {
        return SeriesModelTest.read(b);
    }

    @Test
    void everyStoresDayIsLearnedOnceAndEachSeriesKeepsItsOwnOrder() {
        SeriesModel m = new SeriesModel(LearnerParams.seed(), KeyMode.ITEM);
        m.observe("A_1_001_CA_1", DAY0, 3);
        assertThat(m.accepts("A_1_001_CA_2", DAY0)).as("another store's same day").isTrue();
        m.observe("A_1_001_CA_2", DAY0, 4);
        m.observe("A_1_001_CA_2", DAY0 + 1, 5);
        assertThat(m.n()).isEqualTo(3);
        assertThat(m.lastDay()).isEqualTo(DAY0 + 1);
        assertThat(m.n("A_1_001_CA_2")).isEqualTo(2);
        assertThat(m.lastDay("A_1_001_CA_1")).isEqualTo(DAY0);
        assertThat(m.lastDay("A_1_001_TX_1")).isEqualTo(SeriesModel.NO_DAY);

        assertThat(m.accepts("A_1_001_CA_1", DAY0)).as("the same series' same day").isFalse();
        assertThat(m.accepts("A_1_001_CA_2", DAY0)).as("a series' earlier day").isFalse();
        assertThat(m.accepts("A_1_001_CA_1", DAY0 + 1)).isTrue();
        assertThatThrownBy(() -> m.observe("A_1_001_CA_1", DAY0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A_1_001_CA_1");
        assertThatThrownBy(() -> m.observe(DAY0 + 2, 3)).isInstanceOf(IllegalStateException.class);
        assertThat(m.n()).isEqualTo(3);
    }

    @Test
    void itemModelLearnsLikeOneSeriesFedTheItemsInterleavedStream() {
        // the pipelines are the series' ones: fed the same values in the same order, the same predictions; only
        // the day check differs (the series' model needs a new day for each event)
        SeriesModel item = new SeriesModel(LearnerParams.seed(), KeyMode.ITEM);
        SeriesModel one = new SeriesModel(LearnerParams.seed());
        int[] ys = {3, 0, 5, 2, 8, 1, 1, 0, 4, 6, 7, 2};
        for (int i = 0; i < ys.length; i++) {
            int day = DAY0 + i / 2 * 7; // two stores a week, on the same weekday
            Prediction a = item.observe("A_1_001_CA_" + (1 + i % 2), day, ys[i]);
            Prediction b = one.observe(DAY0 + i * 7, ys[i]);
            assertThat(a).isEqualTo(b);
        }
    }

    @Test
    void horizonRunsByDateThenSeriesEachFromItsOwnLastDay() {
        SeriesModel m = new SeriesModel(LearnerParams.seed(), KeyMode.ITEM);
        m.observe("A_1_001_TX_1", DAY0, 1);
        m.observe("A_1_001_CA_1", DAY0, 2);
        m.observe("A_1_001_CA_1", DAY0 + 1, 2);
        assertThat(m.horizon(m.series("A_1_001"), 2)).containsExactly(
                new SeriesModel.SeriesDay("A_1_001_TX_1", DAY0 + 1),
                new SeriesModel.SeriesDay("A_1_001_CA_1", DAY0 + 2),
                new SeriesModel.SeriesDay("A_1_001_TX_1", DAY0 + 2),
                new SeriesModel.SeriesDay("A_1_001_CA_1", DAY0 + 3));

        List<SeriesModel.SeriesDay> m5 = item(60).horizon(item(60).series(""), 28);
        assertThat(m5).hasSize(280);
        assertThat(m5.subList(0, 10)).extracting(SeriesModel.SeriesDay::series)
                .containsExactlyElementsOf(STORES.stream().map(s -> "FOODS_3_090_" + s).toList());
        assertThat(m5).extracting(SeriesModel.SeriesDay::day).isSorted();
        assertThat(m5.get(279)).isEqualTo(new SeriesModel.SeriesDay("FOODS_3_090_WI_3", DAY0 + 59 + 28));

        SeriesModel series = new SeriesModel(LearnerParams.seed());
        series.observe(DAY0, 1);
        assertThat(series.horizon(series.series("A_1_001_CA_1"), 2)).containsExactly(
                new SeriesModel.SeriesDay("A_1_001_CA_1", DAY0 + 1), new SeriesModel.SeriesDay("A_1_001_CA_1", DAY0 + 2));
        assertThat(new SeriesModel(LearnerParams.seed()).series("A_1_001_CA_1")).isEmpty();
        assertThat(series.seriesCount()).isEqualTo(1);
        assertThat(m.seriesCount()).isEqualTo(2);
    }

    @Test
    void stateRoundTripsWithItsBookAndCopiesDeeply() throws IOException {
        SeriesModel m = item(45);
        byte[] b = bytes(m);
        SeriesModel back = read(b);
        assertThat(back.keyMode()).isEqualTo(KeyMode.ITEM);
        assertThat(bytes(back)).isEqualTo(b);
        assertThat(back.series("")).isEqualTo(m.series(""));
        assertThat(back.lastDay("FOODS_3_090_TX_2")).isEqualTo(DAY0 + 44);
        assertThat(back.n("FOODS_3_090_TX_2")).isEqualTo(45);
        assertThat(back.observe("FOODS_3_090_CA_1", DAY0 + 45, 2))
                .isEqualTo(m.copy().observe("FOODS_3_090_CA_1", DAY0 + 45, 2));

        SeriesModel copy = m.copy();
        m.observe("FOODS_3_090_CA_1", DAY0 + 45, 2);
        m.observe("FOODS_3_090_XX_9", DAY0 + 45, 2);
        assertThat(bytes(copy)).isEqualTo(b);
        assertThat(copy.accepts("FOODS_3_090_CA_1", DAY0 + 45)).isTrue();
    }

    @Test
    void seriesModelStateOfLayout2ReadsAsBefore() throws IOException {
        // layout 3 of a series' model is layout 2 plus one trailing byte (0: no book)
        SeriesModel m = new SeriesModel(LearnerParams.seed());
        for (int d = 0; d < 40; d++) {
            m.observe(DAY0 + d, d % 5);
        }
        byte[] v3 = bytes(m);
        assertThat(v3[0]).isEqualTo((byte) 3);
        assertThat(v3[v3.length - 1]).isZero();
        byte[] v2 = Arrays.copyOf(v3, v3.length - 1);
        v2[0] = 2;
        SeriesModel old = read(v2);
        assertThat(old.keyMode()).isEqualTo(KeyMode.SERIES);
        assertThat(bytes(old)).isEqualTo(v3);
    }

    @Test
    void corruptBooksAreRejected() throws IOException {
        byte[] b = bytes(item(3));
        byte[] kind = b.clone();
        int book = b.length - 83 + 1; // the kind byte, then the 82-byte book of 10 M5 stores (see below)
        kind[book - 1] = 7;
        assertThatThrownBy(() -> read(kind)).isInstanceOf(IOException.class).hasMessageContaining("model kind 7");
        byte[] shared = b.clone();
        shared[book + 1] = 99; // the first id shares 99 characters with nothing
        assertThatThrownBy(() -> read(shared)).isInstanceOf(IOException.class).hasMessageContaining("shares 99");
    }

    @Test
    void bookkeepingCostsAboutEightBytesPerStore() throws IOException {
        SeriesModel m = item(60);
        ByteArrayOutputStream book = new ByteArrayOutputStream();
        SeriesBook b = new SeriesBook();
        for (String s : m.series("")) {
            for (int d = 0; d < 60; d++) {
                b.learned(s, DAY0 + d);
            }
        }
        b.writeTo(new DataOutputStream(book), m.lastDay());
        // 1 (count) + 21 (FOODS_3_090_CA_1 in full) + 6 per store sharing all but its last character + 9 for TX_1
        // and WI_1 (sharing FOODS_3_090_): 82 bytes for 10 stores, and the kind byte
        assertThat(book.size()).isEqualTo(82);

        // the model's state is its pipelines' (as a series model's) followed by the book
        byte[] all = bytes(m);
        byte[] pipelines = Arrays.copyOf(all, all.length - book.size());
        assertThat(Arrays.copyOfRange(all, pipelines.length, all.length)).isEqualTo(book.toByteArray());
        pipelines[pipelines.length - 1] = 0; // the kind byte: no book
        SeriesModel asSeries = read(pipelines);
        assertThat(asSeries.keyMode()).isEqualTo(KeyMode.SERIES);
        assertThat(asSeries.n()).isEqualTo(600);
        assertThat(bytes(asSeries)).isEqualTo(pipelines);

        SeriesModel oneSeries = new SeriesModel(LearnerParams.seed());
        for (int d = 0; d < 60; d++) {
            oneSeries.observe(DAY0 + d, d % 11);
        }
        System.out.printf("an item's model after 60 days of 10 stores: %d bytes (the per-series book %d); "
                + "a series' model after 60 days: %d bytes%n", all.length, book.size() + 1, bytes(oneSeries).length);
    }
}
