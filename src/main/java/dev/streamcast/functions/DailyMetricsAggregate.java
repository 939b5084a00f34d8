package dev.streamcast.functions;

import dev.streamcast.learn.Learner;
import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.ForecastRecord;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Aggregates one event-time day of forecast records (observations only) into {@link DailyMetrics}. Error
 * sums are exact ({@link ExactSum}), so the result does not depend on the order records arrive in.
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
