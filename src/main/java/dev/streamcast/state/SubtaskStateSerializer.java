package dev.streamcast.state;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.api.output.TaggedOperatorSubtaskState;
import org.apache.flink.util.InstantiationUtil;

import java.io.IOException;

/**
 * Ships the State Processor API's {@link TaggedOperatorSubtaskState} (a subtask's snapshot, from the bootstrap
 * operator to the step that writes the savepoint's metadata): its index, then its {@code Serializable} state in Java
 * serialization. Kryo's default field serializer cannot build the state's private nested classes on Java 17, and
 * the record itself is not {@code Serializable}.
 */
public final class SubtaskStateSerializer extends Serializer<TaggedOperatorSubtaskState> {
    @Override
    public void write(Kryo kryo, Output output, TaggedOperatorSubtaskState value) {
        output.writeInt(value.index);
        try {
            byte[] state = InstantiationUtil.serializeObject(value.state);
            output.writeInt(state.length);
            output.writeBytes(state);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the snapshot of subtask " + value.index, e);
        }
    }

    @Override
    public TaggedOperatorSubtaskState read(Kryo kryo, Input input, Class<? extends TaggedOperatorSubtaskState> type) {
        int index = input.readInt();
        byte[] state = input.readBytes(input.readInt());
        try {
            return new TaggedOperatorSubtaskState(index,
                    InstantiationUtil.deserializeObject(state, kryo.getClassLoader()));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read the snapshot of subtask " + index, e);
        }
    }
}
