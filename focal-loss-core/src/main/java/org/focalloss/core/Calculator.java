package org.focalloss.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The softmax focal-loss calculator: logits typed as text, a true class, γ and α in; the softmax
 * probabilities, p_t, CE, the modulator, FL and the suppression ratio CE/FL out.
 *
 * <pre>{@code
 * CalculatorResult r = Calculator.calculate("1.5, -0.8, 0.2", 1);       // γ = 2, α = 0.25
 * System.out.println(r.toText());
 * }</pre>
 */
public final class Calculator {

    /** The calculator's default γ. */
    public static final double DEFAULT_GAMMA = 2.0;
    /** The calculator's default α. */
    public static final double DEFAULT_ALPHA = 0.25;

    private static final Pattern FIELD_SEPARATORS = Pattern.compile("[,;]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Calculator() {
    }

    /**
     * Parses logits from text such as {@code "1.5, -0.8, 0.2"}: numbers separated by commas, semicolons
     * or spaces, optionally inside brackets; the Unicode minus sign (U+2212) is accepted. An empty field
     * between two separators (as in {@code "1.5,,2"} or a trailing comma) is an error, not skipped: a
     * dropped field would silently change the number of classes.
     *
     * @param text the logits
     * @return the logits
     * @throws InvalidArgumentException if the text is empty, a field between commas is empty, or an entry
     *                                  is not a finite decimal number; the message names the entry and its
     *                                  position
     */
    public static double[] parseLogits(String text) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.isEmpty() || FIELD_SEPARATORS.matcher(s).replaceAll("").isBlank()) {
            throw new InvalidArgumentException(
                    "logits are empty: give numbers separated by commas, e.g. \"1.5, -0.8, 0.2\"");
        }
        List<Double> values = new ArrayList<>();
        for (String field : FIELD_SEPARATORS.split(s, -1)) {
            String f = field.strip();
            if (f.isEmpty()) {
                throw new InvalidArgumentException("logit " + (values.size() + 1) + " is empty in "
                        + Check.excerpt(text.strip()) + ": remove the extra comma or put a number there");
            }
            for (String token : SPACES.split(f)) {
                values.add(Check.number("logit " + (values.size() + 1), token));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Parses the true class typed as text, e.g. in the calculator widget's field.
     *
     * @param text the 0-based index, e.g. {@code "1"}
     * @param classes the number of classes (logits), at least 1
     * @return the index
     * @throws InvalidArgumentException if the text is not a whole number or the index is out of range,
     *                                  e.g. {@code target = 3 is out of range [0, 2] for 3 classes}
     */
    public static int parseTarget(String text, int classes) {
        return Check.classIndex("target", text, classes);
    }

    /**
     * The calculator from four texts, as a person types them into the calculator's form.
     *
     * @param logits logits, e.g. {@code "1.5, -0.8, 0.2"}
     * @param target the 0-based true class, e.g. {@code "1"}
     * @param gamma γ ≥ 0, e.g. {@code "2"}
     * @param alpha α ∈ [0, 1], e.g. {@code "0.25"}
     * @return the result
     * @throws InvalidArgumentException for the first field (in this order) that does not parse or is out of range
     */
    public static CalculatorResult calculate(String logits, String target, String gamma, String alpha) {
        double[] z = parseLogits(logits);
        int t = parseTarget(target, z.length);
        return calculate(z, t, Check.gamma(Check.number("gamma", gamma)), Check.alpha(Check.number("alpha", alpha)));
    }

    /**
     * With the calculator's defaults γ = 2 and α = 0.25.
     *
     * @param logits logits as text, e.g. {@code "1.5, -0.8, 0.2"}
     * @param target the 0-based true class
     * @return the result
     * @throws InvalidArgumentException if the logits do not parse or the target is out of range
     */
    public static CalculatorResult calculate(String logits, int target) {
        return calculate(logits, target, DEFAULT_GAMMA, DEFAULT_ALPHA);
    }

    /**
     * @param logits logits as text, e.g. {@code "1.5, -0.8, 0.2"}
     * @param target the 0-based true class
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1] on the true class
     * @return the result
     * @throws InvalidArgumentException if the logits do not parse, or the target, γ or α is out of range
     */
    public static CalculatorResult calculate(String logits, int target, double gamma, double alpha) {
        return calculate(parseLogits(logits), target, gamma, alpha);
    }

    /**
     * @param logits the logits, finite, at least one
     * @param target the 0-based true class
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1] on the true class
     * @return the result
     * @throws InvalidArgumentException if a logit is not finite, or the target, γ or α is out of range
     */
    public static CalculatorResult calculate(double[] logits, int target, double gamma, double alpha) {
        Check.gamma(gamma);
        Check.alpha(alpha);
        SoftmaxFocalLoss.Terms terms = SoftmaxFocalLoss.of(gamma, alpha).evaluate(logits, target);
        return new CalculatorResult(logits, target, gamma, alpha, terms);
    }
}
