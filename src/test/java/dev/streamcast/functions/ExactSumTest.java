package dev.streamcast.functions;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The sum is the correctly rounded exact sum, in any order and across merges. */
class ExactSumTest {

    /** The correctly rounded exact sum: exact BigDecimal addition, one rounding at the end. */
    private static double reference(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        return sum.doubleValue();
    }

    private static ExactSum sumOf(List<Double> values) {
        ExactSum s = new ExactSum();
        for (double v : values) {
            s.add(v);
        }
        return s;
    }

    /** Same bits, except that a zero's sign is not compared (the exact reference has no signed zero). */
    private static void assertSameDouble(double actual, double expected, Object context) {
        assertThat(Double.doubleToRawLongBits(actual + 0.0)).as("%s: %s vs %s", context, actual, expected)
                .isEqualTo(Double.doubleToRawLongBits(expected + 0.0));
    }

    private static List<Double> list(double... values) {
        List<Double> l = new ArrayList<>();
        for (double v : values) {
            l.add(v);
        }
        return l;
    }

    @Test
    void emptyIsZero() {
        assertThat(new ExactSum().value()).isEqualTo(0.0);
    }

    @Test
    void hugeCancellationsKeepTheSmallTerms() {
        assertThat(sumOf(list(1e16, 1.0, -1e16)).value()).isEqualTo(1.0);
        assertThat(sumOf(list(1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50)).value()).isEqualTo(1e-100);
        assertThat(sumOf(list(0.1, 0.2, -0.3)).value()).isEqualTo(reference(list(0.1, 0.2, -0.3)))
                .isEqualTo(2.7755575615628914e-17);
        double naive = 1e16 + 1.0 - 1e16;
        assertThat(naive).as("naive summation loses the 1").isZero();
    }

    /** CPython's own fsum test cases, including the half-way rounding ones. */
    @Test
    void matchesPythonsFsumCases() {
        double p53 = Math.scalb(1.0, 53);
        Object[][] cases = {
            {list(p53, -0.5, -Math.scalb(1.0, -54)), p53 - 1.0},
            {list(p53, 1.0, Math.scalb(1.0, -100)), p53 + 2.0},
            {list(p53 + 10.0, 1.0, Math.scalb(1.0, -100)), p53 + 12.0},
            {list(p53 - 4.0, 0.5, Math.scalb(1.0, -54)), p53 - 3.0},
            {list(1e16, 1.0, 1e-16), 10000000000000002.0},
            {list(1e16 - 2.0, 1.0 - Math.scalb(1.0, -53), -(1e16 - 2.0), -(1.0 - Math.scalb(1.0, -53))), 0.0},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<Double> values = (List<Double>) c[0];
            double expected = (Double) c[1];
            assertSameDouble(reference(values), expected, "reference " + values);
            assertSameDouble(sumOf(values).value(), expected, values);
        }
        List<Double> harmonic = new ArrayList<>();
        List<Double> alternating = new ArrayList<>();
        for (int n = 1; n <= 1000; n++) {
            harmonic.add(1.0 / n);
            alternating.add((n % 2 == 0 ? 1.0 : -1.0) / n);
        }
        assertThat(sumOf(harmonic).value()).isEqualTo(Double.parseDouble("0x1.df11f45f4e61ap+2"));
        assertThat(sumOf(alternating).value()).isEqualTo(Double.parseDouble("-0x1.62a2af1bd3624p-1"));
    }

