package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pair of online learners of one model key, a series or an item ({@link KeyMode}), with progressive validation
 * and model choice, reproducing the seed's creme 0.5.1 loop:
 * <pre>
 *   features of the day (from the target history, before learning its value)
 *   pred_knn = knn.predict_one(x); mae_knn.update(y, pred_knn); knn.fit_one(x, y)
 *   pred_lm  = lm.predict_one(x);  mae_lm.update(y, pred_lm);   lm.fit_one(x, y)
 *   chosen   = knn if mae_knn &lt; mae_lm else lm
 * </pre>
 * All state is flat primitive arrays and serialises to a versioned binary layout ({@link #writeTo}).
 * Scratch buffers are reused, so {@link #observe} allocates nothing but its result.
 *
 * <p>An item's model ({@link KeyMode#ITEM}) learns every event of the item's series, in the order given, with the
 * same pipelines: its rolling means run over the item's interleaved stream, its MAEs and choice are the item's.
 * The rules of a series stay per series, in the model's {@link SeriesBook}: a series learns its days in date order
 * and never one twice ({@link #accepts(String, int)}), and its horizon starts after its own last day
 * ({@link #horizon}). A series model has no book: it is its one series.
 */
public final class SeriesModel {
    /**
     * Version of the binary layout written by {@link #writeTo}. 2: sales values and ring positions as varints
     * (about 0.7 KB less per series than 1). 3: a trailing byte says whether an item's {@link SeriesBook} follows
     * (one byte more per series model). {@link #readFrom} reads every version since 1 (as series models).
     */
    public static final int LAYOUT_VERSION = 3;
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
    /** The per-series bookkeeping of an item's model; null for a series' model (set once, or when read). */
    private SeriesBook book;

    /** A series' model ({@link KeyMode#SERIES}). */
    public SeriesModel(LearnerParams params) {
        this(params, KeyMode.SERIES);
    }

    /** A model for keys of {@code keyMode}: a series', or an item's (with per-series bookkeeping). */
    public SeriesModel(LearnerParams params, KeyMode keyMode) {
        this(params, keyMode == KeyMode.ITEM ? new SeriesBook() : null);
    }

    private SeriesModel(LearnerParams params, SeriesBook book) {
        this.params = params;
        this.book = book;
        this.history = new TargetHistory(params);
        this.knn = Pipeline.of(Learner.KNN, params);
        this.lm = Pipeline.of(Learner.LM, params);
        this.raw = new double[params.featureCount()];
    }

    public LearnerParams params() {
        return params;
    }

    /** The key mode this model is for. */
    public KeyMode keyMode() {
        return book == null ? KeyMode.SERIES : KeyMode.ITEM;
    }

    /** Events learned so far (an item's: all its series'). */
    public long n() {
        return n;
    }

    /**
     * Epoch day of the last learned event (an item's: the latest day any of its series learned), or
     * {@link #NO_DAY}.
     */
    public int lastDay() {
        return lastDay;
    }

    /** True if an event of {@code epochDay} may be learned: it is after the last learned day (a series' model). */
    public boolean accepts(int epochDay) {
        return n == 0 || epochDay > lastDay;
    }

    /**
     * True if an event of {@code series} (its id as {@link KeyMode#SERIES} gives it) on {@code epochDay} may be
     * learned: it is after that series' last learned day. A series' model ignores {@code series}.
     */
    public boolean accepts(String series, int epochDay) {
        return book == null ? accepts(epochDay) : book.accepts(series, epochDay);
    }

    /** The last learned day of {@code series} ({@link #NO_DAY} if none); a series' model ignores it. */
    public int lastDay(String series) {
        return book == null ? lastDay : book.lastDay(series);
    }

    /** Events of {@code series} learned; a series' model ignores it. */
    public long n(String series) {
        return book == null ? n : book.n(series);
    }

    /** The series this model has learned from, in id order: {@code key} itself for a series' model. */
    public List<String> series(String key) {
        if (book == null) {
            return n == 0 ? List.of() : List.of(key);
        }
        List<String> ids = new ArrayList<>(book.size());
        for (int i = 0; i < book.size(); i++) {
            ids.add(book.id(i));
        }
        return ids;
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
     * @throws IllegalStateException    for an item's model, which needs the series ({@link #observe(String, int, int)})
     */
    public Prediction observe(int epochDay, int y, Serving serving) {
        if (book != null) {
            throw new IllegalStateException("an item's model learns an event of one of its series: name the series");
        }
        return observe(null, epochDay, y, serving);
    }

    /** {@link #observe(String, int, int, Serving)} served by the seed's rule. */
    public Prediction observe(String series, int epochDay, int y) {
        return observe(series, epochDay, y, Serving.SEED);
    }

    /**
     * {@link #observe(int, int, Serving)} of an event of {@code series} (its id as {@link KeyMode#SERIES} gives it; a
     * series' model ignores it). An item's model learns it with the item's pipelines and books the day for the
     * series.
     *
     * @throws IllegalArgumentException if {@code epochDay} is not after the series' last learned day, or y &lt; 0
     */
    public Prediction observe(String series, int epochDay, int y, Serving serving) {
        if (!accepts(series, epochDay)) {
            throw new IllegalArgumentException("day " + epochDay + (book == null ? "" : " of " + series)
                    + " is not after the last learned day " + lastDay(series));
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
        if (book != null) {
            book.learned(series, epochDay);
            lastDay = Math.max(lastDay, epochDay);
        } else {
            lastDay = epochDay;
        }
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

    /** One day of one series to forecast. */
    public record SeriesDay(String series, int day) {
    }

    /**
     * The days a horizon of {@code days} forecasts for {@code series} (ids this model learned from, see
     * {@link #series}): for each, the {@code days} days after its own last learned day, in the order they are to be
     * predicted: by date, then series id. The order matters for the seed's protocol, whose chained
     * {@code predict_one} updates the chosen learner's scaler with each forecast; an item's M5 model so forecasts
     * its 10 stores' first day, then their second, and so on.
     */
    public List<SeriesDay> horizon(List<String> series, int days) {
        List<SeriesDay> out = new ArrayList<>(series.size() * days);
        for (String s : series) {
            int last = lastDay(s);
            for (int ahead = 1; ahead <= days; ahead++) {
                out.add(new SeriesDay(s, last + ahead));
            }
        }
        out.sort(Comparator.comparingInt(SeriesDay::day).thenComparing(SeriesDay::series));
        return out;
    }

    /** How many series this model has learned from: 0 or 1 for a series' model. */
    public int seriesCount() {
        return book == null ? (n == 0 ? 0 : 1) : book.size();
    }

    /** The raw (unscaled) feature vector of a day, in creme's order (for traces and tests). */
    public double[] features(int epochDay) {
        double[] out = new double[params.featureCount()];
        history.features(params, Days.weekday(epochDay), out);
        return out;
    }

    /** An independent copy of this model (same parameters, same state). */
    public SeriesModel copy() {
        SeriesModel c = new SeriesModel(params, book == null ? null : book.copy());
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
     * Writes the model's state: layout version, the dimensions it depends on, every component, then whether an
     * item's book follows, and the book.
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
        out.writeByte(book == null ? 0 : 1);
        if (book != null) {
            book.writeTo(out, lastDay);
        }
    }

    /**
     * Reads state written by {@link #writeTo} into a new model with {@code params}: a series' or an item's, as
     * written (layouts 1 and 2 hold series' models only).
     */
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
        SeriesModel m = new SeriesModel(params, KeyMode.SERIES);
        m.n = in.readLong();
        m.lastDay = in.readInt();
        m.history.readFrom(in, version);
        m.knn.readFrom(in, version);
        m.lm.readFrom(in, version);
        m.maeKnn.readFrom(in);
        m.maeLm.readFrom(in);
        int kind = version < 3 ? 0 : in.readUnsignedByte();
        if (kind > 1) {
            throw new IOException("corrupt state: model kind " + kind + " (0: a series, 1: an item)");
        }
        if (kind == 1) {
            m.book = SeriesBook.readFrom(in, m.lastDay);
        }
        return m;
    }

    private static void checkDimension(String what, int stored, int expected) throws IOException {
        if (stored != expected) {
            throw new IOException("series state was written with " + what + " " + stored
                    + " but the job's parameters give " + expected);
        }
    }
}
