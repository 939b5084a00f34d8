package dev.streamcast.cli;

import dev.streamcast.io.OutputFormat;
import dev.streamcast.io.RecordEncoder;
import dev.streamcast.state.ModelStateRow;
import dev.streamcast.state.StateInspector;
import dev.streamcast.state.StateSummary;
import org.apache.commons.lang3.exception.ExceptionUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code streamcast state inspect SAVEPOINT [--out FILE.csv|FILE.jsonl]}: one row per model key of the learn
 * operator's state ({@link ModelStateRow}), read with Flink's State Processor API ({@link StateInspector}), then a
 * summary ({@link StateSummary}). Without {@code --out} the rows print as CSV before the summary.
 */
@Command(name = "inspect", description = {"The models in a savepoint or retained checkpoint of the job.",
        "One row per model key (series or item): events learned, last learned day (per series for item keys), "
        + "running MAE per learner, the learner chosen, state bytes and layout version; then a summary. Reads "
        + "RocksDB and hashmap state, savepoints and retained checkpoints."})
final class StateInspectCommand implements Callable<Integer> {
    @ParentCommand
    StateCommand state;

    @Parameters(paramLabel = "SAVEPOINT", description = StateCommand.SAVEPOINT)
    Path savepoint;

    @Option(names = "--out", paramLabel = "FILE.csv|FILE.jsonl", description = "write the rows there (format by "
            + "extension) instead of printing them")
    Path out;

    @Override
    public Integer call() throws UsageException, IOException {
        OutputFormat format = out == null ? OutputFormat.CSV : formatOf(out);
        List<ModelStateRow> rows;
        try {
            rows = StateInspector.read(savepoint);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (Exception e) {
            Throwable root = ExceptionUtils.getRootCause(e); // a failed local job wraps the reason several times
            throw new UsageException("cannot read the learn operator's state in " + savepoint + ": "
                    + Objects.requireNonNullElse(root.getMessage(), root.toString()));
        }
        PrintStream printed = state.cli.out;
        RecordEncoder<ModelStateRow> encoder = ModelStateRow.encoder(format);
        List<String> lines = Stream.concat(Stream.ofNullable(encoder.header()), rows.stream().map(encoder::encode))
                .toList();
        if (out == null) {
            lines.forEach(printed::println);
            printed.println();
        } else {
            Files.write(out, lines, StandardCharsets.UTF_8);
            printed.printf("streamcast: %,d model keys of %s written to %s%n", rows.size(), savepoint, out);
        }
        StateSummary.of(rows).lines().forEach(printed::println);
        return 0;
    }

    private static OutputFormat formatOf(Path file) throws UsageException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Arrays.stream(OutputFormat.values()).filter(f -> name.endsWith("." + f.extension())).findFirst()
                .orElseThrow(() -> new UsageException("--out " + file + ": name a .csv or .jsonl file"));
    }
}
