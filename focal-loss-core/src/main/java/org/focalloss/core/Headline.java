package org.focalloss.core;

/**
 * The headline sentence that summarises what γ does at one p_t:
 * <blockquote>Focal loss with γ = 2.00. At p_t = 0.9 the modulating factor is 0.010, suppressing the
 * cross-entropy loss by 100×.</blockquote>
 *
 * <p>The rules are simple so that the explorer's script can follow them to the letter (its output is
 * tested against this class): γ with two decimals; p_t with at most four decimals and no trailing zeros;
 * the modulator m = (1 − p_t)^γ with three decimals, or as {@code 1.0e-05} below 0.001; the suppression
 * 1/m = CE/FL (for α = 1) with one decimal below 10, as a grouped whole number below 10^6, in scientific
 * form above. When m = 1 (γ = 0, or p_t = 0) the loss is left unchanged, and when the suppression
 * rounds to 1.0 (below 1.05, e.g. γ = 10⁻¹²) it is left practically unchanged, so the sentence never
 * claims a "suppression by 1.0×"; when m = 0 it is silenced.
 *
 * <p>The sentence speaks of the modulator alone, as the explorer (which has no α) shows it. Where an α
 * multiplies the loss too, {@link #sentence(double, double, double)} says so and adds the full ratio
 * CE / FL = 1 / (α·m), the number the calculator prints.
 */
public final class Headline {

    private Headline() {
    }

    /**
     * @param gamma γ ≥ 0
     * @param pt p_t ∈ [0, 1]
     * @return the sentence
     * @throws InvalidArgumentException if γ or p_t is out of range
     */
    public static String sentence(double gamma, double pt) {
        double m = FocalLoss.modulator(pt, gamma);
        String start = "Focal loss with γ = " + Fmt.fixed(gamma, 2) + ". At p_t = " + Fmt.trimmed(pt, 4)
                + " the modulating factor is " + modulatorText(m);
        return start + effect(m, "") + ".";
    }

    private static String effect(double m, String suffix) {
        if (m == 1) {
            return ", leaving the cross-entropy loss unchanged";
        }
        if (m == 0) {
            return ", silencing the loss completely";
        }
        String ratio = suppressionText(1 / m);
        if (ratio.equals("1.0")) {
            return ", leaving the cross-entropy loss practically unchanged";
        }
        return ", suppressing the cross-entropy loss by " + ratio + "×" + suffix;
    }

    /**
     * The headline with α: the modulator's suppression as in {@link #sentence(double, double)}, marked as
     * the modulator's alone, then the whole ratio CE / FL = 1 / (α·(1 − p_t)^γ), e.g.
     * <blockquote>Focal loss with γ = 2.00. At p_t = 0.9 the modulating factor is 0.010, suppressing the
     * cross-entropy loss by 100× (the modulator alone). With α = 0.25 as well, CE / FL = 400×.</blockquote>
     * For α = 1 it is exactly {@link #sentence(double, double)}.
     *
     * @param gamma γ ≥ 0
     * @param pt p_t ∈ [0, 1]
     * @param alpha α ∈ [0, 1], the weight of the true class
     * @return the sentence
     * @throws InvalidArgumentException if γ, p_t or α is out of range
     */
    public static String sentence(double gamma, double pt, double alpha) {
        Check.alpha(alpha);
        if (alpha == 1) {
            return sentence(gamma, pt);
        }
        double m = FocalLoss.modulator(pt, gamma);
        String start = "Focal loss with γ = " + Fmt.fixed(gamma, 2) + ". At p_t = " + Fmt.trimmed(pt, 4)
                + " the modulating factor is " + modulatorText(m);
        return start + effect(m, " (the modulator alone)") + ". With α = " + Fmt.trimmed(alpha, 4)
                + " as well, CE / FL = " + ratioText(1 / (alpha * m)) + ".";
    }

    /**
     * @param ratio CE/FL, at least 1, or ∞
     * @return {@link #suppressionText} followed by ×, or ∞ when FL = 0
     */
    public static String ratioText(double ratio) {
        return Double.isInfinite(ratio) ? "∞" : suppressionText(ratio) + "×";
    }

    /**
     * @param m the modulator, in [0, 1]
     * @return three decimals, or scientific notation below 0.001
     */
    public static String modulatorText(double m) {
        if (m == 0) {
            return "0";
        }
        return m >= 0.001 ? Fmt.fixed(m, 3) : Fmt.exponential(m, 1);
    }

    /**
     * @param ratio CE/FL, at least 1
     * @return one decimal below 10, a grouped whole number below 10^6, scientific notation above
     */
    public static String suppressionText(double ratio) {
        if (ratio < 10) {
            return Fmt.fixed(ratio, 1);
        }
        if (ratio < 1e6) {
            return Fmt.grouped(ratio);
        }
        return Fmt.exponential(ratio, 1);
    }
}
