package org.focalloss.core;

/**
 * Binary (sigmoid) focal loss from a logit, with torchvision's semantics.
 *
 * <p>For a logit x and a target t ∈ [0, 1] (0 or 1 for hard labels, anything between for soft
 * labels), with p = σ(x):
 * <pre>
 *   CE  = −[t·log p + (1−t)·log(1−p)]
 *   p_t = p·t + (1−p)·(1−t)
 *   α_t = α·t + (1−α)·(1−t)          (α on positives, 1−α on negatives; 1 when α is off)
 *   FL  = α_t · (1−p_t)^γ · CE
 * </pre>
 * For hard labels the gradient is dFL/dx = α_t·y·(1−p_t)^γ·(γ·p_t·log p_t + p_t − 1) with y = 2t − 1;
 * for soft labels it is α_t·[(p − t)·(1−p_t)^γ + γ·(1−2t)·CE·(1−p_t)^(γ−1)·p·(1−p)].
 *
 * <p>Numerics: p, 1−p, log p and log(1−p) all come from e = exp(−|x|) and softplus, and 1−p_t is
 * computed as t·(1−p) + (1−t)·p, never as 1 − p_t, so nothing cancels. The factor (1−p_t)^(γ−1) of the
 * soft-label gradient is combined with p·(1−p) in log space. Hence every value is finite for every
 * γ ≥ 0 (including γ &lt; 1, where PyTorch's autograd returns NaN at saturated logits) and every finite
 * logit.
 *
 * <p>Limits: for p_t → 1 (easy examples) FL → 0 faster than CE, as (1−p_t)^(γ+1); for p_t → 0 (hard
 * examples) FL → α_t·CE → ∞ like −log p_t; γ = 0 gives α_t·CE exactly.
 *
 * @param gamma the focusing parameter γ ≥ 0
 * @param alpha the balancing weight α ∈ [0, 1] for positives (ignored when {@code weighted} is false)
 * @param weighted whether α weighting is applied
 */
public record SigmoidFocalLoss(double gamma, double alpha, boolean weighted) {

    /**
     * @throws InvalidArgumentException if γ is negative or not finite, or α is outside [0, 1]
     */
    public SigmoidFocalLoss {
        Check.gamma(gamma);
        if (weighted) {
            Check.alpha(alpha);
        }
    }

    /**
     * torchvision's defaults: γ = 2, α = 0.25.
     *
     * @return the loss with γ = 2 and α = 0.25
     */
    public static SigmoidFocalLoss defaults() {
        return new SigmoidFocalLoss(2.0, 0.25, true);
    }

