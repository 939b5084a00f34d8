package dev.streamcast.functions;

import dev.streamcast.learn.Learner;
import dev.streamcast.learn.Prediction;
import dev.streamcast.learn.SeriesModel;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.accumulators.DoubleCounter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;

import java.util.List;
import java.util.Map;

/**
 * What {@link LearnFunction} reports, aggregates only (never one metric per series). Metrics: counters
 * {@code eventsIn}, {@code eventsLearned}, {@code forecastRequests}, {@code lateEvents}; meter
 * {@code eventsPerSecond}; gauges {@code maeKnn}, {@code maeLm}, {@code maeServed} (mean absolute error of this
 * subtask's observations), {@code seriesHeld}, {@code seriesChoosingKnn}, {@code knnShare},
 * {@code eventTimeLagDays} ({@link EventTimeLag}). The gauges' sums are kept in operator list state, one array per
 * subtask; after a rescale each subtask sums the arrays it receives, so they survive restarts and rescaling.
 * Accumulators ({@code ACC_*}) carry live progress to the client (they restart from zero with a restarted attempt).
 */
public final class LearnMetrics {
    /**
     * Accumulator names: observations learned; the sums of absolute errors of the KNN, linear and served
     * predictions; the latest event-time day learned (epoch day).
     */
    public static final String ACC_LEARNED = "learned", ACC_ERROR_KNN = "errorKnn", ACC_ERROR_LM = "errorLm",
            ACC_ERROR_SERVED = "errorServed", ACC_MAX_DAY = "maxDay";

    /** What a job's accumulators (running or done) say: events learned, the latest day learned, the MAEs. */
    public record Progress(long learned, long maxDay, double maeKnn, double maeLm, double maeServed) {
        public static Progress of(Map<String, Object> accumulators) {
            long learned = ((Number) accumulators.getOrDefault(ACC_LEARNED, 0L)).longValue();
            double n = Math.max(1, learned);
            return new Progress(learned, ((Number) accumulators.getOrDefault(ACC_MAX_DAY, Long.MIN_VALUE)).longValue(),
                    ((Number) accumulators.getOrDefault(ACC_ERROR_KNN, 0.0)).doubleValue() / n,
                    ((Number) accumulators.getOrDefault(ACC_ERROR_LM, 0.0)).doubleValue() / n,
                    ((Number) accumulators.getOrDefault(ACC_ERROR_SERVED, 0.0)).doubleValue() / n);
        }
    }

    private final ListState<double[]> state;
    private double observations;
    private double errorKnn;
    private double errorLm;
    private double errorServed;
    private double series;
    private double knnChosen;
    private final EventTimeLag lag = new EventTimeLag();
    private final LongCounter accLearned = new LongCounter();
    private final DoubleCounter accErrorKnn = new DoubleCounter();
    private final DoubleCounter accErrorLm = new DoubleCounter();
    private final DoubleCounter accErrorServed = new DoubleCounter();
    private final LongMaximum accMaxDay = new LongMaximum(Long.MIN_VALUE);
    private Counter eventsIn;
    private Counter learned;
    private Counter requests;
    private Counter late;

    /** The totals, restored from the operator state if the job restarts. */
    LearnMetrics(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("running-totals", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (context.isRestored()) {
            for (double[] a : state.get()) {
                observations += a[0];
                errorKnn += a[1];
                errorLm += a[2];
                errorServed += a[3];
                series += a[4];
                knnChosen += a[5];
            }
        }
    }

    /** Registers the metrics and accumulators (at open). */
    void register(RuntimeContext context) {
        MetricGroup g = context.getMetricGroup();
        eventsIn = g.counter("eventsIn");
        learned = g.counter("eventsLearned");
        requests = g.counter("forecastRequests");
        late = g.counter("lateEvents");
        g.meter("eventsPerSecond", new MeterView(eventsIn));
        g.gauge("maeKnn", () -> mean(errorKnn));
        g.gauge("maeLm", () -> mean(errorLm));
        g.gauge("maeServed", () -> mean(errorServed));
        g.gauge("seriesHeld", () -> (long) series);
        g.gauge("seriesChoosingKnn", () -> (long) knnChosen);
        g.gauge("knnShare", () -> series == 0 ? 0.0 : knnChosen / series);
        g.gauge("eventTimeLagDays", lag);
        addAccumulator(context, ACC_LEARNED, accLearned);
        addAccumulator(context, ACC_ERROR_KNN, accErrorKnn);
        addAccumulator(context, ACC_ERROR_LM, accErrorLm);
        addAccumulator(context, ACC_ERROR_SERVED, accErrorServed);
        addAccumulator(context, ACC_MAX_DAY, accMaxDay);
    }

    /**
     * Adds an accumulator unless the task has it already: the State Processor API's bootstrap task opens its
     * operator twice in one runtime context ({@code state bootstrap}); the job's tasks open it once.
     */
    private static <V, A extends java.io.Serializable> void addAccumulator(RuntimeContext context, String name,
                                                                           Accumulator<V, A> accumulator) {
        if (context.getAccumulator(name) == null) {
            context.addAccumulator(name, accumulator);
        }
    }

    /** Writes the totals to the operator state (at a checkpoint). */
    void snapshot() throws Exception {
        state.update(List.of(new double[] {observations, errorKnn, errorLm, errorServed, series, knnChosen}));
    }

    private double mean(double sum) {
        return observations == 0 ? 0.0 : sum / observations;
    }

    void eventIn() {
        eventsIn.inc();
    }

    void request() {
        requests.inc();
    }

    void late() {
        late.inc();
    }

    /** An observation of {@code day} arrived, with the operator's current watermark. */
    void eventTime(int day, long currentWatermark) {
        lag.observe(day, currentWatermark);
    }

    /** An event-time timer fired, with the operator's current watermark. */
    void watermark(long currentWatermark) {
        lag.watermark(currentWatermark);
    }

    /**
     * A model dropped by its expiry timer, with its series; {@code m} null if Flink's state TTL had dropped it
     * already (then one series is uncounted, its share of KNN choices unknown).
     */
    void seriesDropped(SeriesModel m) {
        int held = m == null ? 1 : m.seriesCount();
        series -= held;
        if (m != null && m.chosen() == Learner.KNN) {
            knnChosen -= held;
        }
    }

    /** A series dropped by Flink's state TTL while the job was down: its share of KNN choices is unknown. */
    void seriesLost() {
        series--;
    }

    /**
     * One observation {@code y} of {@code day} learned, the model's choice going from {@code before} to
     * {@code after} and the series it holds from {@code heldBefore} to {@code heldAfter} (a series' model: 0 to 1 at
     * its first event; an item's: its stores, each counted in {@code seriesHeld} with its item's choice).
     */
    void learned(int day, int y, Prediction p, Learner before, int heldBefore, Learner after, int heldAfter) {
        learned.inc();
        observations++;
        errorKnn += Math.abs(y - p.predKnn());
        errorLm += Math.abs(y - p.predLm());
        errorServed += Math.abs(y - p.value());
        series += heldAfter - heldBefore;
        knnChosen += (after == Learner.KNN ? heldAfter : 0) - (before == Learner.KNN ? heldBefore : 0);
        accLearned.add(1L);
        accErrorKnn.add(Math.abs(y - p.predKnn()));
        accErrorLm.add(Math.abs(y - p.predLm()));
        accErrorServed.add(Math.abs(y - p.value()));
        accMaxDay.add((long) day);
    }
}
