package org.focalloss.core;

/**
 * One-line entry points for focal loss (Lin et al., 2017, "Focal Loss for Dense Object Detection"):
 * <pre>
 *   FL(p_t) = −α_t · (1 − p_t)^γ · log(p_t)
 * </pre>
 * cross-entropy times the modulating factor (1 − p_t)^γ, which silences easy, well-classified examples
 * (p_t near 1) so training focuses on hard ones (p_t near 0).
 *
 * <p>The functions of p_t here take the probability of the true class directly. For logits use
 * {@link #sigmoid(double, double, double, double)} and {@link #softmax(double[], int, double, double)}
 * (or the configurable {@link SigmoidFocalLoss}, {@link SoftmaxFocalLoss} and {@link FocalLossStar}),
 * which never form 1 − p_t by subtraction and stay finite at any logit.
 *
 * <p>Limits: at γ = 0 focal loss is exactly cross-entropy; as p_t → 1 it vanishes like (1−p_t)^(γ+1)
 * while CE vanishes like (1−p_t); as p_t → 0 both grow like −log p_t, to +∞ at p_t = 0.
 */
public final class FocalLoss {

    private FocalLoss() {
    }

    /**
     * CE(p_t) = −log p_t.
     *
     * @param pt p_t ∈ [0, 1]
     * @return CE ≥ 0; +∞ at p_t = 0, 0 at p_t = 1
     * @throws InvalidArgumentException if p_t is outside [0, 1] or NaN
     */
    public static double crossEntropy(double pt) {
        Check.unitInterval("p_t", pt);
        return -Math.log(pt);
    }

    /**
     * The modulating factor (1 − p_t)^γ, always in [0, 1]; 0^0 = 1, so γ = 0 gives 1 everywhere.
     *
     * @param pt p_t ∈ [0, 1]
     * @param gamma γ ≥ 0
     * @return (1 − p_t)^γ
     * @throws InvalidArgumentException if p_t is outside [0, 1] or γ is negative or not finite
     */
    public static double modulator(double pt, double gamma) {
        Check.unitInterval("p_t", pt);
        Check.gamma(gamma);
        return Math.pow(1 - pt, gamma);
    }

    /**
     * FL(p_t) = −(1 − p_t)^γ · log p_t, without α.
     *
     * @param pt p_t ∈ [0, 1]
     * @param gamma γ ≥ 0
     * @return FL ≥ 0; +∞ at p_t = 0, 0 at p_t = 1
     * @throws InvalidArgumentException if p_t is outside [0, 1] or γ is negative or not finite
     */
    public static double loss(double pt, double gamma) {
        return loss(pt, gamma, 1.0);
    }

    /**
     * FL(p_t) = −α_t · (1 − p_t)^γ · log p_t.
     *
     * @param pt p_t ∈ [0, 1]
     * @param gamma γ ≥ 0
     * @param alphaT α_t ∈ [0, 1]
     * @return FL ≥ 0; +∞ at p_t = 0 (when α_t &gt; 0), 0 at p_t = 1
     * @throws InvalidArgumentException if p_t or α_t is outside [0, 1] or γ is negative or not finite
     */
    public static double loss(double pt, double gamma, double alphaT) {
        Check.alpha(alphaT);
        double ce = crossEntropy(pt);
        double m = modulator(pt, gamma);
        return ce == 0 || alphaT == 0 ? 0.0 : alphaT * m * ce;
    }

    /**
     * The derivative of FL with respect to the logit x_t of the true class (y = +1), written as a
     * function of p_t = σ(x_t):
     * <pre>
     *   dFL/dx_t = (1 − p_t)^γ · (γ·p_t·log p_t + p_t − 1)
     * </pre>
     * At γ = 0 this is CE's p_t − 1. It is −1 at p_t = 0 (the limit of p_t·log p_t is 0) and 0 at p_t = 1,
     * never positive, and finite for every γ ≥ 0: since p·|log p| ≤ 1/e it lies in [−(1 + γ/e), 0]. For
     * hard examples it can slightly exceed CE's gradient in size (e.g. −1.06 at p_t = 0.01, γ = 2).
     *
     * @param pt p_t ∈ [0, 1]
     * @param gamma γ ≥ 0
     * @return dFL/dx_t
     * @throws InvalidArgumentException if p_t is outside [0, 1] or γ is negative or not finite
     */
    public static double logitGradient(double pt, double gamma) {
        double m = modulator(pt, gamma);
        double ptLogPt = pt == 0 ? 0.0 : pt * Math.log(pt);
        return m * (gamma * ptLogPt + pt - 1);
    }

    /**
     * Sigmoid focal loss of one logit, torchvision's {@code sigmoid_focal_loss} for a single element.
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1] on positives (1 − α on negatives)
     * @return FL ≥ 0
     * @throws InvalidArgumentException if an argument is out of range
     * @see SigmoidFocalLoss
     */
    public static double sigmoid(double logit, double target, double gamma, double alpha) {
        return new SigmoidFocalLoss(gamma, alpha, true).loss(logit, target);
    }

    /**
     * Sigmoid focal loss of one logit without α weighting.
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @param gamma γ ≥ 0
     * @return FL ≥ 0
     * @throws InvalidArgumentException if an argument is out of range
     */
    public static double sigmoid(double logit, double target, double gamma) {
        return new SigmoidFocalLoss(gamma, 0, false).loss(logit, target);
    }

    /**
     * dFL/dx of the sigmoid focal loss of one logit.
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1]
     * @return the derivative
     * @throws InvalidArgumentException if an argument is out of range
     */
    public static double sigmoidGradient(double logit, double target, double gamma, double alpha) {
        return new SigmoidFocalLoss(gamma, alpha, true).gradient(logit, target);
    }

    /**
     * Softmax focal loss of one example with a scalar α on the true class.
     *
     * @param logits z, finite, at least one
     * @param target the 0-based true class
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1]
     * @return FL ≥ 0
     * @throws InvalidArgumentException if an argument is out of range
     * @see SoftmaxFocalLoss
     */
    public static double softmax(double[] logits, int target, double gamma, double alpha) {
        return SoftmaxFocalLoss.of(gamma, alpha).loss(logits, target);
    }

    /**
     * dFL/dz of the softmax focal loss of one example.
     *
     * @param logits z, finite, at least one
     * @param target the 0-based true class
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1]
     * @return one partial derivative per class
     * @throws InvalidArgumentException if an argument is out of range
     */
    public static double[] softmaxGradient(double[] logits, int target, double gamma, double alpha) {
        return SoftmaxFocalLoss.of(gamma, alpha).gradient(logits, target);
    }

    /**
     * FL* of one logit (the paper's appendix).
     *
     * @param logit x, finite
     * @param target 0 or 1
     * @param gamma γ &gt; 0
     * @param beta β, finite
     * @return FL* ≥ 0
     * @throws InvalidArgumentException if an argument is out of range
     * @see FocalLossStar
     */
    public static double star(double logit, int target, double gamma, double beta) {
        return new FocalLossStar(gamma, beta).loss(logit, target);
    }

    /**
     * The headline sentence, e.g. "Focal loss with γ = 2.00. At p_t = 0.9 the modulating factor is 0.010,
     * suppressing the cross-entropy loss by 100×."
     *
     * @param gamma γ ≥ 0
     * @param pt p_t ∈ [0, 1]
     * @return the sentence
     * @throws InvalidArgumentException if γ or p_t is out of range
     * @see Headline
     */
    public static String headline(double gamma, double pt) {
        return Headline.sentence(gamma, pt);
    }
}
