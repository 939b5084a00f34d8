package dev.streamcast.learn;

/** The two learners of a series: creme's KNN pipeline and its linear-regression pipeline. */
public enum Learner {
    KNN("knn"),
    LM("lm");

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
