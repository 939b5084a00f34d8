package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Every hyper-parameter of a series' two pipelines, immutable, with the seed's values as defaults.
 *
 * <p>Feature order (the order of every per-feature loop and float sum, as creme's TransformerUnion
 * produces it for the seed's declaration): the weekday windows from largest to smallest, then the item
 * windows from largest to smallest, then the weekday number itself. Windows are therefore kept sorted
 * descending whatever order they are given in.
 */
public final class LearnerParams implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The seed's same-weekday windows: last 1..20, 25 and 30 observations on that weekday. */
    public static final int[] SEED_WDAY_WINDOWS = {30, 25, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    /** The seed's own-history windows: last 1..7 observations. */
    public static final int[] SEED_ITEM_WINDOWS = {7, 6, 5, 4, 3, 2, 1};
    /** KNN window (stored points) of the seed: 30. */
    public static final int SEED_KNN_WINDOW = 30;
    /** KNN neighbours of the seed: 15. */
    public static final int SEED_KNN_NEIGHBOURS = 15;
    /** SGD learning rate of the linear model's weights: 0.005. */
    public static final double SEED_LM_LEARNING_RATE = 0.005;
    /** Learning rate of the linear model's intercept: 0.001. */
    public static final double SEED_LM_INTERCEPT_LEARNING_RATE = 0.001;
    /** creme's default gradient clip of the linear model: 1e12. */
    public static final double SEED_LM_CLIP_GRADIENT = 1e12;
    /** Largest window accepted for any feature or for the KNN window. */
    public static final int MAX_WINDOW = 1024;

    private static final LearnerParams SEED = builder().build();

    private final int[] wdayWindows;
    private final int[] itemWindows;
    private final int knnWindow;
    private final int knnNeighbours;
    private final double lmLearningRate;
    private final double lmInterceptLearningRate;
    private final double lmClipGradient;

    private LearnerParams(Builder b) {
        this.wdayWindows = sortedWindows("wdayWindows", b.wdayWindows);
        this.itemWindows = sortedWindows("itemWindows", b.itemWindows);
        this.knnWindow = requireRange("knnWindow", b.knnWindow, 1, MAX_WINDOW);
        this.knnNeighbours = requireRange("knnNeighbours", b.knnNeighbours, 1, MAX_WINDOW);
        this.lmLearningRate = requirePositive("lmLearningRate", b.lmLearningRate);
        this.lmInterceptLearningRate = requireNonNegative("lmInterceptLearningRate", b.lmInterceptLearningRate);
        this.lmClipGradient = requirePositive("lmClipGradient", b.lmClipGradient);
    }

    /** The seed's parameters (creme 0.5.1 pipelines of the final notebook). */
    public static LearnerParams seed() {
        return SEED;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .wdayWindows(wdayWindows)
                .itemWindows(itemWindows)
                .knnWindow(knnWindow)
                .knnNeighbours(knnNeighbours)
                .lmLearningRate(lmLearningRate)
                .lmInterceptLearningRate(lmInterceptLearningRate)
                .lmClipGradient(lmClipGradient);
    }

    /** Same-weekday windows, largest first. */
    public int[] wdayWindows() {
        return wdayWindows.clone();
    }

    /** Own-history windows, largest first. */
    public int[] itemWindows() {
        return itemWindows.clone();
    }

    int wdayWindow(int i) {
        return wdayWindows[i];
    }

    int itemWindow(int i) {
        return itemWindows[i];
    }

    public int wdayWindowCount() {
        return wdayWindows.length;
    }

    public int itemWindowCount() {
        return itemWindows.length;
    }

    /** Longest same-weekday window: the capacity of each weekday's history ring. */
    public int wdayHistory() {
        return wdayWindows[0];
    }

    /** Longest own-history window: the capacity of the series' history ring. */
    public int itemHistory() {
        return itemWindows[0];
    }

    /** Number of features: all windows plus the weekday number. */
    public int featureCount() {
        return wdayWindows.length + itemWindows.length + 1;
    }

    public int knnWindow() {
        return knnWindow;
    }

    public int knnNeighbours() {
        return knnNeighbours;
    }

    public double lmLearningRate() {
        return lmLearningRate;
    }

    public double lmInterceptLearningRate() {
        return lmInterceptLearningRate;
    }

    public double lmClipGradient() {
        return lmClipGradient;
    }

    /** creme's feature names, in feature order (e.g. {@code target_rolling_rollingmean_30_by_wday}). */
    public String[] featureNames() {
        String[] names = new String[featureCount()];
        int f = 0;
        for (int w : wdayWindows) {
            names[f++] = "target_rolling_rollingmean_" + w + "_by_wday";
        }
        for (int w : itemWindows) {
            names[f++] = "target_rolling_rollingmean_" + w + "_by_item_id";
        }
        names[f] = "wday";
        return names;
    }

    /** True if state written under {@code other} has the same layout as state of these parameters. */
    public boolean sameStateLayout(LearnerParams other) {
        return Arrays.equals(wdayWindows, other.wdayWindows)
                && Arrays.equals(itemWindows, other.itemWindows)
                && knnWindow == other.knnWindow;
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
        return builder()
                .wdayWindows(readInts(in))
                .itemWindows(readInts(in))
                .knnWindow(in.readInt())
                .knnNeighbours(in.readInt())
                .lmLearningRate(in.readDouble())
                .lmInterceptLearningRate(in.readDouble())
                .lmClipGradient(in.readDouble())
                .build();
    }

    private static void writeInts(DataOutput out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_WINDOW) {
            throw new IOException("corrupt parameters: " + n + " windows");
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static int[] sortedWindows(String name, int[] windows) {
        if (windows == null || windows.length == 0) {
            throw new IllegalArgumentException(name + " must list at least one window size (1.." + MAX_WINDOW + ")");
        }
        int[] sorted = windows.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            requireRange(name, sorted[i], 1, MAX_WINDOW);
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(name + " lists window " + sorted[i] + " twice; each size may appear once");
            }
        }
        int[] descending = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            descending[i] = sorted[sorted.length - 1 - i];
        }
        return descending;
    }

    private static int requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    private static double requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    private static double requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LearnerParams)) {
            return false;
        }
        LearnerParams p = (LearnerParams) o;
        return sameStateLayout(p)
                && knnNeighbours == p.knnNeighbours
                && Double.compare(lmLearningRate, p.lmLearningRate) == 0
                && Double.compare(lmInterceptLearningRate, p.lmInterceptLearningRate) == 0
                && Double.compare(lmClipGradient, p.lmClipGradient) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(wdayWindows), Arrays.hashCode(itemWindows), knnWindow, knnNeighbours,
                lmLearningRate, lmInterceptLearningRate, lmClipGradient);
    }

    @Override
    public String toString() {
        return "LearnerParams{wdayWindows=" + Arrays.toString(wdayWindows)
                + ", itemWindows=" + Arrays.toString(itemWindows)
                + ", knnWindow=" + knnWindow + ", knnNeighbours=" + knnNeighbours
                + ", lmLearningRate=" + lmLearningRate + ", lmInterceptLearningRate=" + lmInterceptLearningRate
                + ", lmClipGradient=" + lmClipGradient + '}';
    }

    /** Mutable builder; {@link #build()} validates and names the offending parameter. */
    public static final class Builder {
        private int[] wdayWindows = SEED_WDAY_WINDOWS.clone();
        private int[] itemWindows = SEED_ITEM_WINDOWS.clone();
        private int knnWindow = SEED_KNN_WINDOW;
        private int knnNeighbours = SEED_KNN_NEIGHBOURS;
        private double lmLearningRate = SEED_LM_LEARNING_RATE;
        private double lmInterceptLearningRate = SEED_LM_INTERCEPT_LEARNING_RATE;
        private double lmClipGradient = SEED_LM_CLIP_GRADIENT;

        private Builder() {
        }

        public Builder wdayWindows(int... windows) {
            this.wdayWindows = windows == null ? null : windows.clone();
            return this;
        }

        public Builder itemWindows(int... windows) {
            this.itemWindows = windows == null ? null : windows.clone();
            return this;
        }

        public Builder knnWindow(int knnWindow) {
            this.knnWindow = knnWindow;
            return this;
        }

        public Builder knnNeighbours(int knnNeighbours) {
            this.knnNeighbours = knnNeighbours;
            return this;
        }

        public Builder lmLearningRate(double lmLearningRate) {
            this.lmLearningRate = lmLearningRate;
            return this;
        }

        public Builder lmInterceptLearningRate(double lmInterceptLearningRate) {
            this.lmInterceptLearningRate = lmInterceptLearningRate;
            return this;
        }

        public Builder lmClipGradient(double lmClipGradient) {
            this.lmClipGradient = lmClipGradient;
            return this;
        }

        public LearnerParams build() {
            return new LearnerParams(this);
        }
    }
}
