package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** creme's metrics.MAE: an incremental mean of absolute errors ({@code mean += (e − mean)/n}), 0.0 at first. */
final class Mae {
    private double n;
    private double mean;

    void update(double yTrue, double yPred) {
        n += 1.0;
        mean += (Math.abs(yTrue - yPred) - mean) / n;
    }

    double get() {
        return mean;
    }

    void copyFrom(Mae o) {
        n = o.n;
        mean = o.mean;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(n);
        out.writeDouble(mean);
    }

    void readFrom(DataInput in) throws IOException {
        n = in.readDouble();
        mean = in.readDouble();
    }
}
