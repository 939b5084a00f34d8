package dev.streamcast.job;

import dev.streamcast.functions.Horizon;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.io.CsvLineParser;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late and repeated data on the whole job (MiniCluster, RocksDB): input out of order within the reordering
 * buffer gives the very same forecasts as sorted input; input replayed a second time changes nothing and its
 * events appear in the late output as duplicates.
 */
class ReplayAndReorderTest {
    static final Duration BUFFER = Duration.ofDays(3);

    @RegisterExtension
    static final MiniClusterExtension MINI = JobTestSupport.miniCluster();

    @TempDir
    Path tmp;

    static List<String> goldenRows() throws Exception {
        try (InputStream in = ReplayAndReorderTest.class.getResourceAsStream("/golden/public/input.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(1, lines.size());
        }
    }

    Path run(String name, List<String> rows, boolean reorder) throws Exception {
        Path input = tmp.resolve(name + "-in/input.csv");
        Files.createDirectories(input.getParent());
        List<String> lines = new ArrayList<>();
        lines.add("id,date,y");
        lines.addAll(rows);
        Files.write(input, lines);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobTestSupport.rocksDbConfig(tmp.resolve(name + "-chk"), "500ms"));
        env.setParallelism(2);
        ForecastPipeline.Outputs outputs = ForecastPipeline.build(JobTestSupport.fileLines(env, input),
                new ForecastPipeline.Settings(new CsvLineParser(), LearnerParams.seed(), KeyMode.SERIES,
                        reorder ? BUFFER : Duration.ZERO, true,
                        new LearnFunction.Options(28, Horizon.NONE, reorder, 0, null)));
        Path out = tmp.resolve(name + "-out");
        FileOutputs.attach(outputs, out.toString(), OutputFormat.CSV);
        env.execute(name);
        return out;
    }

    static List<String> forecasts(Path out) {
        return JobTestSupport.committedLines(out.resolve(FileOutputs.FORECASTS), true).stream().sorted().toList();
    }

    @Test
    void inputOutOfOrderWithinTheBufferGivesTheSameForecastsAsSortedInput() throws Exception {
        List<String> sorted = goldenRows();
        // reverse every block of three days (rows are sorted by date then id, three series a day)
        List<String> shuffled = new ArrayList<>();
        for (int block = 0; block < sorted.size(); block += 9) {
            List<String> part = new ArrayList<>(sorted.subList(block, Math.min(block + 9, sorted.size())));
            java.util.Collections.reverse(part);
            shuffled.addAll(part);
        }
        assertThat(shuffled).isNotEqualTo(sorted).containsExactlyInAnyOrderElementsOf(sorted);

        List<String> expected = forecasts(run("sorted", sorted, true));
        Path out = run("shuffled", shuffled, true);
        assertThat(expected).hasSize(sorted.size());
        assertThat(forecasts(out)).isEqualTo(expected);
        assertThat(JobTestSupport.committedLines(out.resolve(FileOutputs.LATE), true)).isEmpty();
        // and the buffer changes nothing for sorted input
        assertThat(forecasts(run("unbuffered", sorted, false))).isEqualTo(expected);
    }

    @Test
    void replayedInputIsNeverLearnedTwiceAndShowsUpAsDuplicates() throws Exception {
        List<String> rows = goldenRows();
        List<String> twice = new ArrayList<>(rows);
        twice.addAll(rows);
        List<String> once = forecasts(run("once", rows, false));
        Path out = run("twice", twice, false);
        assertThat(forecasts(out)).isEqualTo(once);
        List<String> late = JobTestSupport.committedLines(out.resolve(FileOutputs.LATE), true);
        assertThat(late).hasSize(rows.size());
        // each series' last day comes again as a duplicate of the last learned day, every earlier day as older
        assertThat(late).filteredOn(l -> l.endsWith(",duplicate_day")).hasSize(3);
        assertThat(late).filteredOn(l -> l.endsWith(",before_last_learned_day")).hasSize(rows.size() - 3);
    }
}
