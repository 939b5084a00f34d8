package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** An online regressor on scaled vectors with flat primitive state; a fresh one predicts 0.0. */
sealed interface Regressor permits KnnRegressor, LinearRegression {

    double predict(double[] x);

    void learn(double[] x, int y);

    /** Makes this regressor's state equal to {@code other}'s (same kind and size). */
    void copyFrom(Regressor other);

    void writeTo(DataOutput out) throws IOException;

    /** Reads state of the given layout version (see {@link SeriesModel#LAYOUT_VERSION}). */
    void readFrom(DataInput in, int layout) throws IOException;
}
