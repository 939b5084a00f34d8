package dev.streamcast.serve;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request the gateway refuses (HTTP 400), in chantilly's two shapes (its {@code InvalidUsage}): a payload that
 * fails the schema answers marshmallow's normalised messages, {@code {"message": {FIELD: [TEXT, ...], ...}}}, with
 * marshmallow's texts ("Missing data for required field.", "Not a valid string.", ...); any other refusal (an
 * unknown id, features the model cannot use, a flavour) answers {@code {"message": TEXT}}.
 */
final class InvalidUsage extends Exception {
    private static final long serialVersionUID = 1L;
    /** The schema errors per field, or null for a plain message. */
    private final Map<String, List<String>> fields;

    private InvalidUsage(String message, Map<String, List<String>> fields) {
        super(message);
        this.fields = fields;
    }

    /** Schema errors, per field (not empty). */
    static InvalidUsage schema(Map<String, List<String>> fields) {
        return new InvalidUsage(fields.toString(), new TreeMap<>(fields));
    }

    /** Any other refusal. */
    static InvalidUsage message(String text) {
        return new InvalidUsage(text, null);
    }

    /** The answer's body. */
    Map<String, Object> body() {
        return Map.of("message", fields == null ? getMessage() : fields);
    }
}
