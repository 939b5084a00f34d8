package dev.streamcast.functions;

import java.util.Arrays;

/**
 * An exact running sum of doubles (Shewchuk's algorithm, as Python's {@code math.fsum}): the result is the
 * correctly rounded sum whatever order the values arrive in, so aggregates over records that reach an
 * operator in a non-deterministic order are still bit-identical from run to run. A Flink POJO.
 */
public final class ExactSum {
    /** Non-overlapping partial sums, smallest magnitude first; only the first {@code size} are used. */
    public double[] partials = new double[4];
    public int size;

    public void add(double value) {
        double x = value;
        int i = 0;
        for (int j = 0; j < size; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[i++] = lo;
            }
            x = hi;
        }
        if (i == partials.length) {
            partials = Arrays.copyOf(partials, partials.length * 2);
        }
        partials[i++] = x;
        size = i;
    }

    public void addAll(ExactSum other) {
        for (int j = 0; j < other.size; j++) {
            add(other.partials[j]);
        }
    }

    /** The correctly rounded sum (CPython's final rounding step of {@code fsum}). */
    public double value() {
        int n = size;
        if (n == 0) {
            return 0.0;
        }
        double hi = partials[--n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
            double y = lo * 2;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }
}
