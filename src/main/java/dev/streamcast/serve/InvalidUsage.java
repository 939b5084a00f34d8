package dev.streamcast.serve;

import java.util.List;
import java.util.Map;

/**
 * A request the gateway refuses (HTTP 400), with chantilly's message shape: {@code {"message": {FIELD: [TEXT]}}},
 * one field and its problem, as marshmallow's normalised messages name them.
 */
final class InvalidUsage extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidUsage(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The answer's body. */
    Map<String, Object> body() {
        return Map.of("message", Map.of(field, List.of(getMessage())));
    }
}
