package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One of a series' two creme pipelines after the feature union: a scaler, then a regressor.
 * Learner A is {@code StandardScaler | KNeighborsRegressor}, learner B {@code MinMaxScaler | LinearRegression}.
 *
 * <p>creme fits unsupervised steps inside {@code predict_one} and never in {@code fit_one}; this class
 * keeps that split explicit: {@link #predictOne} updates the scaler, then scales and predicts;
 * {@link #learnLast} fits the regressor on that scaled vector (creme's {@code fit_one} re-scales with the
 * same, unchanged statistics, so it is the very same vector); {@link #predict} is the side-effect-free
 * variant creme does not have.
 */
final class Pipeline {
    private final Learner learner;
    private final Scaler scaler;
    private final Regressor regressor;
    private final double[] scaled;
    private boolean scaledByPredictOne;

    private Pipeline(Learner learner, Scaler scaler, Regressor regressor, int features) {
        this.learner = learner;
        this.scaler = scaler;
        this.regressor = regressor;
        this.scaled = new double[features];
    }

    static Pipeline of(Learner learner, LearnerParams p) {
        int features = p.featureCount();
        return switch (learner) {
            case KNN -> new Pipeline(learner, new StandardScaler(features),
                    new KnnRegressor(p.knnWindow(), features, p.knnNeighbours()), features);
            case LM -> new Pipeline(learner, new MinMaxScaler(features),
                    new LinearRegression(features, p.lmLearningRate(), p.lmInterceptLearningRate(),
                            p.lmClipGradient()), features);
            case POOLED -> throw new IllegalArgumentException("the pooled learner is not a series pipeline");
        };
    }

    Learner learner() {
        return learner;
    }

    /** creme's {@code predict_one}: fit the scaler with {@code raw}, scale it, predict. */
    double predictOne(double[] raw) {
        scaler.fit(raw);
        scaler.transform(raw, scaled);
        scaledByPredictOne = true;
        return regressor.predict(scaled);
    }

    /** Scale with the current statistics and predict, changing nothing. */
    double predict(double[] raw) {
        scaler.transform(raw, scaled);
        scaledByPredictOne = false;
        return regressor.predict(scaled);
    }

    /**
     * creme's {@code fit_one} of the event just passed to {@link #predictOne}: fits the regressor on the
     * vector it predicted from.
     *
     * @throws IllegalStateException if the last call was not {@code predictOne}
     */
    void learnLast(int y) {
        if (!scaledByPredictOne) {
            throw new IllegalStateException("learnLast must follow predictOne of the same event");
        }
        scaledByPredictOne = false;
        regressor.learn(scaled, y);
    }

    void copyFrom(Pipeline o) {
        scaler.copyFrom(o.scaler);
        regressor.copyFrom(o.regressor);
    }

    void writeTo(DataOutput out) throws IOException {
        scaler.writeTo(out);
        regressor.writeTo(out);
    }

    void readFrom(DataInput in, int layout) throws IOException {
        scaler.readFrom(in);
        regressor.readFrom(in, layout);
    }
}