    /**
     * @return a builder starting from γ = 2, α = 0.25
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The loss for one logit.
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return FL ≥ 0
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    public double loss(double logit, double target) {
        return evaluate(logit, target).loss();
    }

    /**
     * dFL/dx for one logit.
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return the derivative of the loss with respect to the logit
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    public double gradient(double logit, double target) {
        return evaluate(logit, target).gradient();
    }

    /**
     * Every intermediate of the loss for one logit: p, p_t, CE, the modulator, α_t, FL and dFL/dx.
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return the terms
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    public Terms evaluate(double logit, double target) {
        Check.finite("logit", logit);
        Check.unitInterval("target", target);
        double x = logit;
        double t = target;
        double e = Math.exp(-Math.abs(x));
        double l = Math.log1p(e);
        double minusLogP = Math.max(-x, 0) + l;     // softplus(−x) = −log p
        double minusLog1mP = Math.max(x, 0) + l;    // softplus(x)  = −log(1−p)
        double p = x >= 0 ? 1 / (1 + e) : e / (1 + e);
        double oneMinusP = x >= 0 ? e / (1 + e) : 1 / (1 + e);

        double ce = t * minusLogP + (1 - t) * minusLog1mP;
        double pt = p * t + oneMinusP * (1 - t);
        double q = t * oneMinusP + (1 - t) * p;    // 1 − p_t without cancellation
        double logQ;
        if (t == 1) {
            logQ = -minusLog1mP;
        } else if (t == 0) {
            logQ = -minusLogP;
        } else {
            // log(1 − p_t) from p_t when p_t is small: log(q) of a q that rounded to 1 would give 0, and
            // q^γ = 1 instead of exp(−γ·p_t) (wrong for large γ).
            logQ = pt < 0.5 ? Math.log1p(-pt) : Math.log(q);
        }
        double modulator = gamma == 0 ? 1.0 : Math.exp(gamma * logQ);
        double alphaT = weighted ? alpha * t + (1 - alpha) * (1 - t) : 1.0;
        double loss = alphaT * modulator * ce;

        double grad;
        if (t == 1 || t == 0) {
            double y = t == 1 ? 1 : -1;
            double logPt = t == 1 ? -minusLogP : -minusLog1mP;
            grad = alphaT * y * modulator * (gamma * pt * logPt - q);
        } else {
            // CE·exp(…) first: at |x| near Double.MAX, γ(1−2t)·CE alone would overflow before the exp → 0.
            double focusing = gamma == 0 ? 0
                    : ce * Math.exp((gamma - 1) * logQ - minusLogP - minusLog1mP) * (gamma * (1 - 2 * t));
            grad = alphaT * ((p - t) * modulator + focusing);
        }
        return new Terms(p, pt, ce, modulator, alphaT, loss, grad);
    }

    /**
     * The loss from a predicted probability p = σ(x) instead of a logit. Here 1 − p is computed by
     * subtraction because p is all we are given, so prefer {@link #evaluate(double, double)} when the
     * logit is known. At p = 0 or 1 on the wrong side of a hard target the loss is +∞.
     *
     * @param probability p ∈ [0, 1]
     * @param target t ∈ [0, 1]
     * @return FL ≥ 0, possibly +∞
     * @throws InvalidArgumentException if p or t is outside [0, 1]
     */
    public double lossFromProbability(double probability, double target) {
        Check.unitInterval("probability", probability);
        Check.unitInterval("target", target);
        double p = probability;
        double t = target;
        double ce = -(xlogy(t, p) + xlogy(1 - t, 1 - p));
        double q = t * (1 - p) + (1 - t) * p;
        double modulator = Math.pow(q, gamma); // 0^0 = 1: γ = 0 gives CE
        double alphaT = weighted ? alpha * t + (1 - alpha) * (1 - t) : 1.0;
        return alphaT * modulator * ce;
    }

    /** x·log y with 0·log 0 = 0. */
    private static double xlogy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(y);
    }

    /**
     * @return a copy of this loss with a different γ
     * @param newGamma γ ≥ 0
     */
    public SigmoidFocalLoss withGamma(double newGamma) {
        return new SigmoidFocalLoss(newGamma, alpha, weighted);
    }

    /**
     * The intermediates of a sigmoid focal loss evaluation.
     *
     * @param probability p = σ(x)
     * @param pt p_t = p·t + (1−p)·(1−t)
     * @param crossEntropy CE
     * @param modulator (1−p_t)^γ
     * @param alphaT α_t (1 when α is off)
     * @param loss FL = α_t·(1−p_t)^γ·CE
     * @param gradient dFL/dx
     */
    public record Terms(double probability, double pt, double crossEntropy, double modulator, double alphaT,
                        double loss, double gradient) {
    }

    /** Builder for {@link SigmoidFocalLoss}; starts from γ = 2, α = 0.25. */
    public static final class Builder {
        private double gamma = 2.0;
        private double alpha = 0.25;
        private boolean weighted = true;

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
         * Turns α weighting on with this α (on positives; 1 − α on negatives).
         *
         * @param value α ∈ [0, 1]
         * @return this builder
         */
        public Builder alpha(double value) {
            this.alpha = value;
            this.weighted = true;
            return this;
        }

        /**
         * Turns α weighting off (torchvision's {@code alpha=-1}).
         *
         * @return this builder
         */
        public Builder noAlpha() {
            this.weighted = false;
            return this;
        }

        /**
         * @return the loss
         * @throws InvalidArgumentException if γ or α is out of range
         */
        public SigmoidFocalLoss build() {
            return new SigmoidFocalLoss(gamma, alpha, weighted);
        }
    }
}
