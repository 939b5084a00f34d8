package dev.streamcast.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Unsigned LEB128 varints for the small non-negative integers of the state (sales, ring positions). */
final class Varint {
    private Varint() {
    }

    static void write(DataOutput out, int value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("varints hold non-negative values, got " + value);
        }
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    static int read(DataInput in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IOException("corrupt state: varint out of range");
                }
                return value;
            }
        }
        throw new IOException("corrupt state: varint longer than 5 bytes");
    }
}
