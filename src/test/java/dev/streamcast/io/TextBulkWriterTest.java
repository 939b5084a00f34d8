package dev.streamcast.io;

import dev.streamcast.records.DeadLetter;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Part file lines are buffered, and every line written before {@code flush} or {@code finish} is in the file when
 * they return: the file sink relies on that before it commits a part file at a checkpoint.
 */
class TextBulkWriterTest {
    @TempDir
    Path dir;

    @Test
    void flushAndFinishPutEveryLineInTheFile() throws Exception {
        Path file = dir.resolve("part-0.csv");
        RecordEncoder<DeadLetter> encoder = RecordEncoder.deadLetters(OutputFormat.CSV);
        try (FSDataOutputStream stream = LocalFileSystem.getSharedInstance()
                .create(new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<DeadLetter> writer = TextBulkWriter.factory(encoder).create(stream);
            writer.addElement(new DeadLetter("sales.csv", 2, "x,,1", "bad_date", "no date"));
            assertThat(Files.size(file)).as("buffered, not yet written").isZero();
            writer.flush();
            String afterFlush = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(afterFlush).isEqualTo(encoder.header() + "\n"
                    + encoder.encode(new DeadLetter("sales.csv", 2, "x,,1", "bad_date", "no date")) + "\n");

            // more than the buffer holds: written as it fills, the rest by finish
            DeadLetter big = new DeadLetter("sales.csv", 3, "y".repeat(1000), "bad_date", "no date");
            int n = 3 * TextBulkWriter.BUFFER_BYTES / 1000;
            for (int i = 0; i < n; i++) {
                writer.addElement(big);
            }
            assertThat(Files.size(file)).isGreaterThan(afterFlush.length());
            writer.finish();
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2 + n)
                    .last().isEqualTo(encoder.encode(big));
        }
    }
}
