package dev.streamcast.functions;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamcast.learn.Serving;

import java.io.Serializable;

/**
 * How forecasts are served, and the forecasts of the days after a series' last learned day: emitted for
 * {@code days} days when a bounded input ends (the end-of-input watermark fires each series' final event-time
 * timer) and, if {@code afterEachEvent}, after every learned event. Future days use the frozen target features
 * with the weekday of each future date.
 *
 * <p>It is the {@code forecast:} section of a job file ({@code days} is its key {@code horizon}); its messages
 * start with the offending key.
 *
 * @param days           how many days ahead (0: no horizon forecasts)
 * @param protocol       how the days are predicted (null: {@link Protocol#FROZEN})
 * @param afterEachEvent also after each learned event ({@link Protocol#FROZEN} only, 1 or more days)
 * @param serving        which prediction every forecast record serves ({@link Serving#SEED}, the default, for the
 *                       seed's rule; the {@link Protocol#CREME} horizon always serves the seed's chosen learner)
 */
public record Horizon(@JsonProperty("horizon") int days, Protocol protocol, boolean afterEachEvent, Serving serving)
        implements Serializable {
    /** Longest horizon accepted. */
    public static final int MAX_DAYS = 366;
    /** No horizon forecasts. */
    public static final Horizon NONE = new Horizon(0, Protocol.FROZEN, false, Serving.SEED);

    /** How horizon days are predicted. */
    public enum Protocol {
        /** Side-effect free: both learners' forecasts, the chosen one served; the model is unchanged. */
        FROZEN,
        /**
         * The seed's submission protocol: the chosen learner's creme {@code predict_one}, one day after another on
         * the same model, each updating that learner's scaler (kept in state, as the seed kept it). The other
         * learner is not asked: its prediction is NaN (null in JSON).
         */
        CREME
    }

    public Horizon {
        protocol = protocol == null ? Protocol.FROZEN : protocol;
        serving = serving == null ? Serving.SEED : serving;
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("horizon must be 0.." + MAX_DAYS + " days, got " + days);
        }
        if (afterEachEvent && (protocol == Protocol.CREME || days == 0)) {
            throw new IllegalArgumentException("afterEachEvent needs protocol frozen (forecasts after each event "
                    + "must not change the model) and a horizon of 1 or more days");
        }
    }
}
