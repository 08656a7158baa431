package org.focalloss.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Locale-independent number formatting. Rounding is half away from zero on the exact binary value,
 * as JavaScript's {@code Number.prototype.toFixed} and {@code toExponential} do, so that the interactive
 * explorer's script prints exactly the same text as the library.
 */
public final class Fmt {

    private Fmt() {
    }

    /**
     * The value as Java prints a double ({@code -1.0}, {@code 0.25}, {@code 1.0E-5}, {@code NaN},
     * {@code Infinity}), independent of the default locale and of the JDK: the shortest digits that read
     * back to the same double, as JDK 19+ {@code Double.toString} prints them. Used in error messages.
     *
     * @param x the value
     * @return its text
     */
    public static String plain(double x) {
        if (!Double.isFinite(x) || x == 0) {
            return Double.toString(x);
        }
        BigDecimal d = shortestDecimal(Math.abs(x));
        String digits = d.unscaledValue().toString();
        int exponent = digits.length() - 1 - d.scale();   // x = 0.d1d2… × 10^(exponent + 1)
        String sign = x < 0 ? "-" : "";
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e7) {
            String p = d.toPlainString();
            return sign + (p.indexOf('.') < 0 ? p + ".0" : p);
        }
        return sign + digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0") + "E" + exponent;
    }

    /**
     * The shortest decimal that reads back to {@code a} (at least two digits when one would do, then the
     * closest, ties to an even last digit), without trailing zeros: the digits JDK 19+ {@code Double.toString}
     * and JavaScript print. JDK 17's {@code Double.toString} sometimes prints more digits
     * ({@code 9.999999999999999E22} for 1e23, {@code 1.0E-323} for 9.9e-324); this does not depend on the JDK.
     *
     * @param a a finite value &gt; 0
     * @return the decimal
     */
    static BigDecimal shortestDecimal(double a) {
        BigDecimal exact = new BigDecimal(a);
        BigDecimal best = null;
        for (int p = 1; p <= 17 && best == null; p++) {
            best = closestRoundTrip(exact, a, p);
            if (best != null && p == 1) {
                BigDecimal two = closestRoundTrip(exact, a, 2);
                if (two != null && two.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                    best = two;
                }
            }
        }
        return best.stripTrailingZeros();
    }

    /** Among the p-digit decimals next to the exact value, the closest one that reads back to a, or null. */
    private static BigDecimal closestRoundTrip(BigDecimal exact, double a, int p) {
        BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        BigDecimal unit = nearest.ulp();
        BigDecimal best = null;
        for (BigDecimal c : new BigDecimal[] {nearest, nearest.subtract(unit), nearest.add(unit)}) {
            if (c.signum() > 0 && Double.parseDouble(c.toString()) == a) {
                if (best == null) {
                    best = c;
                } else {
                    int cmp = c.subtract(exact).abs().compareTo(best.subtract(exact).abs());
                    if (cmp < 0 || (cmp == 0 && c.unscaledValue().testBit(0) == false)) {
                        best = c;
                    }
                }
            }
        }
        return best;
    }

    /**
     * The shortest decimal that reads back to {@code x}, written out without exponent and trailing zeros:
     * {@code 1.5}, {@code -0.8}, {@code 10000}, {@code 0.00001}; {@code 0} for zero. How the calculator
     * prints a logit.
     *
     * @param x a finite value
     * @return the text
     */
    public static String decimal(double x) {
        if (x == 0) {
            return "0";
        }
        return (x < 0 ? "-" : "") + shortestDecimal(Math.abs(x)).toPlainString();
    }

    /**
     * Fixed-point text with {@code digits} decimals, like JavaScript's {@code x.toFixed(digits)}.
     *
     * @param x a finite value
     * @param digits decimals, 0 to 20
     * @return e.g. {@code fixed(0.01, 3) = "0.010"}
     */
    public static String fixed(double x, int digits) {
        if (!Double.isFinite(x)) {
            return plain(x);
        }
        String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_UP).toPlainString();
        // JavaScript keeps the minus sign of a negative value that rounds to zero ("-0.00").
        if (x < 0 && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /**
     * Fixed-point text with at most {@code digits} decimals and no trailing zeros:
     * {@code trimmed(0.9, 4) = "0.9"}, {@code trimmed(1.0, 4) = "1"}.
     *
     * @param x a finite value
     * @param digits the most decimals
     * @return the text
     */
    public static String trimmed(double x, int digits) {
        String s = fixed(x, digits);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    /**
     * Scientific text with {@code digits} mantissa decimals and an exponent of at least two digits, as
     * C's {@code printf("%.*e")}, Python and NumPy print it: {@code exponential(1e-5, 1) = "1.0e-05"},
     * {@code exponential(12345, 2) = "1.23e+04"}. Rounds half away from zero on the exact binary value,
     * like JavaScript's {@code toExponential}.
     *
     * @param x a finite value
     * @param digits decimals of the mantissa
     * @return the text
     */
    public static String exponential(double x, int digits) {
        if (!Double.isFinite(x)) {
            return plain(x);
        }
        if (x == 0) {
            return (digits == 0 ? "0" : "0." + "0".repeat(digits)) + "e+00";
        }
        BigDecimal b = new BigDecimal(x).round(new MathContext(digits + 1, RoundingMode.HALF_UP));
        int exponent = b.precision() - b.scale() - 1;
        BigDecimal mantissa = b.movePointLeft(exponent).setScale(digits, RoundingMode.HALF_UP);
        int abs = Math.abs(exponent);
        return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
    }

    /**
     * How the calculator prints a value: six decimals between 0.001 and 10^6 ({@code 0.562143}),
     * scientific with four decimals otherwise ({@code 2.5354e-05}), {@code 0} for zero.
     *
     * @param x a finite value
     * @return the text
     */
    public static String value(double x) {
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a >= 0.001 && a < 1e6) {
            return fixed(x, 6);
        }
        return exponential(x, 4);
    }

    /**
     * A whole number with comma grouping, e.g. {@code "100,000"}, like JavaScript's
     * {@code Math.round(x).toLocaleString("en-US")} for values below 10^15.
     *
     * @param x a non-negative value below 10^15
     * @return the text
     */
    public static String grouped(double x) {
        BigDecimal b = new BigDecimal(x).setScale(0, RoundingMode.HALF_UP);
        String digits = b.toPlainString();
        StringBuilder out = new StringBuilder();
        int start = digits.startsWith("-") ? 1 : 0;
        out.append(digits, 0, start);
        int n = digits.length() - start;
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(start + i));
        }
        return out.toString();
    }

    /**
     * Full double precision for CSV output: the shortest text that reads back to the same double.
     *
     * @param x the value
     * @return the text, e.g. {@code 0.5621429636521977}
     */
    public static String full(double x) {
        return plain(x == 0 ? 0.0 : x); // no "-0.0"
    }
}
