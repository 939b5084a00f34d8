package dev.streamcast.state;

import dev.streamcast.functions.SeriesModelSerializer;
import dev.streamcast.learn.SeriesModel;
import org.apache.flink.util.InstantiationUtil;

import java.io.IOException;

/**
 * A model as a savepoint holds it: the model, the layout version its bytes were written in and how many bytes
 * they take (what {@link StoredModelSerializer} reads).
 */
public record StoredModel(SeriesModel model, int layoutVersion, int bytes) {
    /**
     * A model whose stored bytes are gone (the hashmap backend deserialises at restore), measured as the job writes
     * it: its current layout, which is what a hashmap checkpoint of this build holds.
     */
    public static StoredModel rewritten(SeriesModel model) throws IOException {
        return new StoredModel(model, SeriesModel.LAYOUT_VERSION, InstantiationUtil.serializeToByteArray(
                new SeriesModelSerializer(model.params(), model.keyMode()), model).length);
    }
}
