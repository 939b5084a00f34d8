package dev.streamcast.records;

/**
 * Aggregate of one event-time day across all series (observations only, not requests).
 *
 * @param day        the day (epoch day)
 * @param events     observations learned that day
 * @param maeKnn     mean absolute error of the KNN predictions that day
 * @param maeLm      mean absolute error of the linear predictions that day
 * @param maeServed  mean absolute error of the served predictions that day
 * @param knnShare   share of that day's series whose chosen learner (after the day) is KNN
 */
public record DailyMetrics(int day, long events, double maeKnn, double maeLm, double maeServed, double knnShare) {
}
