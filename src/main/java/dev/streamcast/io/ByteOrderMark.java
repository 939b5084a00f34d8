package dev.streamcast.io;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;

/**
 * The one place that knows the UTF-8 byte-order mark (U+FEFF): every reader of text input or output files skips
 * it at the start of a line or a file (Excel and some editors write one; concatenated files carry it mid-file).
 */
public final class ByteOrderMark {
    public static final char BOM = '\uFEFF';

    private ByteOrderMark() {
    }

    /** 1 if {@code line} starts with a byte-order mark, else 0: the index its content starts at. */
    public static int length(CharSequence line) {
        return !line.isEmpty() && line.charAt(0) == BOM ? 1 : 0;
    }

    /** {@code line} without a leading byte-order mark. */
    public static String strip(String line) {
        return length(line) == 0 ? line : line.substring(1);
    }

    /** {@code in} without a byte-order mark at its start. */
    public static Reader skip(Reader in) throws IOException {
        PushbackReader r = new PushbackReader(in, 1);
        int c = r.read();
        if (c >= 0 && c != BOM) {
            r.unread(c);
        }
        return r;
    }
}
