package dev.streamcast.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.io.BadInputException;
import dev.streamcast.io.EventParser;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * chantilly's request bodies, checked: {@code POST /api/predict} {@code {"id": 1, "model": KEY, "features": {"date":
 * "2016-05-23", "id": SERIES}}} and {@code POST /api/learn} {@code {"id": 1, "model": KEY, "ground_truth": 3}}
 * (optionally with {@code features}). The series is {@code features.id}, or the model key when features have no id;
 * it is checked as the job checks ids ({@link EventParser#checkId}), so a request the gateway accepts is not a dead
 * letter in the job.
 */
final class Payloads {
    private Payloads() {
    }

    /** What a forecast is asked or learned for. */
    record Features(String series, LocalDate date) {
    }

    /**
     * A predict or learn call.
     *
     * @param id          chantilly's id of the call (a number or a string, as given), or null
     * @param model       the model key
     * @param features    the series and day, or null if not given (learn by id)
     * @param groundTruth the truth (learn), or null
     */
    record Call(String id, String model, Features features, Integer groundTruth) {
    }

    static Call predict(ObjectMapper json, String body) throws InvalidUsage {
        JsonNode root = object(json, body);
        Call c = call(root, true);
        if (root.has("ground_truth")) {
            throw new InvalidUsage("ground_truth", "Unknown field.");
        }
        return c;
    }

    static Call learn(ObjectMapper json, String body) throws InvalidUsage {
        JsonNode root = object(json, body);
        Call c = call(root, false);
        JsonNode truth = root.get("ground_truth");
        if (truth == null || truth.isNull()) {
            throw new InvalidUsage("ground_truth", "Missing data for required field.");
        }
        if (!truth.isNumber() || truth.asDouble() % 1 != 0 || truth.asDouble() < 0
                || truth.asDouble() >= Integer.MAX_VALUE) {
            throw new InvalidUsage("ground_truth", "Units sold: a whole number >= 0, got " + truth + ".");
        }
        if (c.features() == null && c.id() == null) {
            throw new InvalidUsage("features", "Missing data for required field (or the id of an earlier "
                    + "prediction).");
        }
        return new Call(c.id(), c.model(), c.features(), truth.asInt());
    }

    /** The body as a JSON object, or 400. */
    static JsonNode object(ObjectMapper json, String body) throws InvalidUsage {
        try {
            JsonNode root = json.readTree(body == null ? "" : body);
            if (root == null || !root.isObject()) {
                throw new InvalidUsage("_schema", "Invalid input type: a JSON object is expected.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidUsage("_schema", "Invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static Call call(JsonNode root, boolean featuresRequired) throws InvalidUsage {
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            throw new InvalidUsage("model", "Missing data for required field.");
        }
        if (!model.isTextual()) {
            throw new InvalidUsage("model", "Not a valid string.");
        }
        JsonNode id = root.get("id");
        String callId = null;
        if (id != null && !id.isNull()) {
            if (!id.isIntegralNumber() && !id.isTextual()) {
                throw new InvalidUsage("id", "Not a valid id: a whole number or a string.");
            }
            callId = id.asText();
        }
        JsonNode f = root.get("features");
        if (f == null || f.isNull()) {
            if (featuresRequired) {
                throw new InvalidUsage("features", "Missing data for required field.");
            }
            return new Call(callId, model.textValue(), null, null);
        }
        if (!f.isObject()) {
            throw new InvalidUsage("features", "Not a valid mapping type.");
        }
        return new Call(callId, model.textValue(), features(f, model.textValue()), null);
    }

    private static Features features(JsonNode f, String model) throws InvalidUsage {
        JsonNode date = f.get("date");
        if (date == null || !date.isTextual()) {
            throw new InvalidUsage("features", "'date' is required: a string YYYY-MM-DD.");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date.textValue());
        } catch (DateTimeParseException e) {
            throw new InvalidUsage("features", "'date' is not a date YYYY-MM-DD: " + date.textValue() + ".");
        }
        JsonNode series = f.get("id");
        if (series != null && !series.isNull() && !series.isTextual()) {
            throw new InvalidUsage("features", "'id' must be a string (the series id).");
        }
        String s = series == null || series.isNull() ? model : series.textValue();
        try {
            return new Features(EventParser.checkId(s, false), day);
        } catch (BadInputException e) {
            throw new InvalidUsage("features", e.getMessage() + ".");
        }
    }
}
