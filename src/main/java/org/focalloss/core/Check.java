package org.focalloss.core;

/**
 * The one place where arguments are checked. Every message names the parameter, prints the bad value
 * and the allowed range, for example {@code gamma = -1.0 is out of range [0, ∞)}, so that the library,
 * the CLI and the notebooks all report bad input the same way.
 *
 * <p>All methods return the checked value so they can be used inline, and throw
 * {@link InvalidArgumentException} (an {@link IllegalArgumentException}) otherwise.
 */
public final class Check {

    /** Range text for γ. */
    public static final String GAMMA_RANGE = "[0, ∞)";
    /** Range text for α. */
    public static final String ALPHA_RANGE = "[0, 1]";
    /** Range text for a probability such as p_t. */
    public static final String PROBABILITY_RANGE = "[0, 1]";
    /** Range text for a strictly positive parameter (γ of FL*, a y ceiling, a divisor). */
    public static final String POSITIVE_RANGE = "(0, ∞)";
    /** Range text for a finite real number. */
    public static final String FINITE_RANGE = "(-∞, ∞)";

    private Check() {
    }

    /**
     * Checks the focusing parameter γ.
     *
     * @param gamma γ
     * @return {@code gamma}
     * @throws InvalidArgumentException if {@code gamma} is negative, NaN or infinite
     */
    public static double gamma(double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw outOfRange("gamma", gamma, GAMMA_RANGE);
        }
        return gamma;
    }

    /**
     * Checks γ of FL*, which divides by γ and therefore needs γ &gt; 0.
     *
     * @param gamma γ
     * @return {@code gamma}
     * @throws InvalidArgumentException if {@code gamma} is not a finite number greater than zero
     */
    public static double positiveGamma(double gamma) {
        return positive("gamma", gamma);
    }

    /**
     * Checks a list of γ values, as the curve tables and charts take them.
     *
     * @param gammas the γ values
     * @return {@code gammas}
     * @throws InvalidArgumentException if the array is null or empty, or a γ is negative, NaN or infinite
     */
    public static double[] gammas(double[] gammas) {
        if (gammas == null || gammas.length == 0) {
            throw new InvalidArgumentException("gammas are empty: give at least one γ, e.g. 2");
        }
        for (double g : gammas) {
            gamma(g);
        }
        return gammas;
    }

    /**
     * Checks a finite, strictly positive value (a y ceiling, a divisor).
     *
     * @param name the parameter name used in the message
     * @param value the value
     * @return {@code value}
     * @throws InvalidArgumentException if {@code value} is not a finite number greater than zero
     */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw outOfRange(name, value, POSITIVE_RANGE);
        }
        return value;
    }

    /**
     * Checks a balancing weight α.
     *
     * @param alpha α
     * @return {@code alpha}
     * @throws InvalidArgumentException if {@code alpha} is outside [0, 1] or NaN
     */
    public static double alpha(double alpha) {
        return unitInterval("alpha", alpha);
    }

    /**
     * Checks a probability, such as p_t, or a soft target.
     *
     * @param name the parameter name used in the message
     * @param value the value
     * @return {@code value}
     * @throws InvalidArgumentException if {@code value} is outside [0, 1] or NaN
     */
    public static double unitInterval(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw outOfRange(name, value, PROBABILITY_RANGE);
        }
        return value;
    }

    /**
     * Checks that a value is a finite number (logits, β).
     *
     * @param name the parameter name used in the message
     * @param value the value
     * @return {@code value}
     * @throws InvalidArgumentException if {@code value} is NaN or infinite
     */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw outOfRange(name, value, FINITE_RANGE);
        }
        return value;
    }

    /**
     * Checks every element of an array of logits.
     *
     * @param name the parameter name used in the message, e.g. {@code "logits"}
     * @param values the values
     * @return {@code values}
     * @throws InvalidArgumentException if the array is empty or an element is NaN or infinite
     */
    public static double[] finite(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new InvalidArgumentException(name + " is empty: give at least one number");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw outOfRange(name + "[" + i + "]", values[i], FINITE_RANGE);
            }
        }
        return values;
    }

    /**
     * Checks a 0-based class index.
     *
     * @param name the parameter name used in the message, e.g. {@code "target"}
     * @param index the index
     * @param classes the number of classes
     * @return {@code index}
     * @throws InvalidArgumentException if {@code index} is outside [0, classes − 1]
     */
    public static int classIndex(String name, int index, int classes) {
        if (index < 0 || index >= classes) {
            throw new InvalidArgumentException(classIndexMessage(name, Integer.toString(index), classes));
        }
        return index;
    }

    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("[+-]?\\d+");

    /**
     * Parses a 0-based class index typed by a person ({@code 1}, {@code +1}; the Unicode minus sign is
     * accepted) and checks it against the number of classes.
     *
     * @param name the parameter name used in the message, e.g. {@code "target"}
     * @param text the text
     * @param classes the number of classes, at least 1
     * @return the index
     * @throws InvalidArgumentException if the text is not a whole number, or the index is outside
     *                                  [0, classes − 1] (however many digits it has)
     */
    public static int classIndex(String name, String text, int classes) {
        String raw = text == null ? "" : text.strip();
        String t = raw.replace('\u2212', '-');
        if (!INDEX.matcher(t).matches()) {
            throw new InvalidArgumentException(name + " = \"" + raw
                    + "\" is not a class index (expected a whole number such as 0 or 1)");
        }
        java.math.BigInteger v = new java.math.BigInteger(t);
        if (v.signum() < 0 || v.compareTo(java.math.BigInteger.valueOf(classes)) >= 0) {
            throw new InvalidArgumentException(classIndexMessage(name, v.toString(), classes));
        }
        return v.intValueExact();
    }

    private static String classIndexMessage(String name, String index, int classes) {
        return name + " = " + index + " is out of range [0, " + (classes - 1) + "] for " + classes
                + (classes == 1 ? " class" : " classes");
    }

    /**
     * Checks a count or size.
     *
     * @param name the parameter name used in the message
     * @param value the value
     * @param min the smallest allowed value
     * @return {@code value}
     * @throws InvalidArgumentException if {@code value < min}
     */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new InvalidArgumentException(name + " = " + value + " is out of range [" + min + ", ∞)");
        }
        return value;
    }

    /**
     * Checks that {@code lo < hi}, both within [0, ∞); used for γ ranges.
     *
     * @param name the parameter name used in the message
     * @param lo the lower end
     * @param hi the upper end
     * @throws InvalidArgumentException if either end is negative, NaN or infinite, or {@code lo >= hi}
     */
    public static void gammaRange(String name, double lo, double hi) {
        if (!(lo >= 0) || Double.isInfinite(lo)) {
            throw outOfRange(name + " minimum", lo, GAMMA_RANGE);
        }
        if (!(hi >= 0) || Double.isInfinite(hi)) {
            throw outOfRange(name + " maximum", hi, GAMMA_RANGE);
        }
        nonEmpty(name, lo, hi);
    }

    /**
     * Checks that an interval whose ends were checked already is not empty.
     *
     * @param name the parameter name used in the message, e.g. {@code "p_t range"}
     * @param lo the lower end
     * @param hi the upper end
     * @throws InvalidArgumentException if {@code lo >= hi}
     */
    public static void nonEmpty(String name, double lo, double hi) {
        if (!(lo < hi)) {
            throw new InvalidArgumentException(name + " [" + Fmt.plain(lo) + ", " + Fmt.plain(hi)
                    + "] is empty: the minimum must be less than the maximum");
        }
    }

    /**
     * Checks that two lengths agree.
     *
     * @param what what is being compared, e.g. {@code "targets"}
     * @param actual the actual length
     * @param expected the expected length
     * @throws InvalidArgumentException if they differ
     */
    public static void sameLength(String what, int actual, int expected) {
        if (actual != expected) {
            throw new InvalidArgumentException(what + " has length " + actual + " but " + expected + " was expected");
        }
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * Parses a finite decimal number typed by a person or read from a file: digits with an optional sign,
     * decimal point and exponent ({@code 1.5}, {@code -0.8}, {@code 2e-3}); the Unicode minus sign (U+2212)
     * is accepted. Java-only forms such as {@code 0x10}, {@code 1.5d}, {@code NaN} and {@code Infinity}
     * are refused.
     *
     * @param name what the text is, used in the message, e.g. {@code "logit 2"}
     * @param text the text
     * @return the number
     * @throws InvalidArgumentException if the text is not a decimal number, or is too large to be finite
     */
    public static double number(String name, String text) {
        String t = text == null ? "" : text.strip().replace('\u2212', '-');
        if (!DECIMAL.matcher(t).matches()) {
            throw new InvalidArgumentException(name + " = \"" + (text == null ? "" : text.strip())
                    + "\" is not a number (expected e.g. 1.5 or -0.8)");
        }
        return finite(name, Double.parseDouble(t));
    }

    /**
     * The standard message: {@code name = value is out of range RANGE}.
     *
     * @param name the parameter name
     * @param value the bad value
     * @param range the allowed range, e.g. {@code "[0, ∞)"}
     * @return the exception to throw
     */
    public static InvalidArgumentException outOfRange(String name, double value, String range) {
        return new InvalidArgumentException(name + " = " + Fmt.plain(value) + " is out of range " + range);
    }
}
