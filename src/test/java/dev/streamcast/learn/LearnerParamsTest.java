package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults are the seed's; invalid values are rejected with a message naming the parameter. */
class LearnerParamsTest {

    @Test
    void defaultsAreTheSeeds() {
        LearnerParams p = LearnerParams.seed();
        assertThat(p.knnWindow()).isEqualTo(30);
        assertThat(p.knnNeighbours()).isEqualTo(15);
        assertThat(p.lmLearningRate()).isEqualTo(0.005);
        assertThat(p.lmInterceptLearningRate()).isEqualTo(0.001);
        assertThat(p.lmClipGradient()).isEqualTo(1e12);
        assertThat(p.featureCount()).isEqualTo(30);
        assertThat(p.featureNames()).startsWith("target_rolling_rollingmean_30_by_wday",
                "target_rolling_rollingmean_25_by_wday", "target_rolling_rollingmean_20_by_wday");
        assertThat(p.featureNames()).endsWith("target_rolling_rollingmean_1_by_item_id", "wday");
    }

    @Test
    void windowsAreOrderedLargestFirstWhateverTheInputOrder() {
        LearnerParams p = new LearnerParams(null, null, null, null, null, List.of(5, 10), List.of(1, 3, 2));
        assertThat(p.itemWindows()).containsExactly(3, 2, 1);
        assertThat(p.wdayWindows()).containsExactly(10, 5);
        assertThat(p.featureCount()).isEqualTo(6);
    }

    @Test
    void invalidValuesNameTheParameter() {
        assertThatThrownBy(() -> new LearnerParams(null, 0, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("knnNeighbours");
        assertThatThrownBy(() -> new LearnerParams(5000, null, null, null, null, null, null))
                .hasMessageContaining("knnWindow").hasMessageContaining("1..1024");
        assertThatThrownBy(() -> new LearnerParams(null, null, -1.0, null, null, null, null))
                .hasMessageContaining("lmLearningRate");
        assertThatThrownBy(() -> new LearnerParams(null, null, null, Double.NaN, null, null, null))
                .hasMessageContaining("lmInterceptLearningRate");
        assertThatThrownBy(() -> new LearnerParams(null, null, null, null, Double.POSITIVE_INFINITY, null, null))
                .hasMessageContaining("lmClipGradient");
        assertThatThrownBy(() -> new LearnerParams(null, null, null, null, null, null, List.of()))
                .hasMessageContaining("itemWindows");
        assertThatThrownBy(() -> new LearnerParams(null, null, null, null, null, List.of(3, 3), null))
                .hasMessageContaining("wdayWindows").hasMessageContaining("twice");
        assertThatThrownBy(() -> new LearnerParams(null, null, null, null, null, List.of(0), null))
                .hasMessageContaining("wdayWindows");
    }

    @Test
    void binaryFormRoundTrips() throws IOException {
        LearnerParams p = new LearnerParams(null, 7, 0.01, null, null, null, List.of(4, 2));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        p.writeTo(new DataOutputStream(bos));
        LearnerParams back = LearnerParams.readFrom(new DataInputStream(new ByteArrayInputStream(bos.toByteArray())));
        assertThat(back).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(back).isNotEqualTo(LearnerParams.seed());
        assertThat(back.sameStateLayout(new LearnerParams(null, 3, 0.01, null, null, null, List.of(4, 2)))).isTrue();
        assertThat(back.sameStateLayout(LearnerParams.seed())).isFalse();
    }
}
