package org.focalloss.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * What the softmax calculator shows: the softmax probabilities, p_t, CE, the modulator (1 − p_t)^γ,
 * FL = α·(1 − p_t)^γ·CE and the suppression ratio CE/FL, as plain text, Markdown or CSV.
 *
 * @param logits the logits
 * @param target the 0-based true class
 * @param gamma γ
 * @param alpha α on the true class
 * @param terms the exact evaluation
 */
public record CalculatorResult(double[] logits, int target, double gamma, double alpha, SoftmaxFocalLoss.Terms terms) {

    /**
     * @throws NullPointerException if logits or terms is null
     */
    public CalculatorResult {
        logits = logits.clone();
    }

    @Override
    public double[] logits() {
        return logits.clone();
    }

    /**
     * @return softmax(z)
     */
    public double[] probabilities() {
        return terms.probabilities();
    }

    /**
     * @return p_t, the probability of the true class
     */
    public double pt() {
        return terms.pt();
    }

    /**
     * 1 − p_t as the sum of the other classes' probabilities, so it is never rounded as 1 − p_t: for a
     * confident prediction (p_t → 1) it keeps its relative precision where the subtraction would give 0.
     *
     * @return Σ_{j≠t} p_j, in [0, 1]; 0 for a single class
     */
    public double oneMinusPt() {
        double[] p = terms.probabilities();
        double q = 0;
        for (int j = 0; j < p.length; j++) {
            if (j != target) {
                q += p[j];
            }
        }
        return q;
    }

    /**
     * @return CE = −log p_t
     */
    public double crossEntropy() {
        return terms.crossEntropy();
    }

    /**
     * @return the modulating factor (1 − p_t)^γ
     */
    public double modulator() {
        return terms.modulator();
    }

    /**
     * @return FL = α·(1 − p_t)^γ·CE
     */
    public double loss() {
        return terms.loss();
    }

    /**
     * CE / FL = 1 / (α·(1 − p_t)^γ): how many times focal loss is smaller than cross-entropy, α included.
     * Computed from α and the modulator, so it is defined where CE and FL are both 0 or both infinite:
     * 1/α at p_t = 0, ∞ at p_t = 1 (for γ &gt; 0) and for α = 0.
     *
     * @return the ratio, at least 1, or ∞
     */
    public double suppression() {
        return 1 / (alpha * terms.modulator());
    }

    /**
     * @return the headline for this γ at this p_t, with α and the full ratio CE / FL when α ≠ 1
     *     ({@link Headline#sentence(double, double, double)})
     */
    public String headline() {
        return Headline.sentence(gamma, terms.pt(), alpha);
    }

    /**
     * One quantity the calculator shows, with its label and its text as every view prints it.
     *
     * @param label e.g. {@code "CE = −log p_t"}
     * @param value the exact value
     * @param text the value as shown, e.g. {@code "0.047433"} or {@code "4.7×"}
     */
    public record Quantity(String label, double value, String text) {
    }

    /**
     * The quantities the text, Markdown and HTML views show, in order, with their labels and formatted
     * values: the one source of both, so no two views of a result can disagree.
     *
     * @return p_t, CE, the modulator, FL and CE / FL
     */
    public java.util.List<Quantity> quantities() {
        return java.util.List.of(
                new Quantity("p_t", pt(), Fmt.value(pt())),
                new Quantity("CE = −log p_t", crossEntropy(), Fmt.value(crossEntropy())),
                new Quantity("modulator (1 − p_t)^γ", modulator(), Fmt.value(modulator())),
                new Quantity("FL = α·(1 − p_t)^γ·CE", loss(), Fmt.value(loss())),
                new Quantity("CE / FL = 1 / (α·(1 − p_t)^γ)", suppression(), Headline.ratioText(suppression())));
    }

    /**
     * The same calculation with the modulator and CE rounded to {@code decimals} decimals before they
     * are multiplied, as a hand calculation (or a web page that rounds what it displays) would do.
     *
     * @param decimals decimals kept, 0 to 15
     * @return the rounded calculation
     * @throws InvalidArgumentException if decimals is outside [0, 15]
     */
    public Rounded roundedIntermediates(int decimals) {
        if (decimals < 0 || decimals > 15) {
            throw new InvalidArgumentException("decimals = " + decimals + " is out of range [0, 15]");
        }
        double m = round(modulator(), decimals);
        double ce = round(crossEntropy(), decimals);
        return new Rounded(decimals, m, ce, alpha * m * ce, loss());
    }

