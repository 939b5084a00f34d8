package dev.streamcast.functions;

import dev.streamcast.learn.Learner;
import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.ForecastRecord;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * The daily-metrics window's function: merges the learn subtasks' partial sums of one event-time day
 * ({@link DailyPartials}, each the sums of forecast records added by {@link #addObservation}) into
 * {@link DailyMetrics}. Error sums are exact ({@link ExactSum}), so the result does not depend on the order
 * records arrive in, nor on how they were grouped into partial sums first.
 */
public final class DailyMetricsAggregate implements
        AggregateFunction<DailyMetricsAggregate.Accumulator, DailyMetricsAggregate.Accumulator, DailyMetrics> {
    private static final long serialVersionUID = 1L;

    /** Running sums of one day; a Flink POJO. */
    public static final class Accumulator {
        public int day = Integer.MIN_VALUE;
        public long events;
        public long knnChosen;
        public ExactSum errorKnn = new ExactSum();
        public ExactSum errorLm = new ExactSum();
        public ExactSum errorServed = new ExactSum();
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    /** Adds the partial sums {@code partial} to {@code acc}. */
    @Override
    public Accumulator add(Accumulator partial, Accumulator acc) {
        return merge(acc, partial);
    }

    /** Adds {@code r} to {@code acc} if it is an observation (a request has nothing to score); returns {@code acc}. */
    public static Accumulator addObservation(ForecastRecord r, Accumulator acc) {
        if (r.isRequest()) {
            return acc;
        }
        acc.day = r.day();
        acc.events++;
        acc.errorKnn.add(Math.abs(r.y() - r.predKnn()));
        acc.errorLm.add(Math.abs(r.y() - r.predLm()));
        acc.errorServed.add(Math.abs(r.y() - r.prediction()));
        if (Learner.choose(r.maeKnn(), r.maeLm()) == Learner.KNN) {
            acc.knnChosen++;
        }
        return acc;
    }

    @Override
    public DailyMetrics getResult(Accumulator acc) {
        double n = acc.events;
        return new DailyMetrics(acc.day, acc.events, acc.errorKnn.value() / n, acc.errorLm.value() / n,
                acc.errorServed.value() / n, acc.knnChosen / n);
    }

    @Override
    public Accumulator merge(Accumulator a, Accumulator b) {
        a.day = Math.max(a.day, b.day);
        a.events += b.events;
        a.knnChosen += b.knnChosen;
        a.errorKnn.addAll(b.errorKnn);
        a.errorLm.addAll(b.errorLm);
        a.errorServed.addAll(b.errorServed);
        return a;
    }
}
