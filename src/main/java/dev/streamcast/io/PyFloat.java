package dev.streamcast.io;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

import java.math.BigDecimal;

/**
 * Formats doubles exactly as Python's {@code repr(float)} does: the shortest decimal that parses back to
 * the same double, in fixed notation for decimal exponents -4..15 ({@code 0.0001}, {@code 49.0}) and
 * scientific otherwise ({@code 1e-05}, {@code 1.5e+16}). Traces written this way diff cleanly against
 * creme's, and {@link Double#parseDouble} reads every value back bit for bit.
 */
public final class PyFloat {
    /** Where Java's and Python's texts of a double are the same (both fixed notation): [1e-3, 1e7). */
    private static final double FIXED_FROM = 1e-3;
    private static final double FIXED_TO = 1e7;

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
        // Schubfach (Jackson's copy of JDK 19's Double.toString): the shortest decimal that round-trips, the
        // closest to d among those; where one digit would do it may give two (4.9E-324), which Python does not.
        // That happens to subnormals only: a normal double's neighbours are too close for two one- or two-digit
        // decimals to read back as it. From 1e-3 to 1e7 Java's layout is Python's.
        double abs = Math.abs(d);
        if (abs >= FIXED_FROM && abs < FIXED_TO) {
            return DoubleToDecimal.toString(d);
        }
        String java = DoubleToDecimal.toString(abs);
        char[] digits = new char[java.length()];
        int n = 0;
        int point = -1;
        int exponent = 0;
        for (int i = 0; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == '.') {
                point = n;
            } else if (c == 'E') {
                exponent = Integer.parseInt(java, i + 1, java.length(), 10);
                break;
            } else {
                digits[n++] = c;
            }
        }
        int lead = 0;
        while (digits[lead] == '0') {
            lead++;
        }
        int end = n;
        while (digits[end - 1] == '0') {
            end--;
        }
        exponent += (point < 0 ? n : point) - 1 - lead;
        String significant = new String(digits, lead, end - lead);
        if (significant.length() == 2) {
            String one = oneDigit(abs, significant.charAt(0) - '0', exponent);
            if (one != null) {
                exponent += one.length() - 1; // "10": 9.5 rounded up to the next power of ten
                significant = one.substring(0, 1);
            }
        }
        return layout(d < 0, significant, exponent);
    }

    /**
     * The one-digit decimal {@code a×10^e} or {@code (a+1)×10^e} that reads back as {@code v}, the closer one if both
     * do (ties to the even digit), or null if neither does.
     */
    private static String oneDigit(double v, int a, int e) {
        boolean low = Double.parseDouble(a + "e" + e) == v;
        boolean high = Double.parseDouble((a + 1) + "e" + e) == v;
        if (low && high) {
            BigDecimal exact = new BigDecimal(v);
            int cmp = exact.subtract(BigDecimal.valueOf(a, -e)).compareTo(BigDecimal.valueOf(a + 1, -e).subtract(exact));
            high = cmp > 0 || cmp == 0 && (a + 1) % 2 == 0;
            low = !high;
        }
        return low ? String.valueOf(a) : high ? String.valueOf(a + 1) : null;
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

    /** Python's layout of {@code ±d1.d2d3...×10^exponent}: fixed for exponents -4..15, else scientific. */
    private static String layout(boolean negative, String digits, int exponent) {
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (negative) {
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
