package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
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
        LearnerParams p = LearnerParams.builder().itemWindows(1, 3, 2).wdayWindows(5, 10).build();
        assertThat(p.itemWindows()).containsExactly(3, 2, 1);
        assertThat(p.wdayWindows()).containsExactly(10, 5);
        assertThat(p.featureCount()).isEqualTo(6);
    }

    @Test
    void invalidValuesNameTheParameter() {
        assertThatThrownBy(() -> LearnerParams.builder().knnNeighbours(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("knnNeighbours");
        assertThatThrownBy(() -> LearnerParams.builder().knnWindow(5000).build())
                .hasMessageContaining("knnWindow").hasMessageContaining("1..1024");
        assertThatThrownBy(() -> LearnerParams.builder().lmLearningRate(-1).build())
                .hasMessageContaining("lmLearningRate");
        assertThatThrownBy(() -> LearnerParams.builder().lmInterceptLearningRate(Double.NaN).build())
                .hasMessageContaining("lmInterceptLearningRate");
        assertThatThrownBy(() -> LearnerParams.builder().lmClipGradient(Double.POSITIVE_INFINITY).build())
                .hasMessageContaining("lmClipGradient");
        assertThatThrownBy(() -> LearnerParams.builder().itemWindows().build())
                .hasMessageContaining("itemWindows");
        assertThatThrownBy(() -> LearnerParams.builder().wdayWindows(3, 3).build())
                .hasMessageContaining("wdayWindows").hasMessageContaining("twice");
        assertThatThrownBy(() -> LearnerParams.builder().wdayWindows(0).build())
                .hasMessageContaining("wdayWindows");
    }

    @Test
    void binaryFormRoundTrips() throws IOException {
        LearnerParams p = LearnerParams.builder().itemWindows(4, 2).knnNeighbours(7).lmLearningRate(0.01).build();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        p.writeTo(new DataOutputStream(bos));
        LearnerParams back = LearnerParams.readFrom(new DataInputStream(new ByteArrayInputStream(bos.toByteArray())));
        assertThat(back).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(back).isNotEqualTo(LearnerParams.seed());
        assertThat(back.sameStateLayout(p.toBuilder().knnNeighbours(3).build())).isTrue();
        assertThat(back.sameStateLayout(LearnerParams.seed())).isFalse();
    }
}
