package dev.streamcast.job;

import dev.streamcast.io.OutputFormat;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.streamcast.functions.Horizon;
import dev.streamcast.functions.Serving;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads job files: YAML to a tree, overrides applied to the tree, the tree bound by Jackson to the
 * {@code File*} records below (the job file's schema: every key, all optional, in file order), then
 * defaults applied and validated into {@link JobConfig}. Jackson's errors are translated into one-line
 * messages that name the key by its dotted path.
 */
final class JobConfigReader {

    // ---- the job file's schema: one record per section, components in the order keys are listed ----

    record FileRoot(String name, FileSource source, FileOutput output, FileModel model,
                    Integer snapshotIntervalDays, FileForecast forecast, FileRuntime runtime) {
    }

    record FileForecast(Integer horizon, Horizon.Protocol protocol, Boolean afterEachEvent, Serving serving) {
    }

    record FileSource(SourceFormat format, String path, String calendar, String firstDay, String lastDay,
                      String monitorInterval, String maxOutOfOrderness, Boolean requireM5Ids, Boolean strict,
                      FileKafkaSource kafka) {
    }

    record FileKafkaSource(String bootstrapServers, List<String> topics, String groupId,
                           StartingOffsets startingOffsets, Boolean bounded, Map<String, String> properties) {
    }

    record FileOutput(String path, OutputFormat format, Boolean print, Boolean files, FileKafkaOutput kafka) {
    }

    record FileKafkaOutput(String bootstrapServers, FileKafkaTopics topics, KafkaDelivery deliveryGuarantee,
                           String transactionalIdPrefix, String transactionTimeout, Map<String, String> properties) {
    }

    record FileKafkaTopics(String forecasts, String metrics, String series, String deadLetters, String late) {
    }

    record FileModel(KeyMode keyMode, Integer knnWindow, Integer knnNeighbours, Double lmLearningRate,
                     Double lmInterceptLearningRate, Double lmClipGradient, List<Integer> wdayWindows,
                     List<Integer> itemWindows) {
    }

    record FileRuntime(Integer parallelism, StateBackend stateBackend, Boolean incrementalCheckpoints,
                       String checkpointInterval, String checkpointDir, Integer restartAttempts, String restartDelay,
                       Boolean webUi, Integer modelCache, String stateTtl, Map<String, String> flink) {
    }

    private static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // "key:" with no value is null (a default)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // "" is not a number or a boolean, 1 is not true: no silent defaults or guesses
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean,
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    /** SnakeYAML's position of a problem within its message. */
    private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");

    private final String origin;
    private final String defaultName;
    /** Dotted key set by an override, to the override (as given), in the order applied. */
    private final Map<String, String> overridden = new LinkedHashMap<>();
    private ObjectNode tree;

    private JobConfigReader(String origin) {
        this.origin = origin;
        this.defaultName = defaultName(origin);
    }

    static JobConfig load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JobConfigException(null, "job file " + file + " not found");
        } catch (CharacterCodingException e) {
            throw new JobConfigException(null, "job file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new JobConfigException(null, "cannot read job file " + file + ": " + e);
        }
        return parse(text, file.toString(), overrides);
    }

    static JobConfig parse(String yaml, String origin, List<String> overrides) {
        JobConfigReader reader = new JobConfigReader(origin);
        reader.readTree(yaml);
        for (String override : overrides) {
            reader.applyOverride(override);
        }
        return reader.build(reader.bind());
    }

    /** {@code jobs/m5-seed.yaml} gives {@code m5-seed}. */
    static String defaultName(String origin) {
        String name = origin.substring(Math.max(origin.lastIndexOf('/'), origin.lastIndexOf('\\')) + 1);
        for (String ext : List.of(".yaml", ".yml")) {
            if (name.toLowerCase(Locale.ROOT).endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    // ---- YAML text to tree ----

    private void readTree(String yaml) {
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw yamlProblem(e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            tree = JsonNodeFactory.instance.objectNode();
        } else if (root instanceof ObjectNode object) {
            tree = object;
        } else {
            throw new JobConfigException(null, origin + " must be a mapping of keys (" + keysOf(FileRoot.class)
                    + ") at the top level; got " + describe(root));
        }
    }

    /**
     * One line for a YAML syntax error. SnakeYAML's messages span lines: the problem ("while parsing a flow
     * node", "expected ..."), each followed by " in 'reader', line L, column C:" and a snippet; keep the
     * problem lines and the last position.
     */
    private JobConfigException yamlProblem(JsonProcessingException e) {
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Trailing token")) {
            return new JobConfigException(null, origin + " holds more than one YAML document" + at(e.getLocation())
                    + "; a job file is one document");
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            String key = parser.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.');
            return new JobConfigException(key, "duplicate key '" + key + "' in " + origin + at(e.getLocation())
                    + "; each key may appear once");
        }
        String problem = message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip)
                .collect(Collectors.joining(": "));
        Matcher mark = MARK.matcher(message);
        String where = at(e.getLocation());
        while (mark.find()) {
            where = " (line " + mark.group(1) + ", column " + mark.group(2) + ")";
        }
        return new JobConfigException(null, origin + " is not valid YAML: " + problem + where);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    // ---- overrides ----

    private void applyOverride(String override) {
        int eq = override.indexOf('=');
        String key = eq < 0 ? "" : override.substring(0, eq).strip();
        if (key.isEmpty()) {
            throw new JobConfigException(null, "override '" + override + "' must look like key.path=value, e.g. "
                    + "source.path=data/x.csv");
        }
        String value = override.substring(eq + 1).strip();
        String source = "override '" + override + "'";
        String[] segments = key.split("\\.", -1);
        if (Arrays.stream(segments).anyMatch(s -> s.strip().isEmpty())) {
            throw new JobConfigException(key, "override '" + override + "' has an empty part in its key '" + key + "'");
        }
        Class<?> section = FileRoot.class;
        ObjectNode node = tree;
        String prefix = "";
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            String dotted = prefix + segment;
            RecordComponent component = component(section, segment);
            if (component == null) {
                throw unknownKey(dotted, source, section, segment);
            }
            Class<?> type = component.getType();
            boolean last = i == segments.length - 1;
            if (type.isRecord() || Map.class.isAssignableFrom(type)) {
                if (last) {
                    String example = type.isRecord()
                            ? "; set one of its keys (" + keysOf(type) + ") as " + dotted + "."
                                    + type.getRecordComponents()[0].getName() + "=..."
                            : "; set one Flink key in it as " + dotted + ".<flink key>=value";
                    throw new JobConfigException(dotted, dotted + " is a section, not a value, in " + source + example);
                }
                node = childSection(node, segment, dotted);
                if (Map.class.isAssignableFrom(type)) {
                    String mapKey = String.join(".", Arrays.copyOfRange(segments, i + 1, segments.length));
                    set(node, mapKey, JsonNodeFactory.instance.textNode(value));
                    record(dotted + "." + mapKey, override);
                    return;
                }
                section = type;
                prefix = dotted + ".";
            } else if (!last) {
                String rest = String.join(".", Arrays.copyOfRange(segments, i + 1, segments.length));
                throw new JobConfigException(key, "unknown key '" + key + "' in " + source + "; " + dotted
                        + " is a value, not a section, so it has no key '" + rest + "'");
            } else {
                JsonNode newValue = List.class.isAssignableFrom(type) ? listValue(value)
                        : JsonNodeFactory.instance.textNode(value);
                set(node, segment, newValue);
                record(dotted, override);
            }
        }
    }

    /** The section {@code name} of {@code parent}, created if absent. */
    private ObjectNode childSection(ObjectNode parent, String name, String dotted) {
        JsonNode child = parent.get(name);
        if (child instanceof ObjectNode object) {
            return object;
        }
        if (child != null && !child.isNull()) {
            throw new JobConfigException(dotted, dotted + " must be a section of keys; got " + describe(child)
                    + " (in " + origin + ")");
        }
        return parent.putObject(name);
    }

    /** Sets a key; an empty value removes it, so that its default applies again. */
    private static void set(ObjectNode node, String key, JsonNode value) {
        if (value == null || (value.isTextual() && value.textValue().isEmpty())) {
            node.remove(key);
        } else {
            node.set(key, value);
        }
    }

    /** {@code 7,6,5} or {@code [7, 6, 5]} to a list of texts (bound as the list's element type). */
    private static JsonNode listValue(String value) {
        String inner = value;
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1).strip();
        } else if (inner.isEmpty()) {
            return null;
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        if (!inner.isEmpty()) {
            for (String element : inner.split(",", -1)) {
                String e = element.strip();
                list.add(e.isEmpty() ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(e));
            }
        }
        return list;
    }

    private void record(String dotted, String override) {
        overridden.remove(dotted);
        overridden.put(dotted, override);
    }

    /** Where the value of {@code key} came from: the last override that set it or a section above it, else the file. */
    private String originOf(String key) {
        String found = null;
        if (key != null) {
            for (Map.Entry<String, String> e : overridden.entrySet()) {
                String k = e.getKey();
                if (key.equals(k) || key.startsWith(k + ".") || key.startsWith(k + "[")) {
                    found = "override '" + e.getValue() + "'";
                }
            }
        }
        return found != null ? found : origin;
    }

    // ---- tree to File* records ----

    private FileRoot bind() {
        try {
            return MAPPER.treeToValue(tree, FileRoot.class);
        } catch (JsonMappingException e) {
            throw translate(e);
        } catch (JsonProcessingException e) {
            throw new JobConfigException(null, origin + ": " + e.getOriginalMessage());
        }
    }

    private JobConfigException translate(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String key = dotted(path);
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownKey(key, originOf(key), u.getReferringClass(), u.getPropertyName());
        }
        int last = path.size() - 1;
        if (last >= 0 && path.get(last).getFieldName() == null) {
            // a single value accepted as a one-element list, whose element then failed: blame the list
            List<JsonMappingException.Reference> listPath = path.subList(0, last);
            JsonNode list = nodeAt(listPath);
            if (list != null && !list.isArray()) {
                String listKey = dotted(listPath);
                return new JobConfigException(listKey, listKey + " must be " + expected(List.class) + "; got "
                        + describe(list) + suffix(listKey));
            }
        }
        JsonNode value = nodeAt(path);
        String got = describe(value);
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> target = m.getTargetType();
            if (target.isEnum()) {
                return new JobConfigException(key, key + " must be one of " + ConfigNames.allowed(target) + "; got "
                        + got + suffix(key));
            }
            return new JobConfigException(key, key + " must be " + expected(target) + "; got " + got + suffix(key));
        }
        if (e.getCause() instanceof InputCoercionException c) {
            return new JobConfigException(key, key + " is out of range for " + expected(c.getTargetType()) + "; got "
                    + got + suffix(key));
        }
        String problem = e.getOriginalMessage().lines().findFirst().orElse("").strip();
        return new JobConfigException(key, key + " is invalid: " + problem + suffix(key));
    }

    private JobConfigException unknownKey(String key, String source, Class<?> section, String name) {
        String message = "unknown key '" + key + "' in " + source;
        if (section != null && section.isRecord()) {
            message += "; allowed keys here: " + keysOf(section);
            String guess = closest(section, name);
            if (guess != null) {
                message += " (did you mean '" + guess + "'?)";
            }
        }
        return new JobConfigException(key, message);
    }

    private String suffix(String key) {
        return " (in " + originOf(key) + ")";
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list such as [7, 6, 5]";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a section of key: value pairs";
        }
        if (type.isRecord()) {
            return "a section with the keys " + keysOf(type);
        }
        return "a " + type.getSimpleName();
    }

    private static String dotted(List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private JsonNode nodeAt(List<JsonMappingException.Reference> path) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : path) {
            if (node == null) {
                return null;
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        return node;
    }

    /** A value for a message: {@code 'rocks'}, {@code a list}, {@code a section}, {@code nothing}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a section (key: value pairs)";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }

    // ---- File* records to JobConfig ----

    private JobConfig build(FileRoot raw) {
        try {
            String name = raw.name() != null ? raw.name() : defaultName;
            JobConfig.checkName(name);
            return new JobConfig(name, source(raw.source(), name), output(raw.output(), name), model(raw.model()),
                    or(raw.snapshotIntervalDays(), JobConfig.DEFAULT_SNAPSHOT_INTERVAL_DAYS), runtime(raw.runtime()),
                    forecast(raw.forecast()));
        } catch (JobConfigException e) {
            throw new JobConfigException(e.key(), e.getMessage() + suffix(e.key()));
        }
    }

    private static SourceConfig source(FileSource s, String name) {
        if (s == null) {
            s = new FileSource(null, null, null, null, null, null, null, null, null, null);
        }
        return new SourceConfig(s.format(), s.path(), Optional.ofNullable(s.calendar()),
                Optional.ofNullable(s.firstDay()), Optional.ofNullable(s.lastDay()),
                Optional.ofNullable(s.monitorInterval()).map(v -> duration("source.monitorInterval", v)),
                s.maxOutOfOrderness() == null ? SourceConfig.DEFAULT_MAX_OUT_OF_ORDERNESS
                        : duration("source.maxOutOfOrderness", s.maxOutOfOrderness()),
                or(s.requireM5Ids(), false), or(s.strict(), false),
                Optional.ofNullable(s.kafka()).map(k -> kafkaSource(k, name)));
    }

    private static KafkaSourceConfig kafkaSource(FileKafkaSource k, String name) {
        return new KafkaSourceConfig(k.bootstrapServers(), k.topics() == null ? null : strings("source.kafka.topics",
                k.topics()), or(k.groupId(), KafkaOutputConfig.defaultPrefix(name)),
                or(k.startingOffsets(), KafkaSourceConfig.DEFAULT_STARTING_OFFSETS),
                or(k.bounded(), KafkaSourceConfig.DEFAULT_BOUNDED), or(k.properties(), Map.of()));
    }

    private static OutputConfig output(FileOutput o, String name) {
        if (o == null) {
            o = new FileOutput(null, null, null, null, null);
        }
        Optional<KafkaOutputConfig> kafka = Optional.ofNullable(o.kafka()).map(k -> kafkaOutput(k, name));
        return new OutputConfig(or(o.path(), OutputConfig.defaultPath(name)),
                or(o.format(), OutputConfig.DEFAULT_FORMAT), or(o.print(), OutputConfig.DEFAULT_PRINT),
                or(o.files(), OutputConfig.defaultFiles(kafka.isPresent())), kafka);
    }

    private static KafkaOutputConfig kafkaOutput(FileKafkaOutput k, String name) {
        FileKafkaTopics t = k.topics() == null ? new FileKafkaTopics(null, null, null, null, null) : k.topics();
        KafkaOutputConfig.Topics d = KafkaOutputConfig.Topics.DEFAULTS;
        return new KafkaOutputConfig(k.bootstrapServers(),
                new KafkaOutputConfig.Topics(or(t.forecasts(), d.forecasts()), or(t.metrics(), d.metrics()),
                        or(t.series(), d.series()), or(t.deadLetters(), d.deadLetters()), or(t.late(), d.late())),
                or(k.deliveryGuarantee(), KafkaOutputConfig.DEFAULT_DELIVERY),
                or(k.transactionalIdPrefix(), KafkaOutputConfig.defaultPrefix(name)),
                k.transactionTimeout() == null ? KafkaOutputConfig.DEFAULT_TRANSACTION_TIMEOUT
                        : duration("output.kafka.transactionTimeout", k.transactionTimeout()),
                or(k.properties(), Map.of()));
    }

    private static List<String> strings(String key, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new JobConfigException(key + "[" + i + "]", key + " must not have empty entries; entry " + i
                        + " is empty");
            }
        }
        return values;
    }

    private static ModelConfig model(FileModel m) {
        if (m == null) {
            return ModelConfig.seed();
        }
        LearnerParams.Builder b = LearnerParams.builder();
        if (m.wdayWindows() != null) {
            b.wdayWindows(ints("model.wdayWindows", m.wdayWindows()));
        }
        if (m.itemWindows() != null) {
            b.itemWindows(ints("model.itemWindows", m.itemWindows()));
        }
        if (m.knnWindow() != null) {
            b.knnWindow(m.knnWindow());
        }
        if (m.knnNeighbours() != null) {
            b.knnNeighbours(m.knnNeighbours());
        }
        if (m.lmLearningRate() != null) {
            b.lmLearningRate(m.lmLearningRate());
        }
        if (m.lmInterceptLearningRate() != null) {
            b.lmInterceptLearningRate(m.lmInterceptLearningRate());
        }
        if (m.lmClipGradient() != null) {
            b.lmClipGradient(m.lmClipGradient());
        }
        LearnerParams params;
        try {
            params = b.build();
        } catch (IllegalArgumentException e) {
            // LearnerParams names the parameter first: "knnWindow must be in 1..1024, got 0"
            String message = e.getMessage();
            int space = message.indexOf(' ');
            String key = "model." + (space < 0 ? message : message.substring(0, space));
            throw new JobConfigException(key, "model." + message);
        }
        return new ModelConfig(or(m.keyMode(), ModelConfig.DEFAULT_KEY_MODE), params);
    }

    private static int[] ints(String key, List<Integer> values) {
        int[] result = new int[values.size()];
        for (int i = 0; i < result.length; i++) {
            Integer v = values.get(i);
            if (v == null) {
                throw new JobConfigException(key + "[" + i + "]", key + " must not have empty entries; entry " + i
                        + " is empty");
            }
            result[i] = v;
        }
        return result;
    }

    private static RuntimeConfig runtime(FileRuntime r) {
        if (r == null) {
            return RuntimeConfig.defaults();
        }
        return new RuntimeConfig(
                or(r.parallelism(), RuntimeConfig.DEFAULT_PARALLELISM),
                or(r.stateBackend(), RuntimeConfig.DEFAULT_STATE_BACKEND),
                or(r.incrementalCheckpoints(), RuntimeConfig.DEFAULT_INCREMENTAL_CHECKPOINTS),
                r.checkpointInterval() == null ? RuntimeConfig.DEFAULT_CHECKPOINT_INTERVAL
                        : checkpointInterval(r.checkpointInterval()),
                or(r.checkpointDir(), RuntimeConfig.DEFAULT_CHECKPOINT_DIR),
                or(r.restartAttempts(), RuntimeConfig.DEFAULT_RESTART_ATTEMPTS),
                r.restartDelay() == null ? RuntimeConfig.DEFAULT_RESTART_DELAY
                        : duration("runtime.restartDelay", r.restartDelay()),
                or(r.webUi(), RuntimeConfig.DEFAULT_WEB_UI),
                r.flink() == null ? Map.of() : r.flink(),
                or(r.modelCache(), RuntimeConfig.DEFAULT_MODEL_CACHE),
                stateTtl(r.stateTtl()));
    }

    /** A duration, or {@code off} (which YAML reads as {@code false}) or absent: no TTL. */
    private static Duration stateTtl(String text) {
        if (text == null || text.strip().equalsIgnoreCase("off") || text.strip().equals("false")) {
            return null;
        }
        Duration d = duration("runtime.stateTtl", text);
        if (d.isZero()) {
            return null;
        }
        return d;
    }

    /** A duration, {@code 0} or {@code off} (which YAML reads as {@code false}). */
    private static Duration checkpointInterval(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("off") || t.equals("false")) {
            return Duration.ZERO;
        }
        try {
            return Durations.parse(t);
        } catch (IllegalArgumentException e) {
            throw new JobConfigException("runtime.checkpointInterval", "runtime.checkpointInterval must be "
                    + Durations.EXAMPLES + ", or 0 or off to disable checkpointing; got '" + text + "'");
        }
    }

    private static Duration duration(String key, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new JobConfigException(key, key + " " + e.getMessage());
        }
    }

    private static Horizon forecast(FileForecast f) {
        if (f == null) {
            return Horizon.NONE;
        }
        int days = or(f.horizon(), 0);
        if (days < 0 || days > Horizon.MAX_DAYS) {
            throw new JobConfigException("forecast.horizon", "forecast.horizon must be 0.." + Horizon.MAX_DAYS
                    + " days; got " + days);
        }
        Horizon.Protocol protocol = or(f.protocol(), Horizon.Protocol.FROZEN);
        boolean afterEach = or(f.afterEachEvent(), false);
        if (afterEach && protocol == Horizon.Protocol.CREME) {
            throw new JobConfigException("forecast.afterEachEvent", "forecast.afterEachEvent needs "
                    + "forecast.protocol frozen (forecasts after each event must not change the model)");
        }
        if (afterEach && days == 0) {
            throw new JobConfigException("forecast.afterEachEvent", "forecast.afterEachEvent needs a "
                    + "forecast.horizon of 1 or more days");
        }
        return new Horizon(days, protocol, afterEach, or(f.serving(), Serving.SEED));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    // ---- the schema ----

    private static RecordComponent component(Class<?> section, String name) {
        for (RecordComponent c : section.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The keys of a section, in file order: {@code parallelism, stateBackend, ...}. */
    static String keysOf(Class<?> section) {
        return Arrays.stream(section.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.joining(", "));
    }

    /** The allowed key {@code name} was probably meant to be (case or at most two edits away), or null. */
    private static String closest(Class<?> section, String name) {
        if (name == null) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (RecordComponent c : section.getRecordComponents()) {
            String key = c.getName();
            int d = editDistance(key.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                candidates.clear();
            }
            if (d == best) {
                candidates.add(key);
            }
        }
        int limit = Math.min(2, name.length() / 3);
        return best <= limit && candidates.size() == 1 ? candidates.get(0) : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
