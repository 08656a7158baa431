package org.focalloss.core;

/**
 * Quality Focal Loss (Li et al., <i>Generalized Focal Loss: Learning Qualified and Distributed Bounding
 * Boxes for Dense Object Detection</i>, NeurIPS 2020, arXiv 2006.04388), per element as the official code
 * (mmdet {@code quality_focal_loss}) computes it.
 *
 * <p>For a logit x, p = σ(x), and a quality target y ∈ [0, 1] (the IoU of the predicted box for its
 * class, 0 for the other classes and for negatives):
 * <pre>
 *   QFL(x; y) = |y − p|^β · CE(x; y),   CE = −[y·log p + (1−y)·log(1−p)]
 *   dQFL/dx   = |y − p|^β·(p − y) + β·|y − p|^(β−1)·sign(p − y)·p·(1−p)·CE
 * </pre>
 * The modulator |y − p|^β is not detached in the official code, so its derivative is part of the gradient.
 * For a hard target (y = 0 or 1) |y − p| = 1 − p_t and QFL is the focal loss without α with γ = β.
 * Limits: QFL = 0 at p = y; β = 0 gives CE against the soft target; the paper uses β = 2. For β &lt; 1 the
 * derivative at p = y does not exist (the one-sided limits are ±∞ for β &lt; 1); it is returned as 0
 * there, the value a subgradient method would take at the minimum.
 *
 * <p>Numerics: |y − p| is computed as y − p when p ≤ 1/2 and as (1 − y) − (1 − p) otherwise, with 1 − p
 * from e^(−|x|), and log|y − p| combines with log p(1 − p) in log space, so every value is finite for
 * every finite logit.
 *
 * @param beta the exponent β ≥ 0 of the modulator (the paper's default 2)
 */
public record QualityFocalLoss(double beta) implements LogitLoss {

    /**
     * @throws InvalidArgumentException if β is negative, NaN or infinite
     */
    public QualityFocalLoss {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw Check.outOfRange("beta", beta, Check.GAMMA_RANGE);
        }
    }

    /**
     * @return QFL with the paper's β = 2
     */
    public static QualityFocalLoss defaults() {
        return new QualityFocalLoss(2);
    }

    @Override
    public double loss(double logit, double target) {
        return lossAndGradient(logit, target)[0];
    }

    @Override
    public double gradient(double logit, double target) {
        return lossAndGradient(logit, target)[1];
    }

    @Override
    public double[] lossAndGradient(double logit, double target) {
        Check.finite("logit", logit);
        Check.unitInterval("target", target);
        double x = logit;
        double y = target;
        Logistic lg = Logistic.of(x);
        double spNeg = lg.minusLogP();
        double spPos = lg.minusLog1mP();
        double p = lg.p();
        double om = lg.oneMinusP();
        double ce = y * spNeg + (1 - y) * spPos;
        double d = p <= 0.5 ? y - p : om - (1 - y);       // y − p without cancelling 1 − p
        double absD = Math.abs(d);
        double logAbsD = y == 1 ? -spPos : y == 0 ? -spNeg : Math.log(absD);
        double m = beta == 0 ? 1 : Math.exp(beta * logAbsD);
        double loss = m * ce;
        double dm = beta == 0 || absD == 0 ? 0
                : -Math.signum(d) * beta * Math.exp((beta - 1) * logAbsD - spNeg - spPos);
        double grad = m * (p - y) + dm * ce;
        return new double[] {loss, grad};
    }
}
