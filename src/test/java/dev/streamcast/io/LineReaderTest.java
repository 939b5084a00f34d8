package dev.streamcast.io;

import dev.streamcast.records.RawLine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LineFileFormat.LineReader}: numbered lines, LF or CRLF, capped lines flagged and skipped cleanly, invalid
 * UTF-8 flagged and shown with U+FFFD.
 */
class LineReaderTest {

    private static List<RawLine> readAll(String text, int cap) throws IOException {
        return readAll(text.getBytes(StandardCharsets.UTF_8), cap);
    }

    private static List<RawLine> readAll(byte[] bytes, int cap) throws IOException {
        List<RawLine> lines = new ArrayList<>();
        try (LineFileFormat.LineReader reader = new LineFileFormat.LineReader(new ByteArrayInputStream(bytes), cap)) {
            for (RawLine l = reader.read(); l != null; l = reader.read()) {
                lines.add(l);
            }
            assertThat(reader.read()).as("still null after the end").isNull();
        }
        return lines;
    }

    private static RawLine line(long no, String text) {
        return new RawLine(null, no, text, false);
    }

    @Test
    void numbersLinesFromOneWithLfOrCrLf() throws IOException {
        List<RawLine> expected = List.of(line(1, "id,date,y"), line(2, "a,2016-01-01,3"), line(3, "b,2016-01-01,"));
        assertThat(readAll("id,date,y\na,2016-01-01,3\nb,2016-01-01,\n", 100)).isEqualTo(expected);
        assertThat(readAll("id,date,y\r\na,2016-01-01,3\r\nb,2016-01-01,\r\n", 100)).isEqualTo(expected);
        assertThat(readAll("id,date,y\r\na,2016-01-01,3\nb,2016-01-01,\r\n", 100)).isEqualTo(expected);
    }

    @Test
    void readsALastLineWithoutNewline() throws IOException {
        assertThat(readAll("a\nb", 100)).containsExactly(line(1, "a"), line(2, "b"));
        assertThat(readAll("a\r\nb\r", 100)).containsExactly(line(1, "a"), line(2, "b"));
        assertThat(readAll("only", 100)).containsExactly(line(1, "only"));
    }

    @Test
    void keepsEmptyLinesAsEmptyText() throws IOException {
        assertThat(readAll("\n\nx\n\r\n\n", 100)).containsExactly(line(1, ""), line(2, ""), line(3, "x"),
                line(4, ""), line(5, ""));
        assertThat(readAll("\n", 100)).containsExactly(line(1, ""));
        assertThat(readAll("\r\n", 100)).containsExactly(line(1, ""));
    }

    @Test
    void onlyTheLineEndIsRemoved() throws IOException {
        assertThat(readAll("  a\rb \t\n\uFEFFc\n", 100)).containsExactly(line(1, "  a\rb \t"), line(2, "\uFEFFc"));
    }

    @Test
    void emptyInputEndsImmediately() throws IOException {
        assertThat(readAll("", 100)).isEmpty();
    }

    @Test
    void aLineOverTheCapIsCutAndFlaggedAndTheNextLineIsIntact() throws IOException {
        assertThat(readAll("abcdefgh\nxy\nabcdefghijklmnopqrstuvwxyz\r\nlast", 5)).containsExactly(
                new RawLine(null, 1, "abcde", true), line(2, "xy"), new RawLine(null, 3, "abcde", true),
                line(4, "last"));
    }

