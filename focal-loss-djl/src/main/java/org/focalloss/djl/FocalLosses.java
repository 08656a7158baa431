package org.focalloss.djl;

import org.focalloss.batch.Reduction;
import org.focalloss.core.InvalidArgumentException;

/**
 * One-line focal losses for DJL training (Lin et al., 2017, arXiv 1708.02002): FL = −α_t·(1 − p_t)^γ·log p_t,
 * computed in the stable form of {@link DjlSigmoidFocalLoss} and {@link DjlSoftmaxFocalLoss}; their builders
 * have every option (reduction, ignore label, per-class α, name).
 *
 * <pre>{@code
 * TrainingConfig config = new DefaultTrainingConfig(FocalLosses.sigmoid(2, 0.25));
 * }</pre>
 */
public final class FocalLosses {

    private FocalLosses() {
    }

    /**
     * Binary / multi-label focal loss, torchvision's {@code sigmoid_focal_loss} with reduction "mean".
     *
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1] on positives, 1 − α on negatives
     * @return the loss
     * @throws InvalidArgumentException if γ or α is out of range
     */
    public static DjlSigmoidFocalLoss sigmoid(double gamma, double alpha) {
        return DjlSigmoidFocalLoss.builder().gamma(gamma).alpha(alpha).build();
    }

    /**
     * Binary / multi-label focal loss without α weighting, mean over the elements.
     *
     * @param gamma γ ≥ 0
     * @return the loss
     * @throws InvalidArgumentException if γ is out of range
     */
    public static DjlSigmoidFocalLoss sigmoid(double gamma) {
        return DjlSigmoidFocalLoss.builder().gamma(gamma).noAlpha().build();
    }

    /**
     * RetinaNet's classification loss: γ = 2, α = 0.25, the sum divided by the number of positives.
     *
     * @return the loss
     */
    public static DjlSigmoidFocalLoss retinaNet() {
        return DjlSigmoidFocalLoss.builder().gamma(2).alpha(0.25).reduction(Reduction.MEAN_POSITIVE)
                .name("RetinaNetFocalLoss").build();
    }

    /**
     * Softmax focal loss, unweighted, mean over the rows.
     *
     * @param gamma γ ≥ 0
     * @return the loss
     * @throws InvalidArgumentException if γ is out of range
     */
    public static DjlSoftmaxFocalLoss softmax(double gamma) {
        return DjlSoftmaxFocalLoss.builder().gamma(gamma).build();
    }

    /**
     * Softmax focal loss with a scalar α on the true class, mean over the rows.
     *
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1]
     * @return the loss
     * @throws InvalidArgumentException if γ or α is out of range
     */
    public static DjlSoftmaxFocalLoss softmax(double gamma, double alpha) {
        return DjlSoftmaxFocalLoss.builder().gamma(gamma).alpha(alpha).build();
    }
}
