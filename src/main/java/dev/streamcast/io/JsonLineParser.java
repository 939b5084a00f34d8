package dev.streamcast.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;

/**
 * JSON lines {@code {"id": "...", "date": "YYYY-MM-DD", "y": 3}}; {@code y} absent or null makes a
 * forecast request. Other fields are ignored; duplicated fields are rejected.
 */
public final class JsonLineParser implements LineParser {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // "{...} {...}" is not one record

    @Override
    public void parse(RawLine line, EventSink sink) {
        try {
            sink.event(parse(line.text()));
        } catch (BadInputException e) {
            sink.reject(e.reason(), e.getMessage(), null);
        }
    }

    /** Parses one JSON object into an event. */
    public static SalesEvent parse(String text) throws BadInputException {
        if (text.length() > EventParser.MAX_LINE_LENGTH) {
            throw new BadInputException(Reason.LINE_TOO_LONG,
                    "line of " + text.length() + " characters exceeds the cap of " + EventParser.MAX_LINE_LENGTH);
        }
        String s = EventParser.stripLineEnd(text);
        if (s.isBlank()) {
            throw new BadInputException(Reason.EMPTY_LINE, "empty line");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            throw new BadInputException(Reason.BAD_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException(Reason.BAD_JSON, "expected a JSON object");
        }
        JsonNode id = node.get("id");
        if (id == null || id.isNull()) {
            throw new BadInputException(Reason.EMPTY_ID, "field 'id' is missing");
        }
        if (!id.isTextual()) {
            throw new BadInputException(Reason.EMPTY_ID, "field 'id' must be a string");
        }
        JsonNode date = node.get("date");
        if (date == null || !date.isTextual()) {
            throw new BadInputException(Reason.BAD_DATE, "field 'date' must be a string YYYY-MM-DD");
        }
        String checkedId = EventParser.checkId(id.textValue());
        int day = EventParser.parseDate(date.textValue());
        JsonNode y = node.get("y");
        if (y == null || y.isNull()) {
            return SalesEvent.request(checkedId, day);
        }
        if (!y.isNumber()) {
            throw new BadInputException(Reason.BAD_Y, "field 'y' must be a number, got " + y.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        if (y.isFloatingPointNumber() && Double.isInfinite(y.doubleValue())) { // beyond the double range
            throw new BadInputException(y.doubleValue() > 0 ? Reason.Y_OVERFLOW : Reason.NEGATIVE_Y,
                    "y " + EventParser.cap(y.asText()) + " is out of range");
        }
        if (y.isFloatingPointNumber() && (!Double.isFinite(y.doubleValue()) || y.doubleValue() % 1 != 0)) {
            throw new BadInputException(Reason.BAD_Y, "y " + y.asText() + " is not a whole number");
        }
        return new SalesEvent(checkedId, day, EventParser.parseY(y.isFloatingPointNumber()
                ? y.decimalValue().toBigInteger().toString() : y.asText()));
    }
}
