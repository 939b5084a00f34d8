package dev.streamcast.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of a WRMSSE evaluation, as the report reads it from JSON:
 * <pre>
 *   {"score": 0.88, "levels": [{"level": 1, "name": "Total", "wrmsse": 0.61}, ...]}
 * </pre>
 * {@code levels} is required and non-empty, each with a whole {@code level} and a numeric {@code wrmsse};
 * {@code name} and {@code score} are optional (without {@code score} the report shows the mean over levels,
 * M5's equal weighting). Other fields are ignored.
 */
public record Evaluation(double score, List<Level> levels) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One aggregation level's WRMSSE; {@code name} may be empty. */
    public record Level(int level, String name, double wrmsse) {
    }

    /**
     * Reads an evaluation file.
     *
     * @throws IOException              if it cannot be read or is not JSON
     * @throws IllegalArgumentException if it does not have the shape above (the message names the field)
     */
    public static Evaluation read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode levels = root == null ? null : root.get("levels");
        if (levels == null || !levels.isArray() || levels.isEmpty()) {
            throw new IllegalArgumentException(file + ": expected {\"levels\": [{\"level\": 1, \"wrmsse\": ...}, ...]}");
        }
        List<Level> list = new ArrayList<>();
        for (JsonNode l : levels) {
            JsonNode level = l.get("level");
            JsonNode wrmsse = l.get("wrmsse");
            if (level == null || !level.canConvertToInt() || !level.isIntegralNumber()) {
                throw new IllegalArgumentException(file + ": levels[" + list.size() + "] needs a whole 'level'");
            }
            if (wrmsse == null || !wrmsse.isNumber()) {
                throw new IllegalArgumentException(file + ": levels[" + list.size() + "] needs a numeric 'wrmsse'");
            }
            list.add(new Level(level.intValue(), l.hasNonNull("name") ? l.get("name").asText() : "",
                    wrmsse.doubleValue()));
        }
        JsonNode score = root.get("score");
        if (score != null && !score.isNumber()) {
            throw new IllegalArgumentException(file + ": 'score' must be a number");
        }
        double mean = list.stream().mapToDouble(Level::wrmsse).average().orElseThrow();
        return new Evaluation(score == null ? mean : score.doubleValue(), List.copyOf(list));
    }
}
