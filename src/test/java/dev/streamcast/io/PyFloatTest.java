package dev.streamcast.io;

import dev.streamcast.learn.GoldenTraces;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Doubles print as Python's repr prints them, and always parse back to the same double. */
class PyFloatTest {

    @Test
    void matchesPythonReprOnEveryNumberOfTheGoldenTraces() {
        int checked = 0;
        for (String set : GoldenTraces.SETS) {
            for (String file : new String[] {"trace", "features", "summary"}) {
                for (String[] row : GoldenTraces.read(set, file).subList(1, GoldenTraces.read(set, file).size())) {
                    for (String cell : row) {
                        if (cell.contains(".") || cell.contains("e")) {
                            assertThat(PyFloat.format(Double.parseDouble(cell))).isEqualTo(cell);
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void usesPythonsNotationSwitches() {
        assertThat(PyFloat.format(49.0)).isEqualTo("49.0");
        assertThat(PyFloat.format(0.0001)).isEqualTo("0.0001");
        assertThat(PyFloat.format(0.00001)).isEqualTo("1e-05");
        assertThat(PyFloat.format(1e16)).isEqualTo("1e+16");
        assertThat(PyFloat.format(1.5e16)).isEqualTo("1.5e+16");
        assertThat(PyFloat.format(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PyFloat.format(-2.5)).isEqualTo("-2.5");
        assertThat(PyFloat.format(0.002)).isEqualTo("0.002");
        assertThat(PyFloat.format(48.99999999999999)).isEqualTo("48.99999999999999");
        assertThat(PyFloat.format(-0.0)).isEqualTo("-0.0");
        assertThat(PyFloat.format(Double.NaN)).isEqualTo("nan");
        assertThat(PyFloat.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void everyValueRoundTripsAndIsNoLongerThanJavas() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String s = PyFloat.format(d);
            assertThat(Double.parseDouble(s)).isEqualTo(d);
            assertThat(digits(s)).isLessThanOrEqualTo(digits(Double.toString(d)));
        }
    }

    @Test
    void matchesPythonsOwnReprOnDoublesOfEveryKind() throws IOException {
        // python-repr.txt: made by python3 itself (make-python-repr.py beside it): random bit patterns,
        // forecast-like values, two-digit values where one digit may also read back, subnormals, powers of ten
        String text;
        try (InputStream in = PyFloatTest.class.getResourceAsStream("/pyfloat/python-repr.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
            assertThat(PyFloat.format(d)).as(f[0]).isEqualTo(f[1]);
            checked++;
        }
        assertThat(checked).isGreaterThan(2_500);
    }

    @Test
    void equalsTheDefinitionOnManyValues() {
        // the definition, slowly: shorten Java's text while the correctly rounded shorter decimal still reads back
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> r.nextDouble() * 30;
                case 2 -> (r.nextInt(99) + 1) * Math.pow(10, r.nextInt(40) - 20);
                default -> Double.longBitsToDouble(r.nextLong() >>> 12); // subnormals
            };
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
                continue;
            }
            assertThat(digitsAndExponent(PyFloat.format(d))).as("%s", d).isEqualTo(shortest(d));
        }
    }

    private static BigDecimal shortest(double d) {
        BigDecimal best = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        BigDecimal exact = new BigDecimal(d);
        while (best.precision() > 1) {
            BigDecimal shorter = exact.round(new MathContext(best.precision() - 1, RoundingMode.HALF_EVEN));
            if (shorter.doubleValue() != d) {
                break;
            }
            best = shorter.stripTrailingZeros();
        }
        return best;
    }

    private static BigDecimal digitsAndExponent(String python) {
        return new BigDecimal(python).stripTrailingZeros();
    }

    private static int digits(String s) {
        String mantissa = s.split("[eE]")[0].replace("-", "").replace(".", "").replaceFirst("^0+", "");
        return mantissa.replaceFirst("0+$", "").length();
    }
}
