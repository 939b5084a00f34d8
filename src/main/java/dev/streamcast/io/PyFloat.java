package dev.streamcast.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Python's {@code repr(float)} does: the shortest decimal that parses back to
 * the same double, in fixed notation for decimal exponents -4..15 ({@code 0.0001}, {@code 49.0}) and
 * scientific otherwise ({@code 1e-05}, {@code 1.5e+16}). Traces written this way diff cleanly against
 * creme's, and {@link Double#parseDouble} reads every value back bit for bit.
 */
public final class PyFloat {
    private PyFloat() {
    }

    public static String format(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) == 0 ? "0.0" : "-0.0";
        }
        // Double.toString round-trips but on JDK 17 is not always the shortest: shorten while it still round-trips.
        BigDecimal best = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        BigDecimal exact = new BigDecimal(d);
        while (best.precision() > 1) {
            BigDecimal shorter = exact.round(new MathContext(best.precision() - 1, RoundingMode.HALF_EVEN));
            if (shorter.doubleValue() != d) {
                break;
            }
            best = shorter.stripTrailingZeros();
        }
        return layout(best);
    }

    /** Reads what {@link #format} writes ({@code nan}, {@code inf}, {@code -inf} included) back to the same double. */
    public static double parse(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String layout(BigDecimal v) {
        String digits = v.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - v.scale();
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (v.signum() < 0) {
            sb.append('-');
        }
        if (exponent >= -4 && exponent < 16) {
            if (exponent < 0) {
                sb.append("0.");
                sb.append("0".repeat(-exponent - 1));
                sb.append(digits);
            } else if (digits.length() <= exponent + 1) {
                sb.append(digits);
                sb.append("0".repeat(exponent + 1 - digits.length()));
                sb.append(".0");
            } else {
                sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        }
        return sb.toString();
    }
}
