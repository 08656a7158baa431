package org.focalloss.core;

/**
 * Varifocal loss (Zhang et al., <i>VarifocalNet: An IoU-aware Dense Object Detector</i>, CVPR 2021, arXiv
 * 2008.13367), per element as the official code (mmdet {@code varifocal_loss}) computes it.
 *
 * <p>For a logit x, p = σ(x), and an IoU-aware target q ∈ [0, 1] (the IoU with the ground-truth box for a
 * positive, 0 for a negative):
 * <pre>
 *   VFL(x; q) = q · CE(x; q)                 if q &gt; 0   (iou_weighted; 1·CE when not IoU-weighted)
 *             = α · p^γ · CE(x; 0)          if q = 0   (= α·p^γ·softplus(x))
 *   dVFL/dx   = q·(p − q)                    if q &gt; 0
 *             = α·p^γ·(γ·(1−p)·softplus(x) + p)   if q = 0
 * </pre>
 * Asymmetric: only negatives are down-weighted by the focal factor p^γ; positives are weighted by their
 * quality q so that high-IoU examples dominate. The focal weight is not detached in the official code,
 * so its derivative is part of the gradient. Limits: a positive's loss is minimal at p = q (not at p = 1);
 * a negative's loss → 0 like α·p^(γ+1) as x → −∞ and grows like α·x as x → +∞.
 *
 * @param alpha α ≥ 0 on the negatives (the paper's 0.75)
 * @param gamma γ ≥ 0 on the negatives (the paper's 2)
 * @param iouWeighted whether positives are weighted by q (the paper and mmdet's default true)
 */
public record VarifocalLoss(double alpha, double gamma, boolean iouWeighted) implements LogitLoss {

    /**
     * @throws InvalidArgumentException if α is negative or not finite, or γ is out of range
     */
    public VarifocalLoss {
        Check.nonNegative("alpha", alpha);
        Check.gamma(gamma);
    }

    /**
     * @return VFL with the paper's α = 0.75, γ = 2, IoU-weighted
     */
    public static VarifocalLoss defaults() {
        return new VarifocalLoss(0.75, 2, true);
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
        double q = target;
        Logistic lg = Logistic.of(x);
        double spNeg = lg.minusLogP();
        double spPos = lg.minusLog1mP();
        double p = lg.p();
        double om = lg.oneMinusP();
        if (q > 0) {
            double w = iouWeighted ? q : 1;
            double ce = q * spNeg + (1 - q) * spPos;
            double dce = q == 1 ? -om : p - q;
            return new double[] {w * ce, w * dce};
        }
        double pg = gamma == 0 ? 1 : Math.exp(-gamma * spNeg);
        return new double[] {alpha * pg * spPos, alpha * pg * (gamma * om * spPos + p)};
    }
}
