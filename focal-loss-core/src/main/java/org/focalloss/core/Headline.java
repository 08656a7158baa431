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
 * form above. When m = 1 (γ = 0, or p_t = 0) the loss is left unchanged; when m = 0 it is silenced.
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
        if (m == 1) {
            return start + ", leaving the cross-entropy loss unchanged.";
        }
        if (m == 0) {
            return start + ", silencing the loss completely.";
        }
        return start + ", suppressing the cross-entropy loss by " + suppressionText(1 / m) + "×.";
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
