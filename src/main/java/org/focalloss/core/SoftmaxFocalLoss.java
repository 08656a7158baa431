package org.focalloss.core;

import java.util.Arrays;

/**
 * Multi-class (softmax) focal loss from logits.
 *
 * <p>For logits z_0 … z_{C−1} and a true class t, with p = softmax(z):
 * <pre>
 *   CE = −log p_t
 *   FL = −α · (1−p_t)^γ · log p_t
 *   dFL/dz_j = α · (δ_jt − p_j) · [γ·p_t·(1−p_t)^(γ−1)·log p_t − (1−p_t)^γ]
 * </pre>
 * α is either one scalar applied to the true class (the calculator's and Keras' convention; α = 1
 * means unweighted) or a per-class vector from which α_t is taken.
 *
 * <p>Numerics: log p_t comes from a log-sum-exp shifted by the maximum logit, and 1 − p_t from a
 * separate log-sum-exp over the other classes, so it is never computed as 1 − p_t. The gradient's
 * bracket is rewritten as (1−p_t)^γ·(γ·p_t·r − 1) with r = log p_t / (1−p_t) → −1 as p_t → 1, which
 * keeps it finite for γ &lt; 1 where (1−p_t)^(γ−1) alone would overflow.
 *
 * <p>Limits: p_t → 1 gives FL → 0 like (1−p_t)^(γ+1); p_t → 0 gives FL → α·CE; γ = 0 gives α·CE exactly.
 *
 * @param gamma the focusing parameter γ ≥ 0
 * @param alpha the scalar α ∈ [0, 1] on the true class (used when {@code perClassAlpha} is null)
 * @param perClassAlpha per-class weights, each in [0, 1], or null
 */
public record SoftmaxFocalLoss(double gamma, double alpha, double[] perClassAlpha) {

    /**
     * @throws InvalidArgumentException if γ is negative or not finite, or an α is outside [0, 1]
     */
    public SoftmaxFocalLoss {
        Check.gamma(gamma);
        if (perClassAlpha == null) {
            Check.alpha(alpha);
        } else {
            if (perClassAlpha.length == 0) {
                throw new InvalidArgumentException("alpha is empty: give one weight per class");
            }
            perClassAlpha = perClassAlpha.clone();
            for (int j = 0; j < perClassAlpha.length; j++) {
                Check.unitInterval("alpha[" + j + "]", perClassAlpha[j]);
            }
        }
    }

    /**
     * The calculator's defaults: γ = 2, α = 0.25 on the true class.
     *
     * @return the loss
     */
    public static SoftmaxFocalLoss defaults() {
        return new SoftmaxFocalLoss(2.0, 0.25, null);
    }

    /**
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1] on the true class
     * @return the loss
     * @throws InvalidArgumentException if γ or α is out of range
     */
    public static SoftmaxFocalLoss of(double gamma, double alpha) {
        return new SoftmaxFocalLoss(gamma, alpha, null);
    }

    /**
     * @return a builder starting from γ = 2, α = 0.25
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double[] perClassAlpha() {
        return perClassAlpha == null ? null : perClassAlpha.clone();
    }

    /**
     * The α applied to an example whose true class is {@code target}.
     *
     * @param target the true class
     * @return α_t
     */
    public double alphaFor(int target) {
        return perClassAlpha == null ? alpha : perClassAlpha[target];
    }

    /**
     * @param logits z, finite, at least one
     * @param target the 0-based true class
     * @return FL ≥ 0
     * @throws InvalidArgumentException if a logit is not finite, the array is empty, the target is out of
     *                                  range, or per-class α has a different length
     */
    public double loss(double[] logits, int target) {
        return evaluate(logits, target).loss();
    }

    /**
     * @param logits z, finite, at least one
     * @param target the 0-based true class
     * @return dFL/dz_j for every class j
     * @throws InvalidArgumentException as {@link #loss(double[], int)}
     */
    public double[] gradient(double[] logits, int target) {
        return evaluate(logits, target).gradient();
    }

