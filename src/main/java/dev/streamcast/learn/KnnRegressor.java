package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * creme's KNeighborsRegressor(window_size, n_neighbors, p=2, weighted=True).
 *
 * <p>A window of the last {@code window} scaled vectors (as scaled at their own time) and their targets,
 * kept flat in one feature-major {@code double[]} (all points' feature 0, then feature 1, ...). The "distance" is creme's p=2 Minkowski sum without the root, i.e.
 * the squared Euclidean distance; neighbours are the {@code k} nearest with oldest-first ties (Python's
 * stable sort); an exact distance of 0 returns the oldest such point's target; otherwise
 * {@code Σ(y/d) / Σ(1/d)} summed left to right in neighbour order. Empty window: 0.0.
 */
final class KnnRegressor implements Regressor {
    private final int window;
    private final int features;
    private final int k;
    private final double[] points;
    private final int[] targets;
    private int head;
    private int size;
    // scratch, not state: distances oldest first, and the k nearest, nearest first
    private final double[] distance;
    private final double[] nearDistance;
    private final int[] nearTarget;

    KnnRegressor(int window, int features, int k) {
        this.window = window;
        this.features = features;
        this.k = Math.min(k, window);
        this.points = new double[window * features];
        this.targets = new int[window];
        this.distance = new double[window];
        this.nearDistance = new double[this.k];
        this.nearTarget = new int[this.k];
    }

    @Override
    public double predict(double[] x) {
        if (size == 0) {
            return 0.0;
        }
        // squared distance of every stored point, each summed in feature order; the feature-major layout
        // makes the inner loop run over contiguous slots, which the JIT vectorises
        for (int slot = 0; slot < size; slot++) {
            distance[slot] = 0.0;
        }
        for (int f = 0; f < features; f++) {
            double xf = x[f];
            int base = f * window;
            for (int slot = 0; slot < size; slot++) {
                double diff = points[base + slot] - xf;
                distance[slot] += diff * diff;
            }
        }
        int oldest = head - size < 0 ? head - size + window : head - size;
        // the k nearest, stable: a later point never passes an earlier one at the same distance
        int found = 0;
        for (int i = 0; i < size; i++) {
            int slot = slot(oldest, i);
            double d = distance[slot];
            if (found < k || d < nearDistance[found - 1]) {
                int pos = found < k ? found++ : k - 1;
                while (pos > 0 && nearDistance[pos - 1] > d) {
                    nearDistance[pos] = nearDistance[pos - 1];
                    nearTarget[pos] = nearTarget[pos - 1];
                    pos--;
                }
                nearDistance[pos] = d;
                nearTarget[pos] = targets[slot];
            }
        }
        if (nearDistance[0] == 0) {
            return nearTarget[0];
        }
        double num = 0.0;
        double den = 0.0;
        for (int j = 0; j < found; j++) {
            num += nearTarget[j] / nearDistance[j];
            den += 1 / nearDistance[j];
        }
        return num / den;
    }

    @Override
    public void learn(double[] x, int y) {
        for (int f = 0; f < features; f++) {
            points[f * window + head] = x[f];
        }
        targets[head] = y;
        head = head + 1 == window ? 0 : head + 1;
        if (size < window) {
            size++;
        }
    }

    private int slot(int oldest, int i) {
        int s = oldest + i;
        return s >= window ? s - window : s;
    }

    @Override
    public void copyFrom(Regressor other) {
        KnnRegressor o = (KnnRegressor) other;
        System.arraycopy(o.points, 0, points, 0, points.length);
        System.arraycopy(o.targets, 0, targets, 0, targets.length);
        head = o.head;
        size = o.size;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        Varint.write(out, head);
        Varint.write(out, size);
        for (int i = 0; i < size; i++) {
            Varint.write(out, targets[i]);
            for (int f = 0; f < features; f++) {
                out.writeDouble(points[f * window + i]);
            }
        }
    }

    @Override
    public void readFrom(DataInput in, int layout) throws IOException {
        head = TargetHistory.checkedIndex(TargetHistory.count(in, layout), window, "KNN window head");
        size = TargetHistory.checkedSize(TargetHistory.count(in, layout), window, "KNN window size");
        for (int i = 0; i < size; i++) {
            targets[i] = TargetHistory.value(in, layout);
            for (int f = 0; f < features; f++) {
                points[f * window + i] = in.readDouble();
            }
        }
    }
}
