package dev.streamcast.functions;

import dev.streamcast.records.SalesEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sets each event's timestamp to its day and forwards the watermarks that come from upstream unchanged (unlike
 * {@code assignTimestampsAndWatermarks}, which replaces them): for inputs whose watermarks are made at the source,
 * per Kafka partition ({@link RecordEventTime}).
 */
public final class StampEventTime extends AbstractStreamOperator<SalesEvent>
        implements OneInputStreamOperator<SalesEvent, SalesEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<SalesEvent> element) {
        output.collect(element.replace(element.getValue(), element.getValue().day() * LearnFunction.DAY_MS));
    }
}
