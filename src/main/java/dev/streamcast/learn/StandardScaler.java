package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * creme's StandardScaler: per feature a running mean and sample variance (ddof = 1) with creme's
 * recurrence; a zero variance leaves the centred value undivided. All features are fitted together,
 * so one count serves them all.
 */
final class StandardScaler implements Scaler {
    private double n;
    private final double[] mean;
    private final double[] sigma;

    StandardScaler(int features) {
        mean = new double[features];
        sigma = new double[features];
    }

    /** creme's {@code Var.update} for every feature, in feature order. */
    @Override
    public void fit(double[] x) {
        double count = n + 1.0;
        n = count;
        for (int f = 0; f < mean.length; f++) {
            double old = mean[f];
            double m = old + (x[f] - old) / count;
            mean[f] = m;
            if (count > 1) {
                sigma[f] = sigma[f] + ((x[f] - old) * (x[f] - m) - sigma[f]) / (count - 1);
            }
        }
    }

    /** Scales {@code x} into {@code out} with the current statistics; no update. */
    @Override
    public void transform(double[] x, double[] out) {
        for (int f = 0; f < mean.length; f++) {
            double v = x[f] - mean[f];
            double s = sigma[f];
            out[f] = s == 0 ? v : v / Math.sqrt(s);
        }
    }

    @Override
    public void copyFrom(Scaler other) {
        StandardScaler o = (StandardScaler) other;
        n = o.n;
        System.arraycopy(o.mean, 0, mean, 0, mean.length);
        System.arraycopy(o.sigma, 0, sigma, 0, sigma.length);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeDouble(n);
        for (int f = 0; f < mean.length; f++) {
            out.writeDouble(mean[f]);
            out.writeDouble(sigma[f]);
        }
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        n = in.readDouble();
        for (int f = 0; f < mean.length; f++) {
            mean[f] = in.readDouble();
            sigma[f] = in.readDouble();
        }
    }
}
