package dev.streamcast.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JSON lines {@code {"id": "...", "date": "YYYY-MM-DD", "y": 3}}, from files or Kafka records; {@code y} absent or
 * null makes a forecast request, which may carry a request id {@code "rid": "..."} that its forecast record returns
 * ({@link #checkRequestId}). Other fields are ignored, or rejected in strict mode ({@link Validation#strict}).
 *
 * <p>The object is read with Jackson's streaming parser, field by field, so that every problem gets its own reason
 * and the problems are ranked the same way whatever the field order: first the text must be one JSON object and
 * nothing else ({@link Reason#BAD_JSON}); then no field may repeat ({@link Reason#DUPLICATE_FIELD}, which a tree
 * reader would silently resolve to the last value); then, in strict mode, no other field may be present
 * ({@link Reason#UNKNOWN_FIELD}); then {@code id}, {@code date}, {@code y} and {@code rid} are checked in that order, a value of
 * the wrong JSON type being {@link Reason#WRONG_TYPE} and the rest as for every format ({@link EventParser}).
 * A {@code null} field counts as absent.
 */
public final class JsonLineParser implements LineParser {
    private static final long serialVersionUID = 1L;
    /** Numbers may be as long as a line: {@code y} of 2,000 digits is an overflow, not a syntax error. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(EventParser.MAX_LINE_LENGTH).build())
            .build();

    /** Longest request id accepted (characters). */
    public static final int MAX_REQUEST_ID_LENGTH = 64;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private final Validation validation;

    /** A parser with {@link Validation#LENIENT} rules. */
    public JsonLineParser() {
        this(Validation.LENIENT);
    }

    public JsonLineParser(Validation validation) {
        this.validation = validation;
    }

    @Override
    public void parse(RawLine line, EventSink sink) {
        try {
            sink.event(parse(line.text(), validation));
        } catch (BadInputException e) {
            sink.reject(e.reason(), e.getMessage(), null);
        }
    }

    /** {@link #parse(String, Validation)} with {@link Validation#LENIENT} rules. */
    public static SalesEvent parse(String text) throws BadInputException {
        return parse(text, Validation.LENIENT);
    }

    /** Parses one JSON object into an event; a leading BOM and CR/LF line ends are ignored. */
    public static SalesEvent parse(String text, Validation validation) throws BadInputException {
        if (text.length() > EventParser.MAX_LINE_LENGTH) {
            throw new BadInputException(Reason.LINE_TOO_LONG,
                    "line of " + text.length() + " characters exceeds the cap of " + EventParser.MAX_LINE_LENGTH);
        }
        String s = EventParser.stripLineEnd(text);
        if (s.isBlank()) {
            throw new BadInputException(Reason.EMPTY_LINE, "empty line");
        }
        Fields f = read(s);
        if (f.duplicate != null) {
            throw new BadInputException(Reason.DUPLICATE_FIELD, "field '" + EventParser.printable(f.duplicate)
                    + "' appears more than once");
        }
        if (validation.strict() && f.unknown != null) {
            throw new BadInputException(Reason.UNKNOWN_FIELD, "field '" + EventParser.printable(f.unknown)
                    + "' is not one of id, date, y, rid (strict mode)");
        }
        if (f.id == null || f.id == JsonToken.VALUE_NULL) {
            throw new BadInputException(Reason.EMPTY_ID, "field 'id' is missing");
        }
        if (f.id != JsonToken.VALUE_STRING) {
            throw wrongType("id", "a string", f.id);
        }
        String id = EventParser.checkId(f.idText, validation.requireM5Ids());
        if (f.date == null || f.date == JsonToken.VALUE_NULL) {
            throw new BadInputException(Reason.BAD_DATE, "field 'date' is missing");
        }
        if (f.date != JsonToken.VALUE_STRING) {
            throw wrongType("date", "a string YYYY-MM-DD", f.date);
        }
        int day = EventParser.parseDate(f.dateText);
        boolean request = f.y == null || f.y == JsonToken.VALUE_NULL;
        String rid = null;
        if (f.rid != null && f.rid != JsonToken.VALUE_NULL) {
            if (f.rid != JsonToken.VALUE_STRING) {
                throw wrongType("rid", "a string", f.rid);
            }
            if (!request) {
                throw new BadInputException(Reason.BAD_REQUEST_ID, "request id '" + EventParser.printable(f.ridText)
                        + "' on an observation: only forecast requests (no y) carry one");
            }
            rid = checkRequestId(f.ridText);
        }
        if (request) {
            return SalesEvent.request(id, day, rid);
        }
        if (f.y == JsonToken.VALUE_NUMBER_INT) {
            return new SalesEvent(id, day, EventParser.parseY(f.yText));
        }
        if (f.y != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType("y", "a number", f.y);
        }
        double y = f.yDouble;
        if (Double.isInfinite(y)) { // beyond the double range
            throw new BadInputException(y > 0 ? Reason.Y_OVERFLOW : Reason.NEGATIVE_Y,
                    "y " + EventParser.cap(f.yText) + " is out of range");
        }
        if (y % 1 != 0) {
            throw new BadInputException(Reason.BAD_Y, "y " + EventParser.cap(f.yText) + " is not a whole number");
        }
        return new SalesEvent(id, day, EventParser.parseY(BigDecimal.valueOf(y).toBigInteger().toString()));
    }

    /**
     * A request id as accepted: 1 to {@link #MAX_REQUEST_ID_LENGTH} characters of {@code A-Z a-z 0-9 . _ : -}, so it
     * is safe in any output format, log line or Kafka key as it is.
     */
    public static String checkRequestId(String rid) throws BadInputException {
        if (rid.isEmpty()) {
            throw new BadInputException(Reason.BAD_REQUEST_ID, "the request id is empty");
        }
        if (rid.length() > MAX_REQUEST_ID_LENGTH) {
            throw new BadInputException(Reason.BAD_REQUEST_ID, "the request id has " + rid.length()
                    + " characters, more than the cap of " + MAX_REQUEST_ID_LENGTH + ": '"
                    + EventParser.printable(rid) + "'");
        }
        if (!REQUEST_ID.matcher(rid).matches()) {
            throw new BadInputException(Reason.BAD_REQUEST_ID, "the request id '" + EventParser.printable(rid)
                    + "' has characters other than A-Z a-z 0-9 . _ : -");
        }
        return rid;
    }

    /** What the object holds: the token (type) and text of id, date, y and rid, the first repeated and unknown field. */
    private static final class Fields {
        JsonToken id;
        String idText;
        JsonToken date;
        String dateText;
        JsonToken y;
        String yText;
        double yDouble;
        JsonToken rid;
        String ridText;
        String duplicate;
        String unknown;
    }

    /** Reads the whole text as one object; any syntax problem or anything else is {@link Reason#BAD_JSON}. */
    private static Fields read(String s) throws BadInputException {
        Fields f = new Fields();
        try (JsonParser p = FACTORY.createParser(s)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new BadInputException(Reason.BAD_JSON, "expected a JSON object, got " + describe(first));
            }
            Set<String> others = null; // the names of other fields, kept only if there are any
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                boolean repeated = switch (name) {
                    case "id" -> f.id != null;
                    case "date" -> f.date != null;
                    case "y" -> f.y != null;
                    case "rid" -> f.rid != null;
                    default -> {
                        if (others == null) {
                            others = new HashSet<>();
                        }
                        yield !others.add(name);
                    }
                };
                if (repeated) {
                    if (f.duplicate == null) {
                        f.duplicate = name;
                    }
                } else {
                    switch (name) {
                        case "id" -> {
                            f.id = value;
                            f.idText = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        }
                        case "date" -> {
                            f.date = value;
                            f.dateText = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        }
                        case "y" -> {
                            f.y = value;
                            if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                                f.yText = p.getText();
                                f.yDouble = value == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue() : 0;
                            }
                        }
                        case "rid" -> {
                            f.rid = value;
                            f.ridText = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        }
                        default -> {
                            if (f.unknown == null) {
                                f.unknown = name;
                            }
                        }
                    }
                }
                p.skipChildren(); // a nested object or array: read through (and so syntax-checked), not kept
            }
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new BadInputException(Reason.BAD_JSON, "content after the object: " + describe(after)
                        + " (one record per line)");
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException(Reason.BAD_JSON, "not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) { // not expected from a String; still never a crash
            throw new BadInputException(Reason.BAD_JSON, "not readable as JSON: " + e);
        }
        return f;
    }

    private static BadInputException wrongType(String field, String expected, JsonToken got) {
        return new BadInputException(Reason.WRONG_TYPE, "field '" + field + "' must be " + expected + ", got "
                + describe(got));
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    /** Jackson's message for a dead letter: its first line, at most 300 characters, control characters escaped. */
    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl);
        return EventParser.escape(first.length() <= 300 ? first : first.substring(0, 300) + "…");
    }
}
