package dev.streamcast.learn;

import org.apache.commons.lang3.ArrayUtils;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The per-series bookkeeping of an item's model ({@link KeyMode#ITEM}): for each series of the item, its last
 * learned day and how many of its events were learned, sorted by series id. The item's pipelines learn every
 * store's events; the rules of a series stay per series through this book: a series learns its days in date
 * order and never one twice, and its snapshots and horizon start from its own last day.
 *
 * <p>Layout (in {@link SeriesModel}'s, version 3): the count, then per series, in id order, the length of the id's
 * prefix shared with the previous id, the rest of the id, how many days its last day is before the item's latest
 * learned day, and its count of learned events (all varints but the id's rest, {@code writeUTF}). An M5 item's 10
 * stores cost 82 bytes after 60 days: 6 for a store whose id differs from the previous one's in its last character,
 * 9 for the first store of a state, 21 for the first id.
 */
final class SeriesBook {
    private static final String[] NO_IDS = new String[0];

    private String[] ids = NO_IDS;
    private int[] lastDays = new int[0];
    private int[] counts = new int[0];

    /** How many series the item has learned from. */
    int size() {
        return ids.length;
    }

    /** The id of the {@code i}-th series, in id order. */
    String id(int i) {
        return ids[i];
    }

    /** The last learned day of the {@code i}-th series. */
    int lastDay(int i) {
        return lastDays[i];
    }

    /** The last learned day of a series, or {@link SeriesModel#NO_DAY} if it has learned nothing. */
    int lastDay(String id) {
        int i = Arrays.binarySearch(ids, id);
        return i < 0 ? SeriesModel.NO_DAY : lastDays[i];
    }

    /** Events of a series learned. */
    long n(String id) {
        int i = Arrays.binarySearch(ids, id);
        return i < 0 ? 0 : counts[i];
    }

    /** True if the series may learn {@code epochDay}: it has learned nothing, or only days before it. */
    boolean accepts(String id, int epochDay) {
        int i = Arrays.binarySearch(ids, id);
        return i < 0 || epochDay > lastDays[i];
    }

    /** Records that the series learned {@code epochDay} (the caller checked {@link #accepts}). */
    void learned(String id, int epochDay) {
        int i = Arrays.binarySearch(ids, id);
        if (i < 0) {
            i = -i - 1;
            ids = ArrayUtils.insert(i, ids, id);
            lastDays = ArrayUtils.insert(i, lastDays, 0);
            counts = ArrayUtils.insert(i, counts, 0);
        }
        lastDays[i] = epochDay;
        counts[i]++;
    }

    SeriesBook copy() {
        SeriesBook c = new SeriesBook();
        c.ids = ids.clone();
        c.lastDays = lastDays.clone();
        c.counts = counts.clone();
        return c;
    }

    /** Writes the book; {@code latestDay} (the item's latest learned day, no series' is later) anchors the days. */
    void writeTo(DataOutput out, int latestDay) throws IOException {
        Varint.write(out, ids.length);
        String previous = "";
        for (int i = 0; i < ids.length; i++) {
            int shared = sharedPrefix(previous, ids[i]);
            Varint.write(out, shared);
            out.writeUTF(ids[i].substring(shared));
            Varint.write(out, latestDay - lastDays[i]);
            Varint.write(out, counts[i]);
            previous = ids[i];
        }
    }

    static SeriesBook readFrom(DataInput in, int latestDay) throws IOException {
        int size = Varint.read(in);
        SeriesBook b = new SeriesBook();
        b.ids = new String[size];
        b.lastDays = new int[size];
        b.counts = new int[size];
        String previous = "";
        for (int i = 0; i < size; i++) {
            int shared = Varint.read(in);
            if (shared > previous.length()) {
                throw new IOException("corrupt state: series id shares " + shared + " characters with '" + previous
                        + "'");
            }
            String id = previous.substring(0, shared) + in.readUTF();
            if (i > 0 && id.compareTo(previous) <= 0) {
                throw new IOException("corrupt state: series ids out of order ('" + previous + "', '" + id + "')");
            }
            b.ids[i] = id;
            b.lastDays[i] = latestDay - Varint.read(in);
            b.counts[i] = Varint.read(in);
            previous = id;
        }
        return b;
    }

    private static int sharedPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        // never split a surrogate pair: writeUTF writes each half on its own, but keep ids whole characters
        return i > 0 && Character.isHighSurrogate(a.charAt(i - 1)) ? i - 1 : i;
    }
}