    /**
     * Every intermediate: the probabilities, p_t, CE, the modulator, α_t, FL and the gradient.
     *
     * @param logits z, finite, at least one
     * @param target the 0-based true class
     * @return the terms
     * @throws InvalidArgumentException as {@link #loss(double[], int)}
     */
    public Terms evaluate(double[] logits, int target) {
        Check.finite("logits", logits);
        int c = logits.length;
        Check.classIndex("target", target, c);
        if (perClassAlpha != null) {
            Check.sameLength("alpha", perClassAlpha.length, c);
        }
        double[] p = new double[c];
        double[] grad = new double[c];
        double[] stats = new double[3];
        double alphaT = alphaFor(target);
        double loss = evaluateInto(logits, 0, c, target, gamma, alphaT, p, 0, grad, 0, stats);
        return new Terms(p, target, stats[0], stats[1], stats[2], alphaT, loss, grad);
    }

    /**
     * The allocation-free core of {@link #evaluate(double[], int)}, used by the batch layer. Arguments are
     * not checked: the logits must be finite, {@code 0 <= target < c}, γ ≥ 0.
     *
     * @param z logits; the example occupies {@code z[zOff .. zOff+c)}
     * @param zOff offset of the example in {@code z}
     * @param c number of classes, at least 1
     * @param target the true class
     * @param gamma γ
     * @param alphaT the α of the true class
     * @param prob receives softmax(z) at {@code prob[pOff ..]}, or null
     * @param pOff offset in {@code prob}
     * @param grad receives dFL/dz_j at {@code grad[gOff ..]}; may be the same array region as {@code prob}
     *             only if {@code prob} is null
     * @param gOff offset in {@code grad}
     * @param stats receives {p_t, CE, modulator} if not null
     * @return FL
     */
    public static double evaluateInto(double[] z, int zOff, int c, int target, double gamma, double alphaT,
                                      double[] prob, int pOff, double[] grad, int gOff, double[] stats) {
        double max = Double.NEGATIVE_INFINITY;
        double maxOther = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            double v = z[zOff + j];
            max = Math.max(max, v);
            if (j != target) {
                maxOther = Math.max(maxOther, v);
            }
        }
        double sumOther = 0;        // Σ_{j≠t} exp(z_j − max)
        double sumOtherOwn = 0;     // Σ_{j≠t} exp(z_j − maxOther): never underflows to 0
        for (int j = 0; j < c; j++) {
            double v = z[zOff + j];
            double e = Math.exp(v - max);
            grad[gOff + j] = e;     // scratch: unnormalised probabilities
            if (j != target) {
                sumOther += e;
                sumOtherOwn += Math.exp(v - maxOther);
            }
        }
        double zt = z[zOff + target];
        double sum = sumOther + grad[gOff + target];
        // log Σ_k exp(z_k − max): log1p when the true class holds the maximum, so log p_t ≈ −(1−p_t) stays exact.
        double logSum = zt == max ? Math.log1p(sumOther) : Math.log(sum);
        double logPt = (zt - max) - logSum;
        double logQ = c == 1 ? Double.NEGATIVE_INFINITY : (maxOther - max) + Math.log(sumOtherOwn) - logSum;
        double pt = Math.exp(logPt);
        double q = Math.exp(logQ);
        double ce = -logPt;
        double modulator = gamma == 0 ? 1.0 : Math.exp(gamma * logQ);
        double loss = alphaT * modulator * ce;

