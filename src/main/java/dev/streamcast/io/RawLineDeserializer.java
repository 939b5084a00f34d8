package dev.streamcast.io;

import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka records as {@link RawLine}s of {@link RawLine.Origin#KAFKA}, each parsed here, once, as a JSON event: the
 * line carries its event, or the dead letter saying why not. Never fails: the value's bytes become the text (UTF-8;
 * a value that is not valid UTF-8 is flagged {@link RawLine#invalidUtf8()}, its bad bytes shown as U+FFFD, and
 * becomes an {@code invalid_utf8} dead letter), a missing value (a tombstone) an empty text, a value longer than the
 * cap is cut and flagged {@link RawLine#truncated()}. {@code source} is {@code <topic>-<partition>}, {@code line}
 * the record's offset, so a dead letter names the exact record.
 */
public final class RawLineDeserializer implements KafkaRecordDeserializationSchema<RawLine> {
    private static final long serialVersionUID = 1L;
    private static final TypeInformation<RawLine> TYPE = TypeInformation.of(RawLine.class);

    private final int maxBytes;
    private final Validation validation;

    /**
     * @param maxBytes   longest value kept whole, in bytes
     * @param validation the checks of the events' fields
     */
    public RawLineDeserializer(int maxBytes, Validation validation) {
        this.maxBytes = maxBytes;
        this.validation = validation;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
        out.collect(parse(toLine(record.topic(), record.partition(), record.offset(), record.value(), maxBytes)));
    }

    /** The line of one record value, not yet parsed. */
    private static RawLine toLine(String topic, int partition, long offset, byte[] value, int maxBytes) {
        String source = topic + "-" + partition;
        if (value == null) {
            return new RawLine(source, offset, "", false);
        }
        boolean truncated = value.length > maxBytes;
        return RawLine.fromUtf8(source, offset, value, truncated ? maxBytes : value.length, truncated);
    }

    private RawLine parse(RawLine line) {
        try {
            EventParser.checkLine(line);
            return line.parsed(JsonLineParser.parse(line.text(), validation), null);
        } catch (BadInputException e) {
            return line.parsed(null, DeadLetter.of(line, e.reason().code(), e.getMessage()));
        }
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TYPE;
    }
}
