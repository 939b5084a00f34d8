package dev.streamcast.learn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event of the golden traces through {@link SeriesModel}: raw features and the linear model's columns
 * must be the very same doubles as creme's, KNN columns within a relative 1e-9, the final choices identical.
 * The item-keyed set goes through items' models, each learning all its stores' events.
 */
class SeriesModelGoldenTest {
    static final List<String> SETS = GoldenTraces.SETS;
    static final double KNN_TOLERANCE = 1e-9;

    @ParameterizedTest
    @FieldSource("SETS")
    void reproducesCremeEventByEvent(String set) {
        reproduces(set, KeyMode.SERIES, GoldenTraces.read(set, "features"));
    }

    @Test
    void itemModelsReproduceTheItemKeyedTraceEventByEvent() {
        Map<String, SeriesModel> models = reproduces(GoldenTraces.ITEM_SET, KeyMode.ITEM, null);
        // every store's every day was learned by its item's model, and booked for its series
        for (SeriesModel m : models.values()) {
            assertThat(m.series("")).hasSize(10);
            for (String series : m.series("")) {
                assertThat(m.n(series)).isEqualTo(64);
                assertThat(m.lastDay(series)).isEqualTo(LocalDate.of(2016, 4, 24).toEpochDay());
            }
        }
    }

    /** Checks every event of {@code set} keyed by {@code mode} (and the raw features, if given). */
    private static Map<String, SeriesModel> reproduces(String set, KeyMode mode, List<String[]> features) {
        List<String[]> input = GoldenTraces.read(set, "input");
        List<String[]> trace = GoldenTraces.read(set, "trace");
        if (features != null) {
            assertThat(features.get(0)).endsWith(LearnerParams.seed().featureNames());
        }
        assertThat(trace).hasSameSizeAs(input);

        Map<String, SeriesModel> models = new HashMap<>();
        for (int i = 1; i < input.size(); i++) {
            String[] in = input.get(i);
            String[] expected = trace.get(i);
            String where = set + " row " + i + " " + in[0] + " " + in[1];
            int day = (int) LocalDate.parse(in[1]).toEpochDay();
            SeriesModel model = models.computeIfAbsent(mode.keyOf(in[0]),
                    k -> new SeriesModel(LearnerParams.seed(), mode));

            if (features != null) {
                double[] raw = model.features(day);
                String[] expectedFeatures = features.get(i);
                for (int f = 0; f < raw.length; f++) {
                    assertThat(raw[f]).as(where + " feature " + features.get(0)[f + 2])
                            .isEqualTo(Double.parseDouble(expectedFeatures[f + 2]));
                }
            }

            Prediction p = model.observe(KeyMode.SERIES.keyOf(in[0]), day, Integer.parseInt(in[2]));
            assertThat(p.predLm()).as(where + " pred_lm").isEqualTo(Double.parseDouble(expected[4]));
            assertThat(p.maeLm()).as(where + " mae_lm").isEqualTo(Double.parseDouble(expected[6]));
            assertThat(GoldenTraces.relativeDifference(p.predKnn(), Double.parseDouble(expected[3])))
                    .as(where + " pred_knn " + p.predKnn() + " vs " + expected[3]).isLessThanOrEqualTo(KNN_TOLERANCE);
            assertThat(GoldenTraces.relativeDifference(p.maeKnn(), Double.parseDouble(expected[5])))
                    .as(where + " mae_knn " + p.maeKnn() + " vs " + expected[5]).isLessThanOrEqualTo(KNN_TOLERANCE);
        }

        Map<String, String[]> summary = new LinkedHashMap<>();
        GoldenTraces.read(set, "summary").stream().skip(1).forEach(r -> summary.put(r[0], r));
        assertThat(models.keySet()).containsExactlyInAnyOrderElementsOf(summary.keySet());
        for (Map.Entry<String, String[]> e : summary.entrySet()) {
            SeriesModel m = models.get(e.getKey());
            String[] s = e.getValue();
            assertThat(m.n()).as(e.getKey() + " n").isEqualTo(Long.parseLong(s[1]));
            assertThat(m.maeLm()).as(e.getKey() + " mae_lm").isEqualTo(Double.parseDouble(s[3]));
            assertThat(GoldenTraces.relativeDifference(m.maeKnn(), Double.parseDouble(s[2])))
                    .isLessThanOrEqualTo(KNN_TOLERANCE);
            assertThat(m.chosen().label()).as(e.getKey() + " chosen").isEqualTo(s[4]);
        }
        return models;
    }

    @ParameterizedTest
    @FieldSource("SETS")
    void servedPredictionIsTheLearnerChosenBeforeTheEvent(String set) {
        List<String[]> input = GoldenTraces.read(set, "input");
        Map<String, SeriesModel> models = new HashMap<>();
        for (String[] in : input.subList(1, input.size())) {
            SeriesModel model = models.computeIfAbsent(KeyMode.SERIES.keyOf(in[0]),
                    k -> new SeriesModel(LearnerParams.seed()));
            Learner before = model.chosen();
            Prediction p = model.observe((int) LocalDate.parse(in[1]).toEpochDay(), Integer.parseInt(in[2]));
            assertThat(p.served()).isEqualTo(before);
            assertThat(p.value()).isEqualTo(before == Learner.KNN ? p.predKnn() : p.predLm());
            assertThat(model.chosen()).isEqualTo(Learner.choose(p.maeKnn(), p.maeLm()));
        }
    }
}
