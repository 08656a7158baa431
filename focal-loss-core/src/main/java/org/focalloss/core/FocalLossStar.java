package org.focalloss.core;

/**
 * FL*, the alternative focal loss of the paper's appendix (Lin et al., 2017, Appendix A).
 *
 * <p>With y = ±1 (target 1 or 0) and x_t = y·x:
 * <pre>
 *   p*_t = σ(γ·x_t + β)
 *   FL*  = −log(p*_t) / γ = softplus(−(γ·x_t + β)) / γ
 *   d(FL*)/dx = y·(p*_t − 1)
 * </pre>
 * γ scales the logit and β shifts it; the paper's Fig. 5 and 6 show γ = 2, β = 1 and γ = 4, β = 0.
 *
 * <p>Numerics: the loss is a softplus and the gradient is −y·σ(−u), both finite for every finite x.
 * Limits: x_t → +∞ gives FL* → 0 and gradient → 0; x_t → −∞ gives FL* ≈ −x_t − β/γ (linear) and
 * gradient → −y. γ must be strictly positive because FL* divides by it.
 *
 * @param gamma γ &gt; 0
 * @param beta β, any finite number
 */
public record FocalLossStar(double gamma, double beta) {

    /**
     * @throws InvalidArgumentException if γ ≤ 0 or not finite, or β is not finite
     */
    public FocalLossStar {
        Check.positiveGamma(gamma);
        Check.finite("beta", beta);
    }

    /**
     * @param logit x, finite
     * @param target 0 or 1
     * @return FL* ≥ 0
     * @throws InvalidArgumentException if x is not finite or the target is not 0 or 1
     */
    public double loss(double logit, int target) {
        double u = gamma * Check.finite("logit", logit) * sign(target) + beta;
        return StableMath.softplus(-u) / gamma;
    }

    /**
     * @param logit x, finite
     * @param target 0 or 1
     * @return d(FL*)/dx = y·(p*_t − 1)
     * @throws InvalidArgumentException if x is not finite or the target is not 0 or 1
     */
    public double gradient(double logit, int target) {
        double y = sign(target);
        double u = gamma * Check.finite("logit", logit) * y + beta;
        return -y * StableMath.sigmoid(-u);
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
     * @return p*_t − 1
     * @throws InvalidArgumentException if x_t is not finite
     */
    public double gradientAtXt(double xt) {
        return gradient(xt, 1);
    }

    private static double sign(int target) {
        if (target != 0 && target != 1) {
            throw new InvalidArgumentException("target = " + target + " is out of range {0, 1}");
        }
        return target == 1 ? 1 : -1;
    }
}
