package dev.streamcast.io;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes records as text lines into {@code FileSink} part files, each CSV part file starting with its
 * header. Part files roll on every checkpoint, which is what makes the file sink exactly-once. Lines go through a
 * buffer ({@link #BUFFER_BYTES}): the part file's stream writes to its file on every call, and a forecast line is
 * about 200 bytes; {@link #flush} and {@link #finish} empty the buffer, as the sink requires before it commits.
 */
public final class TextBulkWriter<T> implements BulkWriter<T> {
    /** Bytes buffered before a write to the part file. */
    public static final int BUFFER_BYTES = 64 * 1024;
    private final OutputStream out;
    private final RecordEncoder<T> encoder;

    private TextBulkWriter(OutputStream out, RecordEncoder<T> encoder) throws IOException {
        this.out = new BufferedOutputStream(out, BUFFER_BYTES);
        this.encoder = encoder;
        if (encoder.header() != null) {
            writeLine(encoder.header());
        }
    }

    public static <T> BulkWriter.Factory<T> factory(RecordEncoder<T> encoder) {
        return (FSDataOutputStream stream) -> new TextBulkWriter<>(stream, encoder);
    }

    @Override
    public void addElement(T element) throws IOException {
        writeLine(encoder.encode(element));
    }

    private void writeLine(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