    private static double round(double x, int decimals) {
        return new BigDecimal(Double.toString(x)).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * @return the result as aligned plain text
     */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("Softmax focal loss: γ = ").append(Fmt.trimmed(gamma, 6)).append(", α = ")
                .append(Fmt.trimmed(alpha, 6)).append(", true class ").append(target).append('\n');
        b.append(String.format(java.util.Locale.ROOT, "%-7s %12s %12s%n", "class", "logit", "softmax p"));
        double[] p = terms.probabilities();
        for (int j = 0; j < logits.length; j++) {
            b.append(String.format(java.util.Locale.ROOT, "%-7s %12s %12s%n", j == target ? j + " *" : Integer.toString(j),
                    shortest(logits[j]), Fmt.value(p[j])));
        }
        for (Quantity q : quantities()) {
            b.append(String.format(java.util.Locale.ROOT, "%-30s %s%n", q.label(), q.text()));
        }
        return b.toString();
    }

    /**
     * @return the result as two Markdown tables (classes, then quantities)
     */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("| class | logit | softmax p |\n|---:|---:|---:|\n");
        double[] p = terms.probabilities();
        for (int j = 0; j < logits.length; j++) {
            String cls = j == target ? "**" + j + " (true)**" : Integer.toString(j);
            b.append("| ").append(cls).append(" | ").append(shortest(logits[j])).append(" | ")
                    .append(Fmt.value(p[j])).append(" |\n");
        }
        b.append("\n| quantity | value |\n|---|---:|\n");
        for (Quantity q : quantities()) {
            b.append("| ").append(q.label()).append(" | ").append(q.text()).append(" |\n");
        }
        return b.toString();
    }

    /**
     * The "copy results" CSV: one {@code quantity,value} row per number, in full double precision.
     *
     * @return the CSV text with a header line
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder("quantity,value\n");
        double[] p = terms.probabilities();
        for (int j = 0; j < logits.length; j++) {
            b.append("logit_").append(j).append(',').append(Fmt.full(logits[j])).append('\n');
        }
        for (int j = 0; j < p.length; j++) {
            b.append("p_").append(j).append(',').append(Fmt.full(p[j])).append('\n');
        }
        b.append("target,").append(target).append('\n');
        b.append("gamma,").append(Fmt.full(gamma)).append('\n');
        b.append("alpha,").append(Fmt.full(alpha)).append('\n');
        b.append("p_t,").append(Fmt.full(pt())).append('\n');
        b.append("ce,").append(Fmt.full(crossEntropy())).append('\n');
        b.append("modulator,").append(Fmt.full(modulator())).append('\n');
        b.append("fl,").append(Fmt.full(loss())).append('\n');
        b.append("ce_over_fl,").append(Fmt.full(suppression())).append('\n');
        return b.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    private static String shortest(double x) {
        return Fmt.decimal(x);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalculatorResult other && Arrays.equals(logits, other.logits) && target == other.target
                && Double.compare(gamma, other.gamma) == 0 && Double.compare(alpha, other.alpha) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(logits) * 31 + target;
    }

    /**
     * A calculation with rounded intermediates.
     *
     * @param decimals decimals kept
     * @param modulator the rounded modulator
     * @param crossEntropy the rounded CE
     * @param loss α × rounded modulator × rounded CE
     * @param exactLoss the exact FL
     */
    public record Rounded(int decimals, double modulator, double crossEntropy, double loss, double exactLoss) {

        /**
         * @return (rounded − exact) / exact
         */
        public double relativeError() {
            return (loss - exactLoss) / exactLoss;
        }

        /**
         * @param alpha the α that multiplies the rounded factors
         * @return the product written out, e.g. {@code 0.25 × 0.0021 × 0.0474 = 2.4885e-05}
         */
        public String product(double alpha) {
            return Fmt.trimmed(alpha, 6) + " × " + Fmt.fixed(modulator, decimals) + " × "
                    + Fmt.fixed(crossEntropy, decimals) + " = " + Fmt.value(loss);
        }

        /**
         * @return e.g. {@code "1.85 % below"} or {@code "0.0020 % above"}
         */
        public String relativeErrorText() {
            double pct = 100 * Math.abs(relativeError());
            String amount = pct >= 0.1 ? Fmt.fixed(pct, 2) : Fmt.fixed(pct, 4);
            return amount + " % " + (relativeError() < 0 ? "below" : "above");
        }
    }
}
