package org.focalloss.experiment;

import java.util.Arrays;
import org.focalloss.core.Check;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.SigmoidFocalLoss;

/**
 * The paper's Fig. 4 statistic (Lin et al., 2017, §5.1): take one trained model's predictions, compute
 * each example's focal loss FL(p_t) = −(1 − p_t)^γ log p_t for a given γ (α does not matter: it scales a
 * class uniformly and the loss is normalised), sort the examples of one class by loss from the smallest
 * to the largest, and plot the cumulative share of the total loss against the fraction of examples.
 *
 * <p>A diagonal means every example carries the same loss. A curve that stays near 0 and jumps at the
 * right end means a small fraction of hard examples carries almost all the loss, which is what γ = 2
 * does to the background in the paper. Limits: the curve starts at (0, 0) and ends at (1, 1); an
 * all-zero loss (impossible for finite logits) is refused.
 *
 * @param gamma γ ≥ 0 used to evaluate the loss
 * @param fraction fraction of examples, increasing from 0 to 1
 * @param cumulative cumulative normalised loss at each fraction, from 0 to 1
 * @param sortedLoss the examples' losses, ascending
 */
public record LossCdf(double gamma, double[] fraction, double[] cumulative, double[] sortedLoss) {

    /**
     * The curve of one class.
     *
     * @param logits the model's logits
     * @param positive each example's class
     * @param ofPositives true for the positives' curve, false for the negatives'
     * @param gamma γ ≥ 0
     * @return the curve, with one point per example (plus the origin)
     * @throws InvalidArgumentException if γ is out of range, the lengths differ or the class is empty
     */
    public static LossCdf of(double[] logits, boolean[] positive, boolean ofPositives, double gamma) {
        Check.gamma(gamma);
        Check.sameLength("labels", positive.length, logits.length);
        SigmoidFocalLoss fl = SigmoidFocalLoss.builder().gamma(gamma).noAlpha().build();
        int n = 0;
        for (boolean p : positive) {
            n += p == ofPositives ? 1 : 0;
        }
        if (n == 0) {
            throw new InvalidArgumentException("there are no " + (ofPositives ? "positives" : "negatives")
                    + " to draw the loss distribution of");
        }
        double[] loss = new double[n];
        int m = 0;
        for (int i = 0; i < logits.length; i++) {
            if (positive[i] == ofPositives) {
                loss[m++] = fl.loss(logits[i], ofPositives ? 1 : 0);
            }
        }
        Arrays.sort(loss);
        double total = 0;
        for (double l : loss) {
            total += l;
        }
        if (!(total > 0)) {
            throw new InvalidArgumentException("every loss is 0: there is no distribution to draw");
        }
        double[] fraction = new double[n + 1];
        double[] cumulative = new double[n + 1];
        double running = 0;
        for (int i = 0; i < n; i++) {
            running += loss[i];
            fraction[i + 1] = (double) (i + 1) / n;
            cumulative[i + 1] = running / total;
        }
        cumulative[n] = 1;
        return new LossCdf(gamma, fraction, cumulative, loss);
    }

    /**
     * @param hardest a fraction of examples in (0, 1]
     * @return the share of the total loss carried by that fraction of the hardest (largest-loss) examples
     * @throws InvalidArgumentException if the fraction is out of range
     */
    public double shareOfHardest(double hardest) {
        if (!(hardest > 0 && hardest <= 1)) {
            throw Check.outOfRange("hardest", hardest, "(0, 1]");
        }
        int n = sortedLoss.length;
        int keep = n - (int) Math.round(hardest * n);
        return 1 - cumulative[Math.max(0, Math.min(n, keep))];
    }

    /**
     * @param share a share of the total loss in (0, 1]
     * @return the smallest fraction of the hardest examples that together carry at least that share
     * @throws InvalidArgumentException if the share is out of range
     */
    public double hardestFractionCarrying(double share) {
        if (!(share > 0 && share <= 1)) {
            throw Check.outOfRange("share", share, "(0, 1]");
        }
        int n = sortedLoss.length;
        for (int k = 1; k <= n; k++) {
            if (1 - cumulative[n - k] >= share - 1e-12) {
                return (double) k / n;
            }
        }
        return 1;
    }

    /**
     * A thinned copy for drawing, with at most about {@code points} points spread evenly over the
     * fraction axis (the ends kept).
     *
     * @param points at least 2
     * @return the thinned curve (sortedLoss is kept whole)
     * @throws InvalidArgumentException if points &lt; 2
     */
    public LossCdf thinned(int points) {
        Check.atLeast("points", points, 2);
        int n = fraction.length;
        if (n <= points) {
            return this;
        }
        double[] f = new double[points];
        double[] c = new double[points];
        for (int i = 0; i < points; i++) {
            int k = (int) Math.round((double) i * (n - 1) / (points - 1));
            f[i] = fraction[k];
            c[i] = cumulative[k];
        }
        return new LossCdf(gamma, f, c, sortedLoss);
    }
}
