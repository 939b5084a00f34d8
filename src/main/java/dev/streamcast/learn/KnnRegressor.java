package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * creme's KNeighborsRegressor(window_size, n_neighbors, p=2, weighted=True).
 *
 * <p>A window of the last {@code window} scaled vectors (as scaled at their own time) and their targets,
 * kept flat in one {@code double[]}. The "distance" is creme's p=2 Minkowski sum without the root, i.e.
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
        // distances of all stored points, oldest first; four at a time, each summed in feature order
        int oldest = head - size < 0 ? head - size + window : head - size;
        int i = 0;
        for (; i + 4 <= size; i += 4) {
            squaredDistances4(oldest, i, x);
        }
        for (; i < size; i++) {
            distance[i] = squaredDistance(slot(oldest, i), x);
        }
        // the k nearest, stable: a later point never passes an earlier one at the same distance
        int found = 0;
        for (i = 0; i < size; i++) {
            double d = distance[i];
            if (found < k || d < nearDistance[found - 1]) {
                int pos = found < k ? found++ : k - 1;
                while (pos > 0 && nearDistance[pos - 1] > d) {
                    nearDistance[pos] = nearDistance[pos - 1];
                    nearTarget[pos] = nearTarget[pos - 1];
                    pos--;
                }
                nearDistance[pos] = d;
                nearTarget[pos] = targets[slot(oldest, i)];
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
        System.arraycopy(x, 0, points, head * features, features);
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

    private double squaredDistance(int slot, double[] x) {
        int base = slot * features;
        double sum = 0.0;
        for (int f = 0; f < features; f++) {
            double diff = points[base + f] - x[f];
            sum += diff * diff;
        }
        return sum;
    }

    /** Four independent sums at once (instruction-level parallelism); each keeps the feature order. */
    private void squaredDistances4(int oldest, int i, double[] x) {
        int b0 = slot(oldest, i) * features;
        int b1 = slot(oldest, i + 1) * features;
        int b2 = slot(oldest, i + 2) * features;
        int b3 = slot(oldest, i + 3) * features;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int f = 0; f < features; f++) {
            double xf = x[f];
            double d0 = points[b0 + f] - xf;
            double d1 = points[b1 + f] - xf;
            double d2 = points[b2 + f] - xf;
            double d3 = points[b3 + f] - xf;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        distance[i] = s0;
        distance[i + 1] = s1;
        distance[i + 2] = s2;
        distance[i + 3] = s3;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeShort(head);
        out.writeShort(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(targets[i]);
            int base = i * features;
            for (int f = 0; f < features; f++) {
                out.writeDouble(points[base + f]);
            }
        }
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        head = TargetHistory.checkedIndex(in.readShort(), window, "KNN window head");
        size = TargetHistory.checkedSize(in.readShort(), window, "KNN window size");
        for (int i = 0; i < size; i++) {
            targets[i] = in.readInt();
            int base = i * features;
            for (int f = 0; f < features; f++) {
                points[base + f] = in.readDouble();
            }
        }
    }
}
