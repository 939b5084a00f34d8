package dev.streamcast.learn;

/**
 * Which prediction a series serves, from its two learners' predictions and their running MAEs known before the
 * day in question. {@link #SEED} is the seed's rule; the others are streamcast's additions. {@link SeriesModel}
 * applies it, the one place a served learner and value are decided.
 */
public enum Serving {
    /** The seed: the learner with the strictly lower MAE, ties to the linear model. */
    SEED,
    /** Always the KNN learner. */
    KNN,
    /** Always the linear learner. */
    LM,
    /**
     * Both, weighted by the inverse of their MAEs ({@code 1/(mae + 0.01)}), and never below zero: sales are counts,
     * and the linear model's negative forecasts only add error.
     */
    BLEND,
    /**
     * The pooled learner ({@link dev.streamcast.learn.PooledProfile}) serves the horizon forecasts, from a second
     * keyed stage (store × department); the series learners' records (learned events and forecast requests) keep
     * the seed's rule.
     */
    POOLED;

    /** Smooths the inverse-MAE weights (and keeps them finite while a MAE is 0). */
    static final double MAE_FLOOR = 0.01;

    /** The learner named in forecast records: the one served, or for a blend the one weighing more. */
    public Learner learner(double maeKnn, double maeLm) {
        return switch (this) {
            case SEED, BLEND, POOLED -> Learner.choose(maeKnn, maeLm);
            case KNN -> Learner.KNN;
            case LM -> Learner.LM;
        };
    }

    public double value(double predKnn, double predLm, double maeKnn, double maeLm) {
        return switch (this) {
            case SEED, POOLED -> Learner.choose(maeKnn, maeLm) == Learner.KNN ? predKnn : predLm;
            case KNN -> predKnn;
            case LM -> predLm;
            case BLEND -> {
                double wKnn = 1 / (maeKnn + MAE_FLOOR);
                double wLm = 1 / (maeLm + MAE_FLOOR);
                yield Math.max(0.0, (wKnn * predKnn + wLm * predLm) / (wKnn + wLm));
            }
        };
    }
}
