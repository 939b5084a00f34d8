package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The pair of online learners of one series (or item), with progressive validation and model choice,
 * reproducing the seed's creme 0.5.1 loop:
 * <pre>
 *   features of the day (from the target history, before learning its value)
 *   pred_knn = knn.predict_one(x); mae_knn.update(y, pred_knn); knn.fit_one(x, y)
 *   pred_lm  = lm.predict_one(x);  mae_lm.update(y, pred_lm);   lm.fit_one(x, y)
 *   chosen   = knn if mae_knn &lt; mae_lm else lm
 * </pre>
 * All state is flat primitive arrays and serialises to a versioned binary layout ({@link #writeTo}).
 * Scratch buffers are reused, so {@link #observe} allocates nothing but its result.
 */
public final class SeriesModel {
    /**
     * Version of the binary layout written by {@link #writeTo}. 2: sales values and ring positions as varints
     * (about 0.7 KB less per series than 1). {@link #readFrom} reads every version since 1.
     */
    public static final int LAYOUT_VERSION = 2;
    /** Oldest layout version {@link #readFrom} still reads. */
    public static final int OLDEST_READABLE_LAYOUT = 1;
    /** Marks "no day learned yet" in {@link #lastDay()}. */
    public static final int NO_DAY = Integer.MIN_VALUE;

    private final LearnerParams params;
    private final TargetHistory history;
    private final Pipeline knn;
    private final Pipeline lm;
    private final Mae maeKnn = new Mae();
    private final Mae maeLm = new Mae();
    private long n;
    private int lastDay = NO_DAY;
    private final double[] raw;

    public SeriesModel(LearnerParams params) {
        this.params = params;
        this.history = new TargetHistory(params);
        this.knn = Pipeline.of(Learner.KNN, params);
        this.lm = Pipeline.of(Learner.LM, params);
        this.raw = new double[params.featureCount()];
    }

    public LearnerParams params() {
        return params;
    }

    /** Events learned so far. */
    public long n() {
        return n;
    }

    /** Epoch day of the last learned event, or {@link #NO_DAY}. */
    public int lastDay() {
        return lastDay;
    }

    /** True if an event of {@code epochDay} may be learned: it is after the last learned day. */
    public boolean accepts(int epochDay) {
        return n == 0 || epochDay > lastDay;
    }

    public double maeKnn() {
        return maeKnn.get();
    }

    public double maeLm() {
        return maeLm.get();
    }

    /** The learner the seed would choose now (ties: linear). */
    public Learner chosen() {
        return Learner.choose(maeKnn.get(), maeLm.get());
    }

    /** {@link #observe(int, int, Serving)} served by the seed's rule. */
    public Prediction observe(int epochDay, int y) {
        return observe(epochDay, y, Serving.SEED);
    }

    /**
     * Progressive validation of one event: predict with both learners (creme's {@code predict_one}, which
     * updates their scalers), score both, then learn {@code y}. The prediction is served by {@code serving} from
     * the MAEs known before this day's value.
     *
     * @throws IllegalArgumentException if {@code epochDay} is not after the last learned day, or y &lt; 0
     */
    public Prediction observe(int epochDay, int y, Serving serving) {
        if (!accepts(epochDay)) {
            throw new IllegalArgumentException("day " + epochDay + " is not after the last learned day " + lastDay);
        }
        if (y < 0) {
            throw new IllegalArgumentException("y must be >= 0, got " + y);
        }
        int wday = Days.weekday(epochDay);
        history.features(params, wday, raw);
        double maeKnnBefore = maeKnn.get();
        double maeLmBefore = maeLm.get();
        double predKnn = knn.predictOne(raw);
        double predLm = lm.predictOne(raw);
        maeKnn.update(y, predKnn);
        maeLm.update(y, predLm);
        knn.learnLast(y);
        lm.learnLast(y);
        history.update(wday, y);
        n++;
        lastDay = epochDay;
        return served(serving, predKnn, predLm, maeKnnBefore, maeLmBefore);
    }

    /** {@link #forecast(int, Serving)} served by the seed's rule. */
    public Prediction forecast(int epochDay) {
        return forecast(epochDay, Serving.SEED);
    }

    /**
     * Forecast for a day whose value is unknown, changing nothing (no scaler update): repeating it gives the
     * same answer. Target features are the current ones, with the weekday of {@code epochDay}; {@code serving}
     * serves it from the current MAEs.
     */
    public Prediction forecast(int epochDay, Serving serving) {
        history.features(params, Days.weekday(epochDay), raw);
        return served(serving, knn.predict(raw), lm.predict(raw), maeKnn.get(), maeLm.get());
    }

    private Prediction served(Serving serving, double predKnn, double predLm, double maeKnnBefore,
                              double maeLmBefore) {
        return new Prediction(predKnn, predLm, maeKnn.get(), maeLm.get(), serving.learner(maeKnnBefore, maeLmBefore),
                serving.value(predKnn, predLm, maeKnnBefore, maeLmBefore), n);
    }

    /**
     * creme's {@code predict_one} of one learner for a day whose value is unknown: it updates that learner's
     * scaler with the day's features, exactly as the seed's forecasting loop did. Use it only to reproduce
     * the seed's submission protocol.
     */
    public double predictOne(Learner learner, int epochDay) {
        history.features(params, Days.weekday(epochDay), raw);
        return (learner == Learner.KNN ? knn : lm).predictOne(raw);
    }

    /** The raw (unscaled) feature vector of a day, in creme's order (for traces and tests). */
    public double[] features(int epochDay) {
        double[] out = new double[params.featureCount()];
        history.features(params, Days.weekday(epochDay), out);
        return out;
    }

    /** An independent copy of this model (same parameters, same state). */
    public SeriesModel copy() {
        SeriesModel c = new SeriesModel(params);
        c.history.copyFrom(history);
        c.knn.copyFrom(knn);
        c.lm.copyFrom(lm);
        c.maeKnn.copyFrom(maeKnn);
        c.maeLm.copyFrom(maeLm);
        c.n = n;
        c.lastDay = lastDay;
        return c;
    }

    /**
     * Writes the model's state: layout version, the dimensions it depends on, then every component.
     * Parameters that do not shape the state (k, learning rates) are not written: they come from the job.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(LAYOUT_VERSION);
        out.writeShort(params.featureCount());
        out.writeShort(params.itemHistory());
        out.writeShort(params.wdayHistory());
        out.writeShort(params.knnWindow());
        out.writeLong(n);
        out.writeInt(lastDay);
        history.writeTo(out);
        knn.writeTo(out);
        lm.writeTo(out);
        maeKnn.writeTo(out);
        maeLm.writeTo(out);
    }

    /** Reads state written by {@link #writeTo} into a new model with {@code params}. */
    public static SeriesModel readFrom(LearnerParams params, DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version < OLDEST_READABLE_LAYOUT || version > LAYOUT_VERSION) {
            throw new IOException("series state layout version " + version + " is not supported (this build reads "
                    + OLDEST_READABLE_LAYOUT + " to " + LAYOUT_VERSION + ")");
        }
        checkDimension("feature count", in.readShort(), params.featureCount());
        checkDimension("own-history window", in.readShort(), params.itemHistory());
        checkDimension("weekday-history window", in.readShort(), params.wdayHistory());
        checkDimension("KNN window", in.readShort(), params.knnWindow());
        SeriesModel m = new SeriesModel(params);
        m.n = in.readLong();
        m.lastDay = in.readInt();
        m.history.readFrom(in, version);
        m.knn.readFrom(in, version);
        m.lm.readFrom(in, version);
        m.maeKnn.readFrom(in);
        m.maeLm.readFrom(in);
        return m;
    }

    private static void checkDimension(String what, int stored, int expected) throws IOException {
        if (stored != expected) {
            throw new IOException("series state was written with " + what + " " + stored
                    + " but the job's parameters give " + expected);
        }
    }
}