    /** Random doubles of many kinds, including exact and near cancellations and half-way cases. */
    private static List<Double> randomValues(Random r) {
        int n = 1 + r.nextInt(60);
        List<Double> values = new ArrayList<>();
        int kind = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            double v = switch (kind) {
                case 0 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(600) - 300);
                case 1 -> {
                    double d;
                    do {
                        d = Double.longBitsToDouble(r.nextLong());
                    } while (!Double.isFinite(d) || Math.abs(d) > 1e300);
                    yield d;
                }
                case 2 -> r.nextInt(3) == 0 ? (r.nextBoolean() ? 1e16 : -1e16) * (1 + r.nextInt(9))
                        : r.nextGaussian();
                case 3 -> Math.scalb((double) (r.nextInt(2001) - 1000), r.nextInt(120) - 60); // ties on rounding
                default -> r.nextInt(4) == 0 ? Double.MIN_VALUE * (r.nextInt(2001) - 1000) // subnormals
                        : Math.abs(r.nextGaussian() * 3);
            };
            values.add(v);
            if (r.nextInt(4) == 0) {
                values.add(-v); // an exact cancellation somewhere later
            }
        }
        Collections.shuffle(values, r);
        return values;
    }

    @Test
    void equalsTheCorrectlyRoundedExactSumForRandomInputs() {
        Random r = new Random(2016);
        for (int trial = 0; trial < 600; trial++) {
            List<Double> values = randomValues(r);
            assertSameDouble(sumOf(values).value(), reference(values), values);
        }
    }

    @Test
    void growsBeyondItsInitialCapacityAndStaysExact() {
        List<Double> values = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            values.add(Math.scalb(1.0, 900 - 60 * k)); // non-overlapping: one partial each
        }
        ExactSum s = sumOf(values);
        assertThat(s.size).isGreaterThan(4);
        assertSameDouble(s.value(), reference(values), values);
        s.add(-Math.scalb(1.0, 900));
        values.add(-Math.scalb(1.0, 900));
        assertSameDouble(s.value(), reference(values), values);
    }

    /** Heap's algorithm: calls {@code visit} with every permutation of {@code a}. */
    private static void permutations(double[] a, int k, Runnable visit) {
        if (k == 1) {
            visit.run();
            return;
        }
        permutations(a, k - 1, visit);
        for (int i = 0; i < k - 1; i++) {
            int j = k % 2 == 0 ? i : 0;
            double t = a[j];
            a[j] = a[k - 1];
            a[k - 1] = t;
            permutations(a, k - 1, visit);
        }
    }

    @Test
    void everyPermutationGivesTheSameBits() {
        double[] a = {1e16, 1.0, -1e16, 1e-16, 0.1, -0.3, 1e300, -1e300};
        double expected = reference(list(a));
        int[] count = {0};
        permutations(a, a.length, () -> {
            ExactSum s = new ExactSum();
            for (double v : a) {
                s.add(v);
            }
            assertThat(Double.doubleToRawLongBits(s.value())).isEqualTo(Double.doubleToRawLongBits(expected));
            count[0]++;
        });
        assertThat(count[0]).isEqualTo(40320);
    }

    @Test
    void everyShuffleGivesTheSameBits() {
        Random r = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            List<Double> values = randomValues(r);
            double first = sumOf(values).value();
            for (int shuffle = 0; shuffle < 20; shuffle++) {
                Collections.shuffle(values, r);
                assertThat(Double.doubleToRawLongBits(sumOf(values).value()))
                        .isEqualTo(Double.doubleToRawLongBits(first));
            }
        }
    }

    @Test
    void addAllOfPartialSumsEqualsAddingEverythingToOne() {
        Random r = new Random(5);
        for (int trial = 0; trial < 500; trial++) {
            List<Double> values = randomValues(r);
            ExactSum whole = sumOf(values);
            int cut = r.nextInt(values.size() + 1);
            ExactSum left = sumOf(values.subList(0, cut));
            ExactSum right = sumOf(values.subList(cut, values.size()));
            ExactSum empty = new ExactSum();
            left.addAll(right);
            left.addAll(empty);
            assertThat(Double.doubleToRawLongBits(left.value())).isEqualTo(Double.doubleToRawLongBits(whole.value()));
            empty.addAll(left);
            assertThat(Double.doubleToRawLongBits(empty.value())).isEqualTo(Double.doubleToRawLongBits(whole.value()));
            assertSameDouble(whole.value(), reference(values), values);
        }
    }

    @Test
    void mergingManyPartialSumsInAnyTreeShapeEqualsTheWholeSum() {
        Random r = new Random(99);
        for (int trial = 0; trial < 100; trial++) {
            List<Double> values = randomValues(r);
            List<ExactSum> parts = new ArrayList<>();
            Supplier<ExactSum> fresh = ExactSum::new;
            int k = 1 + r.nextInt(6);
            for (int i = 0; i < k; i++) {
                parts.add(fresh.get());
            }
            for (double v : values) {
                parts.get(r.nextInt(k)).add(v);
            }
            while (parts.size() > 1) {
                ExactSum a = parts.remove(r.nextInt(parts.size()));
                ExactSum b = parts.remove(r.nextInt(parts.size()));
                a.addAll(b);
                parts.add(a);
            }
            assertSameDouble(parts.get(0).value(), reference(values), values);
        }
    }
}
