package dev.streamcast.functions;

import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * The event time of a Kafka record, its event's day (parsed by the deserializer), so that the source tracks a
 * watermark per partition (Flink's split-aware watermarks): a partition that lags behind holds the watermark back
 * instead of having its events declared late, and an idle one stops holding it after the idleness timeout.
 * Lines of files (in a backfill-then-live job) and rejected records have no event time ({@link Long#MIN_VALUE})
 * and so never advance the watermark: the files' days are all before the live ones, and a bad record goes to the
 * dead letters.
 */
public final class RecordEventTime implements SerializableTimestampAssigner<RawLine> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(RawLine line, long recordTimestamp) {
        return line.event() == null ? Long.MIN_VALUE : line.event().day() * LearnFunction.DAY_MS;
    }
}
