package dev.streamcast.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcast.learn.Learner;
import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.LateEvent;
import dev.streamcast.records.SalesEvent;
import dev.streamcast.records.SeriesSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every output encoder in both formats: columns, nulls, escaping and quoting, and doubles that read back exactly. */
class RecordEncoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int DAY = (int) LocalDate.of(2016, 4, 24).toEpochDay();
    private static final String NASTY = "q\"uote, back\\slash\nnew\rret\ttab \u0000\u0001\u001f\u007f \b\f"
            + " \u2028\u2029 é€𝄞 end";

    private static final ForecastRecord OBSERVATION = new ForecastRecord("FOODS_3_090_CA_3", DAY, 3, 2.5,
            0.1 + 0.2, Learner.KNN, 2.5, 1.0 / 3, 1e-7, 42);
    private static final ForecastRecord REQUEST = new ForecastRecord("FOODS_3_090_CA_3", DAY + 1,
            SalesEvent.NO_VALUE, 4.0, 3.75, Learner.LM, 3.75, 0.5, 0.25, 43);

    // ---------------------------------------------------------------- helpers

    private static JsonNode json(String line) throws IOException {
        assertThat(line).doesNotContain("\n", "\r");
        return MAPPER.readTree(line);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The literal text of each number in a flat JSON object, by field name. */
    private static Map<String, String> numberTexts(String line) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(line)) {
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                } else if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                    texts.put(field, p.getText());
                }
            }
        }
        return texts;
    }

    /** Splits one RFC 4180 CSV record (quoted fields may hold commas, quotes and line ends). */
    static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                assertThat(f).as("quote only at the start of a field in %s", line).isEmpty();
                assertThat(wasQuoted).isFalse();
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
                wasQuoted = false;
            } else {
                assertThat(wasQuoted).as("nothing after a closing quote in %s", line).isFalse();
                f.append(c);
            }
        }
        assertThat(quoted).as("unterminated quote in %s", line).isFalse();
        fields.add(f.toString());
        return fields;
    }

    private static void assertSameDouble(double actual, double expected) {
        assertThat(Double.doubleToRawLongBits(actual)).as("%s vs %s", actual, expected)
                .isEqualTo(Double.doubleToRawLongBits(expected));
    }

    // ---------------------------------------------------------------- forecasts

    @Test
    void forecastsJsonHasTheColumnsInOrderAndTheValues() throws IOException {
        RecordEncoder<ForecastRecord> e = RecordEncoder.forecasts(OutputFormat.JSONL);
        assertThat(e.format()).isEqualTo(OutputFormat.JSONL);
        assertThat(e.header()).isNull();
        JsonNode n = json(e.encode(OBSERVATION));
        assertThat(names(n)).containsExactly("id", "date", "y", "pred_knn", "pred_lm", "model", "prediction",
                "mae_knn", "mae_lm", "n");
        assertThat(n.get("id").textValue()).isEqualTo("FOODS_3_090_CA_3");
        assertThat(n.get("date").textValue()).isEqualTo("2016-04-24");
        assertThat(n.get("y").isIntegralNumber()).isTrue();
        assertThat(n.get("y").intValue()).isEqualTo(3);
        assertThat(n.get("model").textValue()).isEqualTo("knn");
        assertThat(n.get("n").longValue()).isEqualTo(42);
        Map<String, String> numbers = numberTexts(e.encode(OBSERVATION));
        assertSameDouble(Double.parseDouble(numbers.get("pred_lm")), 0.1 + 0.2);
        assertSameDouble(Double.parseDouble(numbers.get("mae_knn")), 1.0 / 3);
        assertSameDouble(Double.parseDouble(numbers.get("mae_lm")), 1e-7);
        assertThat(numbers.get("pred_knn")).isEqualTo("2.5");
        assertThat(numbers.get("pred_lm")).isEqualTo("0.30000000000000004");
    }

    @Test
    void aRequestsYIsJsonNullAndAnEmptyCsvField() throws IOException {
        JsonNode n = json(RecordEncoder.forecasts(OutputFormat.JSONL).encode(REQUEST));
        assertThat(n.has("y")).isTrue();
        assertThat(n.get("y").isNull()).isTrue();
        assertThat(n.get("model").textValue()).isEqualTo("lm");

        RecordEncoder<ForecastRecord> csv = RecordEncoder.forecasts(OutputFormat.CSV);
        assertThat(csv.encode(REQUEST)).isEqualTo("FOODS_3_090_CA_3,2016-04-25,,4.0,3.75,lm,3.75,0.5,0.25,43");
        assertThat(csv(csv.encode(REQUEST)).get(2)).isEmpty();
    }

    @Test
    void aRequestIdIsOneMoreJsonFieldLastAndLeavesCsvAndOtherRecordsAsTheyWere() throws IOException {
        ForecastRecord answered = new ForecastRecord(REQUEST.id(), REQUEST.day(), REQUEST.y(), REQUEST.predKnn(),
                REQUEST.predLm(), REQUEST.model(), REQUEST.prediction(), REQUEST.maeKnn(), REQUEST.maeLm(),
                REQUEST.n(), "r-42");
        RecordEncoder<ForecastRecord> jsonl = RecordEncoder.forecasts(OutputFormat.JSONL);
        String plain = jsonl.encode(REQUEST);
        assertThat(plain).doesNotContain("rid");
        assertThat(jsonl.encode(answered))
                .isEqualTo(plain.substring(0, plain.length() - 1) + ",\"rid\":\"r-42\"}");
        assertThat(json(jsonl.encode(answered)).get("rid").textValue()).isEqualTo("r-42");

        RecordEncoder<ForecastRecord> csv = RecordEncoder.forecasts(OutputFormat.CSV);
        assertThat(csv.encode(answered)).isEqualTo(csv.encode(REQUEST));
    }

    @Test
    void forecastsCsvHeaderAndLine() {
        RecordEncoder<ForecastRecord> e = RecordEncoder.forecasts(OutputFormat.CSV);
        assertThat(e.format()).isEqualTo(OutputFormat.CSV);
        assertThat(e.header()).isEqualTo("id,date,y,pred_knn,pred_lm,model,prediction,mae_knn,mae_lm,n");
        assertThat(e.encode(OBSERVATION))
                .isEqualTo("FOODS_3_090_CA_3,2016-04-24,3,2.5,0.30000000000000004,knn,2.5,0.3333333333333333,1e-07,42");
    }

    // ---------------------------------------------------------------- metrics

    @Test
    void metricsInBothFormats() throws IOException {
        DailyMetrics m = new DailyMetrics(DAY, 300, 1.0281, 1.0047, 0.9991, 0.22);
        JsonNode n = json(RecordEncoder.metrics(OutputFormat.JSONL).encode(m));
        assertThat(names(n)).containsExactly("date", "events", "mae_knn", "mae_lm", "mae_served", "knn_share");
        assertThat(n.get("date").textValue()).isEqualTo("2016-04-24");
        assertThat(n.get("events").longValue()).isEqualTo(300);
        assertThat(n.get("mae_knn").doubleValue()).isEqualTo(1.0281);
        assertThat(n.get("knn_share").doubleValue()).isEqualTo(0.22);

        RecordEncoder<DailyMetrics> csv = RecordEncoder.metrics(OutputFormat.CSV);
        assertThat(csv.header()).isEqualTo("date,events,mae_knn,mae_lm,mae_served,knn_share");
        assertThat(csv.encode(m)).isEqualTo("2016-04-24,300,1.0281,1.0047,0.9991,0.22");
    }

    @Test
    void nanAndInfinityAreJsonNullAndPythonSpellingsInCsv() throws IOException {
        DailyMetrics m = new DailyMetrics(DAY, 0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0);
        String line = RecordEncoder.metrics(OutputFormat.JSONL).encode(m);
        JsonNode n = json(line);
        assertThat(n.get("mae_knn").isNull()).isTrue();
        assertThat(n.get("mae_lm").isNull()).isTrue();
        assertThat(n.get("mae_served").isNull()).isTrue();
        assertThat(n.get("knn_share").doubleValue()).isZero();
        assertThat(line).doesNotContainIgnoringCase("nan").doesNotContainIgnoringCase("inf");
        assertThat(RecordEncoder.metrics(OutputFormat.CSV).encode(m)).isEqualTo("2016-04-24,0,nan,inf,-inf,0.0");
    }

    // ---------------------------------------------------------------- series

    @Test
    void seriesInBothFormats() throws IOException {
        SeriesSnapshot s = new SeriesSnapshot("FOODS_3_090", DAY, 1913, 0.75, 0.5, Learner.LM);
        JsonNode n = json(RecordEncoder.series(OutputFormat.JSONL).encode(s));
        assertThat(names(n)).containsExactly("key", "date", "n", "mae_knn", "mae_lm", "chosen");
        assertThat(n.get("key").textValue()).isEqualTo("FOODS_3_090");
        assertThat(n.get("n").longValue()).isEqualTo(1913);
        assertThat(n.get("mae_lm").doubleValue()).isEqualTo(0.5);
        assertThat(n.get("chosen").textValue()).isEqualTo("lm");

        RecordEncoder<SeriesSnapshot> csv = RecordEncoder.series(OutputFormat.CSV);
        assertThat(csv.header()).isEqualTo("key,date,n,mae_knn,mae_lm,chosen");
        assertThat(csv.encode(new SeriesSnapshot("a,b", DAY, 1, 0.75, 0.5, Learner.KNN)))
                .isEqualTo("\"a,b\",2016-04-24,1,0.75,0.5,knn");
    }

    // ---------------------------------------------------------------- dead letters

    @Test
    void deadLetterTextIsEscapedSoItParsesBackToTheSameStrings() throws IOException {
        DeadLetter d = new DeadLetter("in \"1\".jsonl", 7, NASTY, "bad_json", "not valid JSON: \"x\\y\"\n at 1:2");
        String line = RecordEncoder.deadLetters(OutputFormat.JSONL).encode(d);
        for (char c : line.toCharArray()) {
            assertThat((int) c).as("raw control character in %s", line).isGreaterThanOrEqualTo(0x20);
        }
        assertThat(line).doesNotContain("\u2028", "\u2029");
        JsonNode n = json(line);
        assertThat(names(n)).containsExactly("source", "line", "reason", "message", "raw");
        assertThat(n.get("source").textValue()).isEqualTo(d.source());
        assertThat(n.get("line").longValue()).isEqualTo(7);
        assertThat(n.get("reason").textValue()).isEqualTo("bad_json");
        assertThat(n.get("message").textValue()).isEqualTo(d.message());
        assertThat(n.get("raw").textValue()).isEqualTo(NASTY);
    }

    @Test
    void everyCharBelowSpaceIsEscaped() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        DeadLetter d = new DeadLetter("s", 1, all.toString(), "r", "m");
        assertThat(json(RecordEncoder.deadLetters(OutputFormat.JSONL).encode(d)).get("raw").textValue())
                .isEqualTo(all.toString());
    }

    @Test
    void deadLetterCsvQuotesCommasQuotesAndLineEnds() {
        RecordEncoder<DeadLetter> e = RecordEncoder.deadLetters(OutputFormat.CSV);
        assertThat(e.header()).isEqualTo("source,line,reason,message,raw");
        DeadLetter d = new DeadLetter("a.csv", 12, "x,\"y\",z", "wrong_field_count", "expected 3 fields, got 4");
        String line = e.encode(d);
        assertThat(line).isEqualTo("a.csv,12,wrong_field_count,\"expected 3 fields, got 4\",\"x,\"\"y\"\",z\"");
        assertThat(csv(line)).containsExactly("a.csv", "12", "wrong_field_count", "expected 3 fields, got 4",
                "x,\"y\",z");

        DeadLetter nasty = new DeadLetter("s", 1, NASTY, "r", "plain message");
        assertThat(csv(e.encode(nasty))).containsExactly("s", "1", "r", "plain message", NASTY);
        assertThat(e.encode(new DeadLetter("s", 1, "say \"hi\"", "r", "m"))).endsWith(",\"say \"\"hi\"\"\"");
        assertThat(e.encode(new DeadLetter("s", 1, "", "r", "m"))).isEqualTo("s,1,r,m,");
    }

    // ---------------------------------------------------------------- late events

    @Test
    void lateEventsInBothFormats() throws IOException {
        LateEvent l = new LateEvent("X_1_001_CA_1", DAY, 5, DAY + 3, LateEvent.BEFORE_LAST_LEARNED_DAY);
        JsonNode n = json(RecordEncoder.late(OutputFormat.JSONL).encode(l));
        assertThat(names(n)).containsExactly("id", "date", "y", "last_date", "reason");
        assertThat(n.get("date").textValue()).isEqualTo("2016-04-24");
        assertThat(n.get("y").intValue()).isEqualTo(5);
        assertThat(n.get("last_date").textValue()).isEqualTo("2016-04-27");
        assertThat(n.get("reason").textValue()).isEqualTo("before_last_learned_day");
        LateEvent noValue = new LateEvent("X_1_001_CA_1", DAY, SalesEvent.NO_VALUE, DAY, LateEvent.DUPLICATE_DAY);
        assertThat(json(RecordEncoder.late(OutputFormat.JSONL).encode(noValue)).get("y").isNull()).isTrue();

        RecordEncoder<LateEvent> csv = RecordEncoder.late(OutputFormat.CSV);
        assertThat(csv.header()).isEqualTo("id,date,y,last_date,reason");
        assertThat(csv.encode(l)).isEqualTo("X_1_001_CA_1,2016-04-24,5,2016-04-27,before_last_learned_day");
        assertThat(csv.encode(noValue)).isEqualTo("X_1_001_CA_1,2016-04-24,,2016-04-24,duplicate_day");
    }

    // ---------------------------------------------------------------- doubles and ids in general

    @Test
    void everyDoubleReadsBackIdenticallyInBothFormats() throws IOException {
        Random r = new Random(7);
        RecordEncoder<ForecastRecord> json = RecordEncoder.forecasts(OutputFormat.JSONL);
        RecordEncoder<ForecastRecord> csv = RecordEncoder.forecasts(OutputFormat.CSV);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL,
            1e16, 1e15, 1e-5, 1e-4, 123456789012345680.0, 5e-324, 0.1, 1.0 / 3, 2.0 / 3, 9007199254740993.0};
        for (int i = 0; i < 500; i++) {
            double[] v = new double[5];
            for (int k = 0; k < v.length; k++) {
                v[k] = switch ((i + k) % 3) {
                    case 0 -> special[r.nextInt(special.length)];
                    case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) * (r.nextBoolean() ? 1 : -1);
                    default -> {
                        double d;
                        do {
                            d = Double.longBitsToDouble(r.nextLong());
                        } while (!Double.isFinite(d));
                        yield d;
                    }
                };
            }
            ForecastRecord f = new ForecastRecord("s" + i, DAY, i, v[0], v[1], Learner.KNN, v[2], v[3], v[4], i);
            Map<String, String> numbers = numberTexts(json.encode(f));
            List<String> cells = csv(csv.encode(f));
            String[] columns = {"pred_knn", "pred_lm", "prediction", "mae_knn", "mae_lm"};
            int[] csvIndex = {3, 4, 6, 7, 8};
            for (int k = 0; k < columns.length; k++) {
                assertSameDouble(Double.parseDouble(numbers.get(columns[k])), v[k]);
                assertSameDouble(Double.parseDouble(cells.get(csvIndex[k])), v[k]);
                assertThat(cells.get(csvIndex[k])).isEqualTo(numbers.get(columns[k])).isEqualTo(PyFloat.format(v[k]));
            }
        }
    }

    @Test
    void idsWithSpecialCharactersSurviveBothFormats() throws IOException {
        ForecastRecord f = new ForecastRecord(NASTY, DAY, 1, 1, 1, Learner.LM, 1, 1, 1, 1);
        assertThat(json(RecordEncoder.forecasts(OutputFormat.JSONL).encode(f)).get("id").textValue())
                .isEqualTo(NASTY);
        assertThat(csv(RecordEncoder.forecasts(OutputFormat.CSV).encode(f)).get(0)).isEqualTo(NASTY);
        ForecastRecord plain = new ForecastRecord("a b;c\tš", DAY, 1, 1, 1, Learner.LM, 1, 1, 1, 1);
        assertThat(RecordEncoder.forecasts(OutputFormat.CSV).encode(plain)).startsWith("a b;c\tš,");
    }

    @Test
    void datesAreIsoEvenFarFromTheEpoch() throws IOException {
        for (LocalDate d : new LocalDate[] {LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31),
            LocalDate.of(2016, 2, 29), LocalDate.of(9999, 12, 31)}) {
            DailyMetrics m = new DailyMetrics((int) d.toEpochDay(), 1, 0, 0, 0, 0);
            assertThat(json(RecordEncoder.metrics(OutputFormat.JSONL).encode(m)).get("date").textValue())
                    .isEqualTo(d.toString());
            assertThat(RecordEncoder.metrics(OutputFormat.CSV).encode(m)).startsWith(d + ",");
        }
    }

    @Test
    void aFieldsFunctionMustWriteExactlyOneValuePerColumn() {
        RecordEncoder<String> tooFew = new RecordEncoder<>(OutputFormat.JSONL, new String[] {"a", "b"},
                (s, l) -> l.text(s));
        RecordEncoder<String> tooMany = new RecordEncoder<>(OutputFormat.CSV, new String[] {"a"},
                (s, l) -> l.text(s).text(s));
        assertThatThrownBy(() -> tooFew.encode("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tooMany.encode("x")).isInstanceOf(IllegalStateException.class);
        String[] columns = {"a", "b"};
        RecordEncoder<String> ok = new RecordEncoder<>(OutputFormat.JSONL, columns, (s, l) -> l.text(s).count(null));
        columns[0] = "changed";
        assertThat(ok.encode("x")).isEqualTo("{\"a\":\"x\",\"b\":null}");
    }
}
