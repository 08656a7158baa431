package org.focalloss.core;

/**
 * FL*, the alternative focal loss of the paper's appendix (Lin et al., 2017, Appendix A), with fvcore's
 * α and soft targets.
 *
 * <p>With y = 2t − 1 (±1 for hard targets; fvcore's {@code 2 * targets - 1} for soft ones) and x_t = y·x:
 * <pre>
 *   p*_t = σ(γ·x_t + β)
 *   FL*  = α_t · (−log p*_t) / γ = α_t · softplus(−(γ·x_t + β)) / γ
 *   d(FL*)/dx = α_t · y · (p*_t − 1)
 *   α_t  = α·t + (1 − α)·(1 − t)   (1 when α is off)
 * </pre>
 * γ scales the logit and β shifts it; the paper's Fig. 5 and 6 show γ = 2, β = 1 and γ = 4, β = 0.
 * fvcore's {@code sigmoid_focal_loss_star(inputs, targets, alpha=-1, gamma=1)} is β = 0 (see
 * {@link #fvcore(double, double)}).
 *
 * <p>Numerics: the loss is a softplus and the gradient is −y·σ(−u), both finite for every finite x.
 * Limits: x_t → +∞ gives FL* → 0 and gradient → 0; x_t → −∞ gives FL* ≈ α_t·(−x_t − β/γ) (linear) and
 * gradient → −α_t·y. A soft target t = 0.5 makes y = 0: FL* = α_t·softplus(−β)/γ, constant in x. γ must be
 * strictly positive because FL* divides by it.
 *
 * @param gamma γ &gt; 0
 * @param beta β, any finite number
 * @param alpha α ∈ [0, 1] (used when {@code weighted})
 * @param weighted whether α weighting is applied
 */
public record FocalLossStar(double gamma, double beta, double alpha, boolean weighted) implements LogitLoss {

    /**
     * @throws InvalidArgumentException if γ ≤ 0 or not finite, β is not finite, or α is outside [0, 1]
     */
    public FocalLossStar {
        Check.positiveGamma(gamma);
        Check.finite("beta", beta);
        if (weighted) {
            Check.alpha(alpha);
        }
    }

    /**
     * FL* without α, as in the paper.
     *
     * @param gamma γ &gt; 0
     * @param beta β, finite
     * @throws InvalidArgumentException if γ ≤ 0 or not finite, or β is not finite
     */
    public FocalLossStar(double gamma, double beta) {
        this(gamma, beta, 0, false);
    }

    /**
     * fvcore's {@code sigmoid_focal_loss_star(inputs, targets, alpha, gamma)}: β = 0, α on positives and
     * 1 − α on negatives, or no α for a negative {@code alpha} (fvcore's default −1).
     *
     * @param alpha α ∈ [0, 1], or negative for none
     * @param gamma γ &gt; 0 (fvcore's default 1)
     * @return the loss
     * @throws InvalidArgumentException if γ ≤ 0 or α &gt; 1
     */
    public static FocalLossStar fvcore(double alpha, double gamma) {
        return alpha < 0 ? new FocalLossStar(gamma, 0) : new FocalLossStar(gamma, 0, alpha, true);
    }

    /**
     * @param value α ∈ [0, 1] on positives, 1 − α on negatives
     * @return a copy with α weighting on
     * @throws InvalidArgumentException if α is outside [0, 1]
     */
    public FocalLossStar withAlpha(double value) {
        return new FocalLossStar(gamma, beta, value, true);
    }

    /**
     * @param logit x, finite
     * @param target 0 or 1
     * @return FL* ≥ 0
     * @throws InvalidArgumentException if x is not finite or the target is not 0 or 1
     */
    public double loss(double logit, int target) {
        return loss(logit, (double) hard(target));
    }

    /**
     * @param logit x, finite
     * @param target 0 or 1
     * @return d(FL*)/dx = α_t·y·(p*_t − 1)
     * @throws InvalidArgumentException if x is not finite or the target is not 0 or 1
     */
    public double gradient(double logit, int target) {
        return gradient(logit, (double) hard(target));
    }

    /**
     * FL* for a soft target t ∈ [0, 1] (fvcore's y = 2t − 1).
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return FL* ≥ 0
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    @Override
    public double loss(double logit, double target) {
        Check.finite("logit", logit);
        Check.unitInterval("target", target);
        double u = gamma * logit * (2 * target - 1) + beta;
        return alphaT(target) * StableMath.softplus(-u) / gamma;
    }

    /**
     * d(FL*)/dx for a soft target t ∈ [0, 1].
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return α_t·y·(p*_t − 1), y = 2t − 1
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    @Override
    public double gradient(double logit, double target) {
        Check.finite("logit", logit);
        Check.unitInterval("target", target);
        double y = 2 * target - 1;
        double u = gamma * logit * y + beta;
        return -alphaT(target) * y * StableMath.sigmoid(-u);
    }

    /**
     * FL* as a function of x_t (that is, for y = +1), as drawn in the paper's Fig. 5.
     *
     * @param xt x_t, finite
     * @return FL*(x_t)
     * @throws InvalidArgumentException if x_t is not finite
     */
    public double lossAtXt(double xt) {
        return loss(xt, 1);
    }

    /**
     * d(FL*)/dx_t as a function of x_t, as drawn in the paper's Fig. 6.
     *
     * @param xt x_t, finite
     * @return α_t·(p*_t − 1)
     * @throws InvalidArgumentException if x_t is not finite
     */
    public double gradientAtXt(double xt) {
        return gradient(xt, 1);
    }

    private double alphaT(double t) {
        return weighted ? alpha * t + (1 - alpha) * (1 - t) : 1;
    }

    private static int hard(int target) {
        if (target != 0 && target != 1) {
            throw new InvalidArgumentException("target = " + target + " is out of range {0, 1}");
        }
        return target;
    }
}