    @Test
    void aLineOfExactlyTheCapIsNotTruncatedWhateverItsLineEnd() throws IOException {
        assertThat(readAll("abcde\nvwxyz", 5)).containsExactly(line(1, "abcde"), line(2, "vwxyz"));
        assertThat(readAll("abcde\r\nvwxyz\r\n", 5)).containsExactly(line(1, "abcde"), line(2, "vwxyz"));
        assertThat(readAll("abcde\r", 5)).containsExactly(line(1, "abcde"));
        assertThat(readAll("abcdef\r\nv\r\n", 5)).containsExactly(new RawLine(null, 1, "abcde", true), line(2, "v"));
        assertThat(readAll("abcde\rx\nv", 5)).containsExactly(new RawLine(null, 1, "abcde", true), line(2, "v"));
        assertThat(readAll("abcde\r\r\nv", 5)).containsExactly(new RawLine(null, 1, "abcde", true), line(2, "v"));
        assertThat(readAll("abcd\r\r\nv", 5)).containsExactly(line(1, "abcd\r"), line(2, "v"));
        assertThat(readAll("abcd\r\r\nv", 100)).containsExactly(line(1, "abcd\r"), line(2, "v"));
        assertThat(readAll("\r", 0)).containsExactly(line(1, ""));
        assertThat(readAll("\r", 100)).containsExactly(line(1, ""));
    }

    @Test
    void aHugeLineIsNeverBufferedWhole() throws IOException {
        int cap = 4096;
        String huge = "x".repeat(3_000_000);
        List<RawLine> lines = readAll(huge + "\nnext\n", cap);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).truncated()).isTrue();
        assertThat(lines.get(0).text()).hasSize(cap);
        assertThat(lines.get(1)).isEqualTo(line(2, "next"));
    }

    @Test
    void decodesUtf8IncludingLongMultibyteLines() throws IOException {
        String mixed = "ünïcödé € 𝄞 日本語";
        String longLine = "é€𝄞".repeat(5_000); // 2 + 3 + 4 bytes, far past the initial buffer
        List<RawLine> lines = readAll(mixed + "\r\n" + longLine + "\n" + mixed, 1 << 20);
        assertThat(lines).containsExactly(line(1, mixed), line(2, longLine), line(3, mixed));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void invalidUtf8IsFlaggedAndDecodedWithReplacementCharacters() throws IOException {
        byte[] ok = "ok\n".getBytes(StandardCharsets.UTF_8);
        byte[][] invalid = {
            bytes(0xFF), // never valid in UTF-8
            bytes('c', 'a', 'f', 0xE9), // Latin-1 é
            bytes(0xC3), // a sequence cut short by the line end
            bytes(0xC0, 0xAF), // an overlong encoding of '/'
            bytes(0xED, 0xA0, 0x80), // a UTF-16 surrogate encoded as UTF-8
            bytes(0xF4, 0x90, 0x80, 0x80), // above U+10FFFF
            bytes(0x80, 'x'), // a continuation byte without a lead
        };
        for (byte[] bad : invalid) {
            List<RawLine> lines = readAll(concat(ok, bytes('a'), bad, bytes('z', '\n'), ok), 100);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).isEqualTo(line(1, "ok"));
            assertThat(lines.get(1).invalidUtf8()).isTrue();
            assertThat(lines.get(1).truncated()).isFalse();
            assertThat(lines.get(1).text()).startsWith("a").endsWith("z").contains("\uFFFD");
            assertThat(lines.get(2)).isEqualTo(line(3, "ok"));
        }
    }

    @Test
    void aRealReplacementCharacterOrNulIsValidUtf8() throws IOException {
        assertThat(readAll("x\uFFFDy\nnul\u0000byte\n", 100))
                .containsExactly(line(1, "x\uFFFDy"), line(2, "nul\u0000byte"));
    }

    @Test
    void theFileSourceKeepsBothFlagsWhenItNamesTheSource() {
        RawLine read = RawLine.fromUtf8(null, 7, bytes('a', 0xFF), 2, true);
        assertThat(read.withSource("f.csv")).isEqualTo(new RawLine("f.csv", 7, "a\uFFFD", true, true));
    }

    @Test
    void theCapCountsBytes() throws IOException {
        assertThat(readAll("éé\néééé\n", 4)).containsExactly(line(1, "éé"), new RawLine(null, 2, "éé", true));
    }

    @Test
    void closeClosesTheStream() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        LineFileFormat.LineReader reader = new LineFileFormat.LineReader(in, 10);
        assertThat(reader.read()).isNull();
        reader.close();
        assertThat(closed).isTrue();
    }
}
