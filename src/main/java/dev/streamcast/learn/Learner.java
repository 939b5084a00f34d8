package dev.streamcast.learn;

/**
 * The learners: a series' two creme pipelines (KNN and linear regression), and the pooled learner
 * ({@link PooledProfile}) whose shape is learned from all the series of a store × department.
 */
public enum Learner {
    KNN("knn"),
    LM("lm"),
    /** {@link PooledProfile}: serves horizon forecasts when {@code forecast.serving} is {@code pooled}. */
    POOLED("pooled");

    private final String label;

    Learner(String label) {
        this.label = label;
    }

    /** The short name used in traces, summaries and forecast records. */
    public String label() {
        return label;
    }

    /** The seed's rule: KNN only if its running MAE is strictly lower; ties choose the linear model. */
    public static Learner choose(double maeKnn, double maeLm) {
        return maeKnn < maeLm ? KNN : LM;
    }
}
