package dev.streamcast.io;

import dev.streamcast.records.RawLine;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.RecordMapperWrapperRecordIterator;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads text files line by line into {@link RawLine}s carrying the file name and line number, for
 * {@code FileSource}. Lines longer than the cap are cut (and flagged), never buffered whole, so one huge
 * line cannot exhaust memory; lines that are not valid UTF-8 are flagged. Files are not split; compressed files
 * ({@code .gz}, ...) are decompressed by their extension. Checkpointing and restore are Flink's own
 * ({@link StreamFormatAdapter}): a restored reader re-reads and skips the lines already emitted, so line numbers
 * stay right.
 */
public final class LineFileFormat implements BulkFormat<RawLine, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final TypeInformation<RawLine> TYPE = TypeInformation.of(RawLine.class);

    private final StreamFormatAdapter<RawLine> lines;

    /** @param maxLineLength longest line kept whole, in bytes */
    public LineFileFormat(int maxLineLength) {
        this.lines = new StreamFormatAdapter<>(new CappedLines(maxLineLength));
    }

    @Override
    public Reader<RawLine> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return withSource(lines.createReader(config, split), split);
    }

    @Override
    public Reader<RawLine> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return withSource(lines.restoreReader(config, split), split);
    }

    private static Reader<RawLine> withSource(Reader<RawLine> reader, FileSourceSplit split) {
        String source = split.path().getName();
        return RecordMapperWrapperRecordIterator.wrapReader(reader, l -> l.withSource(source));
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TYPE;
    }

    /** The line reader proper: numbered, capped, UTF-8 (invalid bytes flagged), LF or CRLF line ends. */
    static final class CappedLines extends SimpleStreamFormat<RawLine> {
        private static final long serialVersionUID = 1L;
        private final int maxLineLength;

        CappedLines(int maxLineLength) {
            this.maxLineLength = maxLineLength;
        }

        @Override
        public StreamFormat.Reader<RawLine> createReader(Configuration config, FSDataInputStream stream) {
            return new LineReader(stream, maxLineLength);
        }

        @Override
        public TypeInformation<RawLine> getProducedType() {
            return TYPE;
        }
    }

    /**
     * Reads capped lines from a byte stream; usable on its own (e.g. by tools reading plain files). A line that is
     * not valid UTF-8 is flagged {@link RawLine#invalidUtf8()}, its text decoded with U+FFFD for the bad bytes.
     */
    public static final class LineReader implements StreamFormat.Reader<RawLine> {
        private final InputStream in;
        private final int cap;
        private byte[] buf = new byte[256];
        private long lineNo;

        public LineReader(InputStream in, int cap) {
            this.in = new BufferedInputStream(in, 1 << 16);
            this.cap = cap;
        }

        @Override
        public RawLine read() throws IOException {
            int len = 0;
            boolean truncated = false;
            boolean crAfterCap = false; // a '\r' just past the cap: the CRLF line end of a line of exactly cap bytes?
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (len < cap) {
                    if (len == buf.length) {
                        buf = Arrays.copyOf(buf, Math.min(cap, buf.length * 2));
                    }
                    buf[len++] = (byte) b;
                } else if (b == '\r' && !crAfterCap && !truncated) {
                    crAfterCap = true;
                } else {
                    truncated = true;
                }
            }
            if (b == -1 && len == 0 && !truncated && !crAfterCap) {
                return null;
            }
            if (!truncated && !crAfterCap && len > 0 && buf[len - 1] == '\r') {
                len--;
            }
            lineNo++;
            return RawLine.fromUtf8(null, lineNo, buf, len, truncated);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
