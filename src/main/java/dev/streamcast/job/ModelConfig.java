package dev.streamcast.job;

import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;

/**
 * The learners ({@code model:} in a job file): how events are grouped into models and the models'
 * hyper-parameters. In the job file, the parameters are the {@code model.*} keys other than {@code keyMode}
 * (named as {@link LearnerParams.Builder}'s methods); absent keys keep {@link LearnerParams#seed()}'s values.
 *
 * @param keyMode grouping of events into models ({@code model.keyMode}; default {@code series})
 * @param params  the hyper-parameters
 */
public record ModelConfig(KeyMode keyMode, LearnerParams params) {
    /** Default {@code model.keyMode}. */
    public static final KeyMode DEFAULT_KEY_MODE = KeyMode.SERIES;

    public ModelConfig {
        if (keyMode == null) {
            throw new JobConfigException("model.keyMode", "model.keyMode is required; one of "
                    + ConfigNames.allowed(KeyMode.class));
        }
        if (params == null) {
            throw new JobConfigException("model", "model parameters are required");
        }
    }

    /** The seed's model: one model per series, {@link LearnerParams#seed()}. */
    public static ModelConfig seed() {
        return new ModelConfig(DEFAULT_KEY_MODE, LearnerParams.seed());
    }
}
