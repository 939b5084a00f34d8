package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Every hyper-parameter of a series' two pipelines (the {@code model.*} keys of a job file, bound by Jackson),
 * immutable; a {@code null} takes the seed's value.
 *
 * <p>Feature order (the order of every per-feature loop and float sum, as creme's TransformerUnion
 * produces it for the seed's declaration): the weekday windows from largest to smallest, then the item
 * windows from largest to smallest, then the weekday number itself. Windows are therefore kept sorted
 * descending whatever order they are given in.
 *
 * @param knnWindow               KNN window (stored points), 1..{@value #MAX_WINDOW}; seed 30
 * @param knnNeighbours           KNN neighbours, 1..{@value #MAX_WINDOW}; seed 15
 * @param lmLearningRate          SGD learning rate of the linear model's weights, finite and > 0; seed 0.005
 * @param lmInterceptLearningRate learning rate of the linear model's intercept, finite and >= 0; seed 0.001
 * @param lmClipGradient          gradient clip of the linear model, finite and > 0; seed (creme's default) 1e12
 * @param wdayWindows             same-weekday windows; seed: last 1..20, 25 and 30 observations on that weekday
 * @param itemWindows             own-history windows; seed: last 1..7 observations
 */
public record LearnerParams(Integer knnWindow, Integer knnNeighbours, Double lmLearningRate,
                            Double lmInterceptLearningRate, Double lmClipGradient, List<Integer> wdayWindows,
                            List<Integer> itemWindows) implements Serializable {
    /** Largest window accepted for any feature or for the KNN window. */
    public static final int MAX_WINDOW = 1024;

    private static final LearnerParams SEED = new LearnerParams(null, null, null, null, null, null, null);

    /** Applies the seed's values to {@code null}s, validates, and sorts the windows. */
    public LearnerParams {
        knnWindow = requireRange("knnWindow", knnWindow == null ? 30 : knnWindow);
        knnNeighbours = requireRange("knnNeighbours", knnNeighbours == null ? 15 : knnNeighbours);
        lmLearningRate = requireFinite("lmLearningRate", lmLearningRate == null ? 0.005 : lmLearningRate, false);
        lmInterceptLearningRate = requireFinite("lmInterceptLearningRate",
                lmInterceptLearningRate == null ? 0.001 : lmInterceptLearningRate, true);
        lmClipGradient = requireFinite("lmClipGradient", lmClipGradient == null ? 1e12 : lmClipGradient, false);
        wdayWindows = sortedWindows("wdayWindows", wdayWindows != null ? wdayWindows
                : List.of(30, 25, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1));
        itemWindows = sortedWindows("itemWindows", itemWindows != null ? itemWindows : List.of(7, 6, 5, 4, 3, 2, 1));
    }

    /** The seed's parameters (creme 0.5.1 pipelines of the final notebook). */
    public static LearnerParams seed() {
        return SEED;
    }

    int wdayWindow(int i) {
        return wdayWindows.get(i);
    }

    int itemWindow(int i) {
        return itemWindows.get(i);
    }

    public int wdayWindowCount() {
        return wdayWindows.size();
    }

    public int itemWindowCount() {
        return itemWindows.size();
    }

    /** Longest same-weekday window: the capacity of each weekday's history ring. */
    public int wdayHistory() {
        return wdayWindows.get(0);
    }

    /** Longest own-history window: the capacity of the series' history ring. */
    public int itemHistory() {
        return itemWindows.get(0);
    }

    /** Number of features: all windows plus the weekday number. */
    public int featureCount() {
        return wdayWindows.size() + itemWindows.size() + 1;
    }

    /** creme's feature names, in feature order (e.g. {@code target_rolling_rollingmean_30_by_wday}). */
    public String[] featureNames() {
        return Stream.of(wdayWindows.stream().map(w -> "target_rolling_rollingmean_" + w + "_by_wday"),
                itemWindows.stream().map(w -> "target_rolling_rollingmean_" + w + "_by_item_id"), Stream.of("wday"))
                .flatMap(names -> names).toArray(String[]::new);
    }

    /** True if state written under {@code other} has the same layout as state of these parameters. */
    public boolean sameStateLayout(LearnerParams other) {
        return wdayWindows.equals(other.wdayWindows) && itemWindows.equals(other.itemWindows)
                && knnWindow.equals(other.knnWindow);
    }

    /** Stable binary form (used in serializer snapshots). */
    public void writeTo(DataOutput out) throws IOException {
        writeInts(out, wdayWindows);
        writeInts(out, itemWindows);
        out.writeInt(knnWindow);
        out.writeInt(knnNeighbours);
        out.writeDouble(lmLearningRate);
        out.writeDouble(lmInterceptLearningRate);
        out.writeDouble(lmClipGradient);
    }

    public static LearnerParams readFrom(DataInput in) throws IOException {
        List<Integer> wday = readInts(in);
        List<Integer> item = readInts(in);
        return new LearnerParams(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), wday,
                item);
    }

    private static void writeInts(DataOutput out, List<Integer> values) throws IOException {
        out.writeInt(values.size());
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static List<Integer> readInts(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_WINDOW) {
            throw new IOException("corrupt parameters: " + n + " windows");
        }
        Integer[] values = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readInt();
        }
        return List.of(values);
    }

    /** The windows, validated, largest first. */
    private static List<Integer> sortedWindows(String name, List<Integer> windows) {
        if (windows.isEmpty() || windows.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(name + " must list one or more window sizes (1.." + MAX_WINDOW
                    + "), no empty entries");
        }
        windows.forEach(w -> requireRange(name, w));
        List<Integer> descending = windows.stream().sorted(Comparator.reverseOrder()).distinct().toList();
        if (descending.size() < windows.size()) {
            throw new IllegalArgumentException(name + " lists a window twice; each size may appear once");
        }
        return descending;
    }

    private static int requireRange(String name, int value) {
        if (value < 1 || value > MAX_WINDOW) {
            throw new IllegalArgumentException(name + " must be in 1.." + MAX_WINDOW + ", got " + value);
        }
        return value;
    }

    private static double requireFinite(String name, double value, boolean zeroAllowed) {
        if (!(value > 0 || zeroAllowed && value == 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number " + (zeroAllowed ? ">=" : ">")
                    + " 0, got " + value);
        }
        return value;
    }
}
