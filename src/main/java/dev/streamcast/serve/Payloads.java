package dev.streamcast.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.io.BadInputException;
import dev.streamcast.io.EventParser;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * chantilly's request bodies, checked as chantilly checks them: first its marshmallow schemas ({@code PredictSchema}:
 * {@code features} a required mapping, {@code id} any value, {@code model} a string; {@code LearnSchema}: the same
 * with {@code ground_truth} required and {@code features} optional; {@code InitSchema}: {@code flavor} a required
 * string; no nulls, no unknown fields), each error with marshmallow's text, then what the model needs of them
 * ({@code features.date}, a day, and the series, {@code features.id} or the model key), refused in chantilly's
 * plain message shape ({@link InvalidUsage}). The series is checked as the job checks ids
 * ({@link EventParser#checkId}), so a request the gateway accepts is not a dead letter in the job.
 */
final class Payloads {
    static final String MISSING = "Missing data for required field.";
    static final String NULL = "Field may not be null.";
    static final String UNKNOWN = "Unknown field.";

    /** A field's type in a marshmallow schema, and marshmallow's text when a value is not of it. */
    private enum Kind {
        MAPPING("Not a valid mapping type."), STRING("Not a valid string."), RAW(null);

        final String invalid;

        Kind(String invalid) {
            this.invalid = invalid;
        }

        boolean accepts(JsonNode v) {
            return this == RAW || this == MAPPING && v.isObject() || this == STRING && v.isTextual();
        }
    }

    private static final Map<String, Kind> PREDICT = Map.of("features", Kind.MAPPING, "id", Kind.RAW,
            "model", Kind.STRING);
    private static final Map<String, Kind> LEARN = Map.of("features", Kind.MAPPING, "id", Kind.RAW,
            "ground_truth", Kind.RAW, "model", Kind.STRING);
    private static final Map<String, Kind> INIT = Map.of("flavor", Kind.STRING);

    private Payloads() {
    }

    /** What a forecast is asked or learned for. */
    record Features(String series, LocalDate date) {
    }

    /**
     * A predict or learn call.
     *
     * @param id          chantilly's id of the call as text (a number or a string, as given), or null
     * @param model       the model key: {@code model}, else the series
     * @param features    the series and day, or null if not given (learn by id)
     * @param groundTruth the truth (learn), or null
     */
    record Call(String id, String model, Features features, Integer groundTruth) {
    }

    static Call predict(ObjectMapper json, String body) throws InvalidUsage {
        JsonNode root = object(json, body);
        check(root, PREDICT, "features");
        String model = root.has("model") ? root.get("model").textValue() : null;
        Features f = features(root.get("features"), model);
        return new Call(id(root), model == null ? f.series() : model, f, null);
    }

    static Call learn(ObjectMapper json, String body) throws InvalidUsage {
        JsonNode root = object(json, body);
        check(root, LEARN, "ground_truth");
        JsonNode truth = root.get("ground_truth");
        if (!truth.isNumber() || truth.asDouble() % 1 != 0 || truth.asDouble() < 0
                || truth.asDouble() >= Integer.MAX_VALUE) {
            throw InvalidUsage.message("The ground truth is units sold: a whole number >= 0, got " + truth + ".");
        }
        String model = root.has("model") ? root.get("model").textValue() : null;
        Features f = root.has("features") ? features(root.get("features"), model) : null;
        String id = id(root);
        if (f == null && id == null) {
            throw InvalidUsage.message("No features are stored and none were provided.");
        }
        return new Call(id, model == null && f != null ? f.series() : model, f, truth.asInt());
    }

    /** chantilly's flavour: the one it names. */
    static String init(ObjectMapper json, String body) throws InvalidUsage {
        JsonNode root = object(json, body);
        check(root, INIT, "flavor");
        return root.get("flavor").textValue();
    }

    /** The body as a JSON object, or 400. */
    private static JsonNode object(ObjectMapper json, String body) throws InvalidUsage {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw InvalidUsage.message("Failed to decode JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw InvalidUsage.schema(Map.of("_schema", List.of("Invalid input type.")));
        }
        return root;
    }

    /** marshmallow's checks of a schema, every error at once. */
    private static void check(JsonNode root, Map<String, Kind> schema, String required) throws InvalidUsage {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            Kind kind = schema.get(e.getKey());
            String error = kind == null ? UNKNOWN : e.getValue().isNull() ? NULL
                    : kind.accepts(e.getValue()) ? null : kind.invalid;
            if (error != null) {
                errors.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(error);
            }
        }
        if (!root.has(required)) {
            errors.put(required, List.of(MISSING));
        }
        if (!errors.isEmpty()) {
            throw InvalidUsage.schema(errors);
        }
    }

    /** The call's id as chantilly keys it ({@code '#%s' % id}): a string as it is, any other value as JSON. */
    private static String id(JsonNode root) {
        JsonNode id = root.get("id");
        return id == null ? null : id.isTextual() ? id.textValue() : id.toString();
    }

    private static Features features(JsonNode f, String model) throws InvalidUsage {
        JsonNode date = f.get("date");
        if (date == null || !date.isTextual()) {
            throw InvalidUsage.message("The features need 'date', the day to forecast: a string YYYY-MM-DD.");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date.textValue());
        } catch (DateTimeParseException e) {
            throw InvalidUsage.message("The features' 'date' is not a date YYYY-MM-DD: " + date.textValue() + ".");
        }
        JsonNode series = f.get("id");
        if (series != null && !series.isNull() && !series.isTextual()) {
            throw InvalidUsage.message("The features' 'id' must be a string (the series id).");
        }
        String s = series == null || series.isNull() ? model : series.textValue();
        if (s == null) {
            throw InvalidUsage.message("No series given: the features' 'id' or the model key names it.");
        }
        try {
            return new Features(EventParser.checkId(s, false), day);
        } catch (BadInputException e) {
            throw InvalidUsage.message("The series id is not usable: " + e.getMessage() + ".");
        }
    }
}
