package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * creme's TargetAgg(RollingMean(n)) features of one series: rolling means of its own last observations
 * and of its last observations on the same weekday.
 *
 * <p>One ring buffer per group (the series, and each weekday 0..6) holds the last values; every window
 * size is served from it with an exact integer sum, so {@code sum / min(count, n)} is the correctly
 * rounded quotient creme's integer {@code RollingSum} gives. A group never seen yields 0.
 */
final class TargetHistory {
    static final int WEEKDAYS = 7;

    private final int[] itemRing;
    private int itemHead;
    private int itemSize;
    private final int[] wdayRing;
    private final int[] wdayHead = new int[WEEKDAYS];
    private final int[] wdaySize = new int[WEEKDAYS];
    private final int wdayCapacity;

    TargetHistory(LearnerParams p) {
        this.itemRing = new int[p.itemHistory()];
        this.wdayCapacity = p.wdayHistory();
        this.wdayRing = new int[WEEKDAYS * wdayCapacity];
    }

    /** Writes the raw feature vector of an event on weekday {@code wday} into {@code out}, creme's order. */
    void features(LearnerParams p, int wday, double[] out) {
        int nw = p.wdayWindowCount();
        rollingMeans(wdayRing, wday * wdayCapacity, wdayCapacity, wdayHead[wday], wdaySize[wday],
                p, true, out, 0);
        rollingMeans(itemRing, 0, itemRing.length, itemHead, itemSize, p, false, out, nw);
        out[nw + p.itemWindowCount()] = wday;
    }

    /** Learns the event's value (after its features were produced: no target leakage). */
    void update(int wday, int y) {
        itemRing[itemHead] = y;
        itemHead = itemHead + 1 == itemRing.length ? 0 : itemHead + 1;
        if (itemSize < itemRing.length) {
            itemSize++;
        }
        int base = wday * wdayCapacity;
        wdayRing[base + wdayHead[wday]] = y;
        wdayHead[wday] = wdayHead[wday] + 1 == wdayCapacity ? 0 : wdayHead[wday] + 1;
        if (wdaySize[wday] < wdayCapacity) {
            wdaySize[wday]++;
        }
    }

    /**
     * Fills the means of one group for all its windows. Windows are stored largest first, so walk them
     * backwards (smallest first) while extending one running sum from the newest value towards the oldest.
     */
    private static void rollingMeans(int[] ring, int base, int capacity, int head, int size,
                                     LearnerParams p, boolean wdayGroup, double[] out, int offset) {
        int count = wdayGroup ? p.wdayWindowCount() : p.itemWindowCount();
        long sum = 0;
        int taken = 0;
        int pos = head;
        for (int i = count - 1; i >= 0; i--) {
            int window = wdayGroup ? p.wdayWindow(i) : p.itemWindow(i);
            int m = Math.min(window, size);
            while (taken < m) {
                pos = pos == 0 ? capacity - 1 : pos - 1;
                sum += ring[base + pos];
                taken++;
            }
            out[offset + i] = m == 0 ? 0.0 : (double) sum / m;
        }
    }

    void copyFrom(TargetHistory o) {
        System.arraycopy(o.itemRing, 0, itemRing, 0, itemRing.length);
        itemHead = o.itemHead;
        itemSize = o.itemSize;
        System.arraycopy(o.wdayRing, 0, wdayRing, 0, wdayRing.length);
        System.arraycopy(o.wdayHead, 0, wdayHead, 0, WEEKDAYS);
        System.arraycopy(o.wdaySize, 0, wdaySize, 0, WEEKDAYS);
    }

    /** Layout 2: ring positions and values as varints. */
    void writeTo(DataOutput out) throws IOException {
        Varint.write(out, itemHead);
        Varint.write(out, itemSize);
        for (int i = 0; i < itemSize; i++) {
            Varint.write(out, itemRing[i]);
        }
        for (int d = 0; d < WEEKDAYS; d++) {
            Varint.write(out, wdayHead[d]);
            Varint.write(out, wdaySize[d]);
            int base = d * wdayCapacity;
            for (int i = 0; i < wdaySize[d]; i++) {
                Varint.write(out, wdayRing[base + i]);
            }
        }
    }

    /** Reads layout 1 (shorts and ints) or 2 (varints). */
    void readFrom(DataInput in, int layout) throws IOException {
        itemHead = checkedIndex(count(in, layout), itemRing.length, "item ring head");
        itemSize = checkedSize(count(in, layout), itemRing.length, "item ring size");
        for (int i = 0; i < itemSize; i++) {
            itemRing[i] = value(in, layout);
        }
        for (int d = 0; d < WEEKDAYS; d++) {
            wdayHead[d] = checkedIndex(count(in, layout), wdayCapacity, "weekday ring head");
            wdaySize[d] = checkedSize(count(in, layout), wdayCapacity, "weekday ring size");
            int base = d * wdayCapacity;
            for (int i = 0; i < wdaySize[d]; i++) {
                wdayRing[base + i] = value(in, layout);
            }
        }
    }

    /** A ring position or size: a short in layout 1, a varint since. */
    static int count(DataInput in, int layout) throws IOException {
        return layout == 1 ? in.readShort() : Varint.read(in);
    }

    /** A sales value: an int in layout 1, a varint since. */
    static int value(DataInput in, int layout) throws IOException {
        return layout == 1 ? in.readInt() : Varint.read(in);
    }

    static int checkedIndex(int value, int capacity, String what) throws IOException {
        if (value < 0 || value >= capacity) {
            throw new IOException("corrupt state: " + what + " " + value + " outside 0.." + (capacity - 1));
        }
        return value;
    }

    static int checkedSize(int value, int capacity, String what) throws IOException {
        if (value < 0 || value > capacity) {
            throw new IOException("corrupt state: " + what + " " + value + " outside 0.." + capacity);
        }
        return value;
    }
}
