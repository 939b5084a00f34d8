package dev.streamcast.functions;

import dev.streamcast.io.BadInputException;
import dev.streamcast.io.CompositeLineParser;
import dev.streamcast.io.JsonLineParser;
import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

import java.util.List;
import java.util.Set;

/**
 * The event time of a Kafka record, read from its JSON {@code date} at the source, so that the source tracks a
 * watermark per partition (Flink's split-aware watermarks): a partition that lags behind holds the watermark back
 * instead of having its events declared late, and an idle one stops holding it after the idleness timeout.
 * Lines of files (in a backfill-then-live job) and records without a valid date have no event time
 * ({@link Long#MIN_VALUE}) and so never advance the watermark: the files' days are all before the live ones, and
 * a bad record goes to the dead letters.
 */
public final class RecordEventTime implements SerializableTimestampAssigner<RawLine> {
    private static final long serialVersionUID = 1L;
    private final Set<String> topics;

    /** @param topics the topics whose records carry event times; other lines are files */
    public RecordEventTime(List<String> topics) {
        this.topics = Set.copyOf(topics);
    }

    @Override
    public long extractTimestamp(RawLine line, long recordTimestamp) {
        if (line.truncated() || line.invalidUtf8() || !CompositeLineParser.isTopicPartition(line.source(), topics)) {
            return Long.MIN_VALUE;
        }
        try {
            return JsonLineParser.parse(line.text()).day() * LearnFunction.DAY_MS;
        } catch (BadInputException e) {
            return Long.MIN_VALUE;
        }
    }
}