        // Bracket of the gradient: γ·p_t·(1−p_t)^(γ−1)·log p_t − (1−p_t)^γ = (1−p_t)^γ·(γ·p_t·r − 1),
        // r = log p_t / (1 − p_t), whose limit at p_t → 1 is −1.
        double r = q == 0 ? -1.0 : logPt / q;
        double bracket = modulator * (gamma * pt * r - 1);
        for (int j = 0; j < c; j++) {
            double pj = grad[gOff + j] / sum;
            if (prob != null) {
                prob[pOff + j] = pj;
            }
            grad[gOff + j] = j == target ? alphaT * q * bracket : -alphaT * pj * bracket;
        }
        if (stats != null) {
            stats[0] = pt;
            stats[1] = ce;
            stats[2] = modulator;
        }
        return loss;
    }

    /**
     * @param newGamma γ ≥ 0
     * @return a copy with a different γ
     */
    public SoftmaxFocalLoss withGamma(double newGamma) {
        return new SoftmaxFocalLoss(newGamma, alpha, perClassAlpha);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftmaxFocalLoss other && Double.compare(gamma, other.gamma) == 0
                && Double.compare(alpha, other.alpha) == 0 && Arrays.equals(perClassAlpha, other.perClassAlpha);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(gamma) * 31 + Double.hashCode(alpha) * 17 + Arrays.hashCode(perClassAlpha);
    }

    @Override
    public String toString() {
        return "SoftmaxFocalLoss[gamma=" + gamma + ", "
                + (perClassAlpha == null ? "alpha=" + alpha : "alpha=" + Arrays.toString(perClassAlpha)) + "]";
    }

    /**
     * The intermediates of a softmax focal loss evaluation.
     *
     * @param probabilities softmax(z)
     * @param target the true class
     * @param pt p_t
     * @param crossEntropy CE = −log p_t
     * @param modulator (1−p_t)^γ
     * @param alphaT the α applied
     * @param loss FL
     * @param gradient dFL/dz_j
     */
    public record Terms(double[] probabilities, int target, double pt, double crossEntropy, double modulator,
                        double alphaT, double loss, double[] gradient) {

        /**
         * @throws NullPointerException if an array is null
         */
        public Terms {
            probabilities = probabilities.clone();
            gradient = gradient.clone();
        }

        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }

        @Override
        public double[] gradient() {
            return gradient.clone();
        }

        /**
         * @return CE / FL, how many times smaller focal loss is than cross-entropy (∞ when FL = 0)
         */
        public double suppression() {
            return crossEntropy / loss;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Terms other && target == other.target && Double.compare(loss, other.loss) == 0
                    && Arrays.equals(probabilities, other.probabilities) && Arrays.equals(gradient, other.gradient)
                    && Double.compare(pt, other.pt) == 0 && Double.compare(alphaT, other.alphaT) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(probabilities) * 31 + Double.hashCode(loss);
        }

        @Override
        public String toString() {
            return "Terms[p=" + Arrays.toString(probabilities) + ", target=" + target + ", pt=" + pt + ", ce="
                    + crossEntropy + ", modulator=" + modulator + ", alphaT=" + alphaT + ", loss=" + loss
                    + ", gradient=" + Arrays.toString(gradient) + "]";
        }
    }

    /** Builder for {@link SoftmaxFocalLoss}; starts from γ = 2, α = 0.25. */
    public static final class Builder {
        private double gamma = 2.0;
        private double alpha = 0.25;
        private double[] perClass;

        private Builder() {
        }

        /**
         * @param value γ ≥ 0
         * @return this builder
         */
        public Builder gamma(double value) {
            this.gamma = value;
            return this;
        }

        /**
         * A scalar α on the true class.
         *
         * @param value α ∈ [0, 1]
         * @return this builder
         */
        public Builder alpha(double value) {
            this.alpha = value;
            this.perClass = null;
            return this;
        }

        /**
         * No α weighting (α = 1).
         *
         * @return this builder
         */
        public Builder noAlpha() {
            return alpha(1.0);
        }

        /**
         * One α per class; the example's weight is α[t].
         *
         * @param values weights in [0, 1], one per class
         * @return this builder
         */
        public Builder alphaPerClass(double... values) {
            this.perClass = values.clone();
            return this;
        }

        /**
         * @return the loss
         * @throws InvalidArgumentException if γ or an α is out of range
         */
        public SoftmaxFocalLoss build() {
            return new SoftmaxFocalLoss(gamma, alpha, perClass);
        }
    }
}
