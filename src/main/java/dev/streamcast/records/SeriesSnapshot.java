package dev.streamcast.records;

import dev.streamcast.learn.Learner;

/**
 * Where one model stands: emitted every snapshot interval of event time and at the end of a bounded run.
 *
 * @param key     the model key (series or item)
 * @param day     the last day it learned (epoch day)
 * @param n       events learned
 * @param maeKnn  KNN's running MAE
 * @param maeLm   the linear model's running MAE
 * @param chosen  the learner the seed's rule chooses now
 */
public record SeriesSnapshot(String key, int day, long n, double maeKnn, double maeLm, Learner chosen) {
}
