package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * creme's MinMaxScaler: running minimum and maximum per feature (never forgotten); a zero range gives
 * {@code x - min} instead of dividing by zero. Before any fit min is +inf and max is -inf.
 */
final class MinMaxScaler implements Scaler {
    private final double[] min;
    private final double[] max;

    MinMaxScaler(int features) {
        min = new double[features];
        max = new double[features];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    @Override
    public void fit(double[] x) {
        for (int f = 0; f < min.length; f++) {
            double v = x[f];
            if (v < min[f]) {
                min[f] = v;
            }
            if (v > max[f]) {
                max[f] = v;
            }
        }
    }

    @Override
    public void transform(double[] x, double[] out) {
        for (int f = 0; f < min.length; f++) {
            double v = x[f] - min[f];
            double range = max[f] - min[f];
            out[f] = range == 0 ? v : v / range;
        }
    }

    @Override
    public void copyFrom(Scaler other) {
        MinMaxScaler o = (MinMaxScaler) other;
        System.arraycopy(o.min, 0, min, 0, min.length);
        System.arraycopy(o.max, 0, max, 0, max.length);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        for (int f = 0; f < min.length; f++) {
            out.writeDouble(min[f]);
            out.writeDouble(max[f]);
        }
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        for (int f = 0; f < min.length; f++) {
            min[f] = in.readDouble();
            max[f] = in.readDouble();
        }
    }
}
