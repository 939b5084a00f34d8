package dev.streamcast.functions;

import dev.streamcast.learn.Learner;
import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.ForecastRecord;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Aggregates one event-time day of forecast records (observations only) into {@link DailyMetrics}. Error
 * sums are exact ({@link ExactSum}), so the result does not depend on the order records arrive in, nor on
 * how they were grouped into partial sums first ({@link DailyPartials}, merged by {@link OfPartials}).
 */
public final class DailyMetricsAggregate
        implements AggregateFunction<ForecastRecord, DailyMetricsAggregate.Accumulator, DailyMetrics> {
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

    @Override
    public Accumulator add(ForecastRecord r, Accumulator acc) {
        if (!r.isRequest()) {
            addObservation(r, acc);
        }
        return acc;
    }

    /** Adds observation {@code r} to {@code acc}. */
    static void addObservation(ForecastRecord r, Accumulator acc) {
        acc.day = r.day();
        acc.events++;
        acc.errorKnn.add(Math.abs(r.y() - r.predKnn()));
        acc.errorLm.add(Math.abs(r.y() - r.predLm()));
        acc.errorServed.add(Math.abs(r.y() - r.prediction()));
        if (Learner.choose(r.maeKnn(), r.maeLm()) == Learner.KNN) {
            acc.knnChosen++;
        }
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

    /** The daily-metrics window's function: merges the learn subtasks' partial sums of a day. */
    public static final class OfPartials implements AggregateFunction<Accumulator, Accumulator, DailyMetrics> {
        private static final long serialVersionUID = 1L;
        private final DailyMetricsAggregate sums = new DailyMetricsAggregate();

        @Override
        public Accumulator createAccumulator() {
            return sums.createAccumulator();
        }

        @Override
        public Accumulator add(Accumulator partial, Accumulator acc) {
            return sums.merge(acc, partial);
        }

        @Override
        public DailyMetrics getResult(Accumulator acc) {
            return sums.getResult(acc);
        }

        @Override
        public Accumulator merge(Accumulator a, Accumulator b) {
            return sums.merge(a, b);
        }
    }
}
