package dev.streamcast.records;

import dev.streamcast.learn.Learner;

/**
 * The forecast emitted for one event: for an observation (y known) the progressive-validation record
 * (both learners' predictions made before learning y, their running MAEs after scoring it); for a
 * forecast request ({@code y} = {@link SalesEvent#NO_VALUE}) the current model's answer.
 *
 * @param id         the series id as given in the input
 * @param day        the event's date (epoch day)
 * @param y          the observed value, or {@link SalesEvent#NO_VALUE} for a request
 * @param predKnn    the KNN learner's prediction
 * @param predLm     the linear learner's prediction
 * @param model      the learner that served {@code prediction} (chosen from the MAEs known before this event)
 * @param prediction the served prediction
 * @param maeKnn     the KNN learner's running MAE
 * @param maeLm      the linear learner's running MAE
 * @param n          events learned by the model so far
 * @param rid        the request id of the request this answers, or null
 */
public record ForecastRecord(String id, int day, int y, double predKnn, double predLm, Learner model,
                             double prediction, double maeKnn, double maeLm, long n, String rid) {

    /** A record that answers no request with an id. */
    public ForecastRecord(String id, int day, int y, double predKnn, double predLm, Learner model,
                          double prediction, double maeKnn, double maeLm, long n) {
        this(id, day, y, predKnn, predLm, model, prediction, maeKnn, maeLm, n, null);
    }

    public boolean isRequest() {
        return y == SalesEvent.NO_VALUE;
    }
}
