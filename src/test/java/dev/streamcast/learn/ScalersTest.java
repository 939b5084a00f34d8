package dev.streamcast.learn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** creme's scalers: update-then-scale, sample variance, zero variance or range leaves the centred value. */
class ScalersTest {

    @Test
    void standardScalerUsesSampleVarianceAndIncludesTheCurrentValue() {
        StandardScaler s = new StandardScaler(1);
        double[] out = new double[1];
        s.fit(new double[] {2});
        s.transform(new double[] {2}, out);
        assertThat(out[0]).isEqualTo(0.0); // first value: zero variance, centred value 0
        s.fit(new double[] {4});
        s.transform(new double[] {4}, out);
        // mean 3, sample variance ((2-3)² + (4-3)²)/1 = 2
        assertThat(out[0]).isEqualTo(1 / Math.sqrt(2));
    }

    @Test
    void standardScalerWithZeroVarianceReturnsTheCentredValueUndivided() {
        StandardScaler s = new StandardScaler(1);
        double[] out = new double[1];
        s.fit(new double[] {5});
        s.fit(new double[] {5});
        s.transform(new double[] {8}, out);
        assertThat(out[0]).isEqualTo(3.0);
    }

    @Test
    void minMaxScalerScalesIntoTheSeenRangeAndHandlesAZeroRange() {
        MinMaxScaler s = new MinMaxScaler(1);
        double[] out = new double[1];
        s.fit(new double[] {3});
        s.transform(new double[] {3}, out);
        assertThat(out[0]).isEqualTo(0.0);
        s.transform(new double[] {5}, out);
        assertThat(out[0]).isEqualTo(2.0); // zero range: x - min, not divided
        s.fit(new double[] {7});
        s.transform(new double[] {5}, out);
        assertThat(out[0]).isEqualTo(0.5);
    }
}
