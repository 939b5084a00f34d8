package dev.streamcast.job;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.learn.PooledParams;

import java.io.IOException;

/**
 * The learners ({@code model:} in a job file): how events are grouped into models ({@code keyMode}) and, in the
 * same section, the hyper-parameters, named as {@link LearnerParams}' components (absent: the seed's values).
 *
 * @param keyMode grouping of events into models (default {@code series})
 * @param params  the hyper-parameters of the series' pipelines
 * @param pooled  the pooled learner's hyper-parameters ({@code model.pooled.*}; absent: {@link PooledParams#DEFAULTS}),
 *                used when {@code forecast.serving} is {@code pooled}
 */
@JsonDeserialize(using = ModelConfig.Reader.class)
public record ModelConfig(KeyMode keyMode, @JsonUnwrapped LearnerParams params, PooledParams pooled) {

    /** Applies the defaults. */
    public ModelConfig {
        keyMode = keyMode == null ? KeyMode.SERIES : keyMode;
        params = params == null ? LearnerParams.seed() : params;
        pooled = pooled == null ? PooledParams.DEFAULTS : pooled;
    }

    /** The seed's model: one model per series, {@link LearnerParams#seed()}. */
    public static ModelConfig seed() {
        return new ModelConfig(null, null, null);
    }

    /** Binds {@code keyMode} and the rest of the section as {@link LearnerParams} (Jackson cannot unwrap a record). */
    static final class Reader extends StdDeserializer<ModelConfig> {
        Reader() {
            super(ModelConfig.class);
        }

        @Override
        public ModelConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!(ctxt.readTree(p) instanceof ObjectNode section)) {
                return (ModelConfig) ctxt.handleUnexpectedToken(ModelConfig.class, p);
            }
            KeyMode mode = take(section, "keyMode", KeyMode.class, ctxt);
            PooledParams pooled = take(section, "pooled", PooledParams.class, ctxt);
            return new ModelConfig(mode, ctxt.readTreeAsValue(section, LearnerParams.class), pooled);
        }

        /** Removes {@code key} from the section and binds it (null if absent), errors under the key's path. */
        private static <T> T take(ObjectNode section, String key, Class<T> type, DeserializationContext ctxt)
                throws IOException {
            JsonNode node = section.remove(key);
            try {
                return node == null ? null : ctxt.readTreeAsValue(node, type);
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, ModelConfig.class, key);
            }
        }
    }
}
