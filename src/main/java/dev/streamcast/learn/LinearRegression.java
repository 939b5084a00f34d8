package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * creme's LinearRegression(optimizer=SGD(lr), intercept_lr) with squared loss, l2 = 0 and zero
 * initialisation: prediction {@code Σ w·x + b} (0.0 before the first fit, when creme has no weights);
 * fit with gradient {@code clamp(2(ŷ − y), ±clip)}, intercept updated first, then every weight.
 */
final class LinearRegression implements Regressor {
    private final double[] weights;
    private double intercept;
    private boolean fitted;
    private final double learningRate;
    private final double interceptLearningRate;
    private final double clipGradient;

    LinearRegression(int features, double learningRate, double interceptLearningRate, double clipGradient) {
        this.weights = new double[features];
        this.learningRate = learningRate;
        this.interceptLearningRate = interceptLearningRate;
        this.clipGradient = clipGradient;
    }

    @Override
    public double predict(double[] x) {
        double dot = 0.0;
        if (fitted) {
            for (int f = 0; f < weights.length; f++) {
                dot += weights[f] * x[f];
            }
        }
        return dot + intercept;
    }

    @Override
    public void learn(double[] x, int y) {
        double g = 2.0 * (predict(x) - y);
        g = Math.max(Math.min(g, clipGradient), -clipGradient);
        intercept -= interceptLearningRate * g;
        for (int f = 0; f < weights.length; f++) {
            weights[f] -= learningRate * (x[f] * g);
        }
        fitted = true;
    }

    @Override
    public void copyFrom(Regressor other) {
        LinearRegression o = (LinearRegression) other;
        System.arraycopy(o.weights, 0, weights, 0, weights.length);
        intercept = o.intercept;
        fitted = o.fitted;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(fitted);
        out.writeDouble(intercept);
        for (double w : weights) {
            out.writeDouble(w);
        }
    }

    @Override
    public void readFrom(DataInput in, int layout) throws IOException {
        fitted = in.readBoolean();
        intercept = in.readDouble();
        for (int f = 0; f < weights.length; f++) {
            weights[f] = in.readDouble();
        }
    }
}
