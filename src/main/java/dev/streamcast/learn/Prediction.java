package dev.streamcast.learn;

/**
 * What a series' model says about one day.
 *
 * @param predKnn  the KNN pipeline's prediction
 * @param predLm   the linear pipeline's prediction
 * @param maeKnn   KNN's running MAE (after scoring this event, for an observation)
 * @param maeLm    the linear model's running MAE (likewise)
 * @param served   the learner named as served ({@link Serving#learner}), from the MAEs known <em>before</em>
 *                 this day's value (what a live deployment would have answered)
 * @param value    the served prediction ({@link Serving#value})
 * @param n        events learned by the series so far (including this one, for an observation)
 */
public record Prediction(double predKnn, double predLm, double maeKnn, double maeLm, Learner served, double value,
                         long n) {
}
