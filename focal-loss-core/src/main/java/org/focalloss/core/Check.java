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
        notNull("gammas", gammas);
        if (gammas.length == 0) {
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
     * Checks a fixed divisor of a reduction (a known number of positive anchors): at least 1, as Detectron
     * and MMDetection clamp it. A smaller divisor would scale float gradients past the float range.
     *
     * @param value the divisor
     * @return {@code value}
     * @throws InvalidArgumentException if {@code value} is below 1, NaN or infinite
     */
    public static double divisor(double value) {
        if (!(value >= 1) || Double.isInfinite(value)) {
            throw outOfRange("divisor", value, "[1, ∞)");
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
     * @throws InvalidArgumentException if the array is null or empty or an element is NaN or infinite
     */
    public static double[] finite(String name, double[] values) {
        notNull(name, values);
        if (values.length == 0) {
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

    /**
     * Checks a sigmoid ignore label: a target value that marks an element to be left out (loss 0, gradient
     * 0, not counted by a mean), such as −1 or segmentation's 255. It must not be a target itself.
     *
     * @param label the label
     * @return {@code label}
     * @throws InvalidArgumentException if the label is NaN, or it (or its float rounding, as float data
     *                                  compare it) lies in [0, 1], the range of real targets
     */
    public static double ignoreLabel(double label) {
        if (Double.isNaN(label) || ((float) label >= 0 && (float) label <= 1)) {
            throw new InvalidArgumentException("ignore label = " + Fmt.plain(label) + " is "
                    + (Double.isNaN(label) ? "not a number" : "a valid target")
                    + ": choose a label outside [0, 1], e.g. -1 or 255");
        }
        return label;
    }

    /**
     * Parses a whole number typed by a person that may be negative, such as a softmax ignore index
     * ({@code -100}, {@code 255}; the minus look-alikes of {@link #number} are accepted).
     *
     * @param name the parameter name used in the message, e.g. {@code "ignore index"}
     * @param text the text
     * @return the number
     * @throws InvalidArgumentException if the text is not a whole number in [−2³¹, 2³¹ − 1]
     */
    public static int wholeNumber(String name, String text) {
        String raw = text == null ? "" : text.strip();
        String t = asciiMinus(raw);
        if (!INDEX.matcher(t).matches()) {
            throw new InvalidArgumentException(name + " = " + excerpt(raw) + " is not a whole number (e.g. -100 or 255)");
        }
        java.math.BigInteger v = new java.math.BigInteger(t);
        if (v.bitLength() > 31) {
            String digits = v.toString();
            throw new InvalidArgumentException(name + " = " + (digits.length() > EXCERPT_LENGTH ? excerpt(digits) : digits)
                    + " is out of range ["
                    + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]");
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

    /**
     * Checks a weight, which may be any finite number ≥ 0 (class weights, sample weights, kornia's
     * {@code pos_weight}).
     *
     * @param name the parameter name used in the message, e.g. {@code "weight[3]"}
     * @param value the value
     * @return {@code value}
     * @throws InvalidArgumentException if {@code value} is negative, NaN or infinite
     */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw outOfRange(name, value, "[0, ∞)");
        }
        return value;
    }

    /**
     * Checks every element of a weight array (see {@link #nonNegative(String, double)}).
     *
     * @param name the array's name used in the message, e.g. {@code "class weights"}
     * @param values the weights
     * @return {@code values}
     * @throws InvalidArgumentException if the array is empty or an element is negative, NaN or infinite
     */
    public static double[] nonNegative(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new InvalidArgumentException(name + " is empty: give at least one weight");
        }
        for (int i = 0; i < values.length; i++) {
            nonNegative(name + "[" + i + "]", values[i]);
        }
        return values;
    }

    /**
     * Checks the ε of Poly-1 (Leng et al., 2022), which must keep the loss bounded below: ε ≥ −1.
     *
     * @param epsilon ε
     * @return {@code epsilon}
     * @throws InvalidArgumentException if ε &lt; −1, NaN or infinite
     */
    public static double polyEpsilon(double epsilon) {
        if (!(epsilon >= -1) || Double.isInfinite(epsilon)) {
            throw outOfRange("poly epsilon", epsilon, "[-1, ∞)");
        }
        return epsilon;
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** Characters read as a minus sign: U+2212 minus and the dashes word processors substitute for it. */
    private static final String MINUS_LOOKALIKES = "\u2212\u2010\u2011\u2012\u2013\uFE63\uFF0D";

    /** The text with every {@link #MINUS_LOOKALIKES} character replaced by an ASCII '-'. */
    private static String asciiMinus(String text) {
        String t = text;
        for (int k = 0; k < MINUS_LOOKALIKES.length(); k++) {
            t = t.replace(MINUS_LOOKALIKES.charAt(k), '-');
        }
        return t;
    }

    /** Longest piece of bad input quoted in a message; the rest is cut. */
    public static final int EXCERPT_LENGTH = 40;

    /**
     * Parses a finite decimal number typed by a person or read from a file: digits with an optional sign,
     * decimal point and exponent ({@code 1.5}, {@code -0.8}, {@code 2e-3}); the Unicode minus sign (U+2212)
     * and the dashes that look like it (U+2010 to U+2013, U+FE63, U+FF0D) are read as a minus. Java-only
     * forms such as {@code 0x10}, {@code 1.5d}, {@code NaN} and {@code Infinity} are refused, and so is a
     * number beyond ±{@link Double#MAX_VALUE} (about ±1.8e308) such as {@code 1e400}. Numbers below the
     * smallest subnormal round to 0, as {@link Double#parseDouble} does.
     *
     * @param name what the text is, used in the message, e.g. {@code "logit 2"}
     * @param text the text
     * @return the number
     * @throws InvalidArgumentException if the text is not a decimal number, or is too large to be finite;
     *                                  a long text is cut in the message to its first 40 characters
     */
    public static double number(String name, String text) {
        String t = asciiMinus(text == null ? "" : text.strip());
        if (t.indexOf('\uFFFD') >= 0) {
            throw new InvalidArgumentException(name + " = " + excerpt(text.strip()) + " contains a character that"
                    + " could not be decoded (shown as \uFFFD): the text was not in the expected encoding; type"
                    + " an ASCII minus '-' or use UTF-8 (e.g. LANG=C.UTF-8)");
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new InvalidArgumentException(name + " = " + excerpt(text == null ? "" : text.strip())
                    + " is not a number (expected e.g. 1.5 or -0.8)");
        }
        double v = Double.parseDouble(t);
        if (Double.isInfinite(v)) {
            throw new InvalidArgumentException(name + " = " + excerpt(t) + " is too large: numbers must lie"
                    + " within ±1.8e308 (Double.MAX_VALUE)");
        }
        return v;
    }

    /**
     * Quotes a piece of bad input for a message: in double quotes, control characters written as
     * {@code \}{@code uXXXX}, and cut after {@link #EXCERPT_LENGTH} characters with "…" and the full length,
     * so a 10 MB junk field costs one short line.
     *
     * @param text the text, may be null (then {@code ""})
     * @return the quoted excerpt
     */
    public static String excerpt(String text) {
        String s = text == null ? "" : text;
        int n = s.length();
        int cut = Math.min(n, EXCERPT_LENGTH);
        if (cut < n && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        StringBuilder b = new StringBuilder(cut + 24).append('"');
        for (int i = 0; i < cut; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append(cut < n ? "…\" (" + n + " characters)" : "\"");
        return b.toString();
    }

    /**
     * Checks that an array argument is given.
     *
     * @param name the parameter name used in the message, e.g. {@code "logits"}
     * @param array the array (any element type)
     * @param <T> the array type
     * @return {@code array}
     * @throws InvalidArgumentException if {@code array} is null
     */
    public static <T> T notNull(String name, T array) {
        if (array == null) {
            throw new InvalidArgumentException(name + " is null: give an array");
        }
        return array;
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
