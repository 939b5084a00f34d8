package dev.streamcast.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.StdConverter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.streamcast.learn.LearnerParams;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes job files with Jackson: YAML to a tree, {@code key.path=value} overrides applied to the tree,
 * the tree bound straight to {@link JobConfig} (whose records apply their defaults and check themselves), and
 * Jackson's errors turned into one line that names the key by its dotted path and the allowed keys or values.
 */
final class JobConfigYaml {
    /** The job files' mapper: strict (unknown keys, duplicates, wrong types fail), durations as {@link Durations}. */
    static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // "key:" with no value is null (a default)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer())
                    .addSerializer(Duration.class, new StdDelegatingSerializer(new StdConverter<Duration, String>() {
                        @Override
                        public String convert(Duration value) {
                            return Durations.format(value);
                        }
                    })))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                    DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            // "" is not a number or a boolean, 1 is not true: no silent defaults or guesses
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    private final String origin;
    /** Dotted key set by an override, to the override (as given), in the order applied. */
    private final Map<String, String> overridden = new LinkedHashMap<>();
    private ObjectNode tree;

    private JobConfigYaml(String origin) {
        this.origin = origin;
    }

    static JobConfig parse(String yaml, String origin, List<String> overrides) {
        JobConfigYaml reader = new JobConfigYaml(origin);
        reader.readTree(yaml);
        overrides.forEach(reader::applyOverride);
        reader.fillDefaultsOfTheName();
        try {
            return MAPPER.treeToValue(reader.tree, JobConfig.class);
        } catch (JsonMappingException e) {
            throw reader.translate(e);
        } catch (JsonProcessingException e) {
            throw new JobConfigException(null, origin + ": " + e.getOriginalMessage());
        }
    }

    static String toYaml(JobConfig config, boolean maskSecrets) {
        JsonNode tree = MAPPER.valueToTree(config);
        try {
            return MAPPER.writeValueAsString(maskSecrets ? Secrets.mask(tree) : tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JobConfig is always YAML", e);
        }
    }

    private void readTree(String yaml) {
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String problem = e.getOriginalMessage().startsWith("Trailing token") ? "more than one document"
                    : e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !l.startsWith(" "))
                    .collect(Collectors.joining(": "));
            String key = e.getProcessor() instanceof JsonParser p && problem.startsWith("Duplicate field")
                    ? p.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.') : null;
            throw new JobConfigException(key, origin + " is not valid YAML: " + problem + (where == null ? ""
                    : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        }
        if (!(root instanceof ObjectNode object)) {
            throw new JobConfigException(null, origin + " must be a mapping of keys (" + allowedKeys(JobConfig.class)
                    + ") at the top level; got " + describe(root));
        }
        tree = object;
    }

    // ---- overrides ----

    /**
     * Sets the key of {@code key.path=value} in the tree, creating absent sections; the rest of a key inside a
     * map section ({@code runtime.flink.pipeline.max-parallelism}) is one key, a list value is split at commas.
     * Unknown keys and wrong types are left to the binding, which names this override as their origin.
     */
    private void applyOverride(String override) {
        int eq = override.indexOf('=');
        String key = eq < 0 ? "" : override.substring(0, eq).strip();
        String[] parts = key.split("\\.", -1);
        if (key.isEmpty() || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new JobConfigException(null, "override '" + override + "' must look like key.path=value, e.g. "
                    + "source.path=data/x.csv");
        }
        String value = override.substring(eq + 1).strip();
        ObjectNode node = tree;
        Class<?> type = JobConfig.class;
        int i = 0;
        for (; i < parts.length - 1 && !Map.class.isAssignableFrom(type); i++) {
            JsonNode child = node.get(parts[i]);
            if (child != null && !child.isNull() && !child.isObject()) {
                String section = String.join(".", Arrays.copyOf(parts, i + 1));
                throw new JobConfigException(section, section + " must be a section of keys; got " + describe(child)
                        + " (in " + originOf(section) + ")");
            }
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
            type = type.isRecord() ? keys(type).getOrDefault(parts[i], Object.class) : Object.class;
        }
        String last = String.join(".", Arrays.copyOfRange(parts, i, parts.length));
        Class<?> valueType = type.isRecord() ? keys(type).getOrDefault(last, Object.class) : Object.class;
        set(node, last, valueType.isArray() || List.class.isAssignableFrom(valueType) ? list(value) : text(value));
        overridden.remove(key);
        overridden.put(key, override);
    }

    /** Sets a key; an empty value removes it, so that its default applies again. */
    private static void set(ObjectNode node, String key, JsonNode value) {
        if (value == null) {
            node.remove(key);
        } else {
            node.set(key, value);
        }
    }

    private static JsonNode text(String value) {
        return value.isEmpty() ? null : JsonNodeFactory.instance.textNode(value);
    }

    /** {@code 7,6,5} or {@code [7, 6, 5]} to a list of texts (bound as the list's element type). */
    private static JsonNode list(String value) {
        String inner = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (value.isEmpty()) {
            return null;
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        if (!inner.isBlank()) {
            Arrays.stream(inner.split(",", -1)).map(String::strip).forEach(e -> list.add(e.isEmpty() ? null : e));
        }
        return list;
    }

    /** The defaults that depend on the job's name, and an empty section for each absent one. */
    private void fillDefaultsOfTheName() {
        if (tree.path("name").isNull() || tree.path("name").isMissingNode()) {
            tree.put("name", defaultName(origin));
        }
        String name = tree.get("name").asText();
        keys(JobConfig.class).forEach((key, type) -> {
            if (type.isRecord() && (tree.path(key).isNull() || tree.path(key).isMissingNode())) {
                tree.putObject(key);
            }
        });
        putIfAbsent(tree.get("output"), "path", "out/" + name);
        putIfAbsent(tree.get("source").get("kafka"), "groupId", "streamcast-" + name);
        putIfAbsent(tree.get("output").get("kafka"), "transactionalIdPrefix", "streamcast-" + name);
    }

    private static void putIfAbsent(JsonNode section, String key, String value) {
        if (section instanceof ObjectNode object && object.path(key).isMissingNode()) {
            object.put(key, value);
        }
    }

    /** {@code jobs/m5-seed.yaml} gives {@code m5-seed}. */
    static String defaultName(String origin) {
        String name = Path.of(origin).getFileName().toString();
        return name.replaceFirst("(?i)\\.ya?ml$", "");
    }

    // ---- errors ----

    private JobConfigException translate(JsonMappingException e) {
        List<JsonMappingException.Reference> path = new ArrayList<>(e.getPath());
        List<JsonNode> nodes = new ArrayList<>(List.of(tree)); // nodes.get(i + 1) is the value at path.get(i)
        path.forEach(r -> nodes.add(r.getFieldName() != null ? nodes.get(nodes.size() - 1).path(r.getFieldName())
                : nodes.get(nodes.size() - 1).path(r.getIndex())));
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType()
                : e.getCause() instanceof InputCoercionException c ? c.getTargetType() : null;
        if (!path.isEmpty() && path.get(path.size() - 1).getFieldName() == null
                && !nodes.get(nodes.size() - 2).isArray()) {
            path.remove(path.size() - 1); // a single value taken as a list, whose one element failed: blame the list
            nodes.remove(nodes.size() - 1);
            target = List.class;
        }
        String key = path.stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownKey(key, u.getReferringClass(), u.getPropertyName());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException c) {
            // a record's check, whose message starts with the key relative to the record
            String problem = (key.isEmpty() ? "" : key + ".") + c.getMessage();
            String offending = problem.split(" ", 2)[0];
            return new JobConfigException(offending, problem + " (in " + originOf(offending) + ")");
        }
        String expected = target != null ? expected(target)
                : "valid (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")";
        return new JobConfigException(key, key + " must be " + expected + "; got " + describe(nodes.get(nodes.size() - 1))
                + " (in " + originOf(key) + ")");
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> MAPPER.convertValue(c, String.class))
                    .collect(Collectors.joining(", "));
        }
        if (type.isRecord()) {
            return "a section with the keys " + allowedKeys(type);
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "a list such as [7, 6, 5]";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a section of key: value pairs";
        }
        return Map.<Class<?>, String>of(Integer.class, "a whole number", int.class, "a whole number",
                Double.class, "a number", Boolean.class, "true or false", boolean.class, "true or false",
                String.class, "a single value", Duration.class, Durations.EXAMPLES + ", or 0 or off")
                .getOrDefault(type, "a " + type.getSimpleName());
    }

    private JobConfigException unknownKey(String key, Class<?> section, String name) {
        Class<?> s = section == LearnerParams.class ? ModelConfig.class : section; // model's keys are one section
        String guess = keys(s).keySet().stream().filter(k -> k.equalsIgnoreCase(name)
                        || LevenshteinDistance.getDefaultInstance().apply(k.toLowerCase(Locale.ROOT),
                        name.toLowerCase(Locale.ROOT)) <= Math.min(2, name.length() / 3))
                .findFirst().map(k -> " (did you mean '" + k + "'?)").orElse("");
        return new JobConfigException(key, "unknown key '" + key + "' in " + originOf(key) + "; allowed keys here: "
                + allowedKeys(s) + guess);
    }

    /** Where the value of {@code key} came from: the last override that set it or a section above it, else the file. */
    private String originOf(String key) {
        return overridden.entrySet().stream().filter(e -> key.equals(e.getKey()) || key.startsWith(e.getKey() + ".")
                        || key.startsWith(e.getKey() + "[")).reduce((earlier, later) -> later)
                .map(e -> "override '" + e.getValue() + "'").orElse(origin);
    }

    /** A value for a message: {@code 'rocks'}, {@code a list}, {@code a section}, {@code nothing}. */
    private static String describe(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "nothing" : node.isObject()
                ? "a section (key: value pairs)" : node.isArray() ? "a list" : "'" + node.asText() + "'";
    }

    // ---- the schema: the records' components ----

    /** The keys of a section in file order, with their types (an {@code Optional}'s content, unwrapped records' keys). */
    static Map<String, Class<?>> keys(Class<?> section) {
        Map<String, Class<?>> keys = new LinkedHashMap<>();
        for (RecordComponent c : section.getRecordComponents()) {
            JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
            Class<?> type = c.getType() == Optional.class
                    ? (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0] : c.getType();
            if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                keys.putAll(keys(type));
            } else {
                keys.put(renamed != null ? renamed.value() : c.getName(), type);
            }
        }
        return keys;
    }

    private static String allowedKeys(Class<?> section) {
        return String.join(", ", keys(section).keySet());
    }

    // ---- durations ----

    /** A {@link Durations} text, or {@code off} (also as YAML's {@code false}) or {@code 0}: zero. */
    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_FALSE) {
                return Duration.ZERO;
            }
            if (!p.currentToken().isScalarValue() || p.currentToken() == JsonToken.VALUE_TRUE) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            String text = p.getText().strip();
            try {
                return text.equalsIgnoreCase("off") ? Duration.ZERO : Durations.parse(text);
            } catch (IllegalArgumentException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
            }
        }
    }
}
