package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** An unsupervised per-feature scaler with flat primitive state. */
sealed interface Scaler permits StandardScaler, MinMaxScaler {

    /** Updates the statistics with one raw vector (creme does this inside {@code predict_one}). */
    void fit(double[] x);

    /** Scales {@code x} into {@code out} with the current statistics, changing nothing. */
    void transform(double[] x, double[] out);

    /** Makes this scaler's statistics equal to {@code other}'s (same kind and size). */
    void copyFrom(Scaler other);

    void writeTo(DataOutput out) throws IOException;

    void readFrom(DataInput in) throws IOException;
}
