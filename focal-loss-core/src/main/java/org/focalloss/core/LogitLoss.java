package org.focalloss.core;

/**
 * A loss of one logit x and one target t ∈ [0, 1] with its derivative: the common shape of the sigmoid
 * focal loss, FL*, Quality Focal Loss and Varifocal loss, so the batch layer can reduce any of them.
 */
public interface LogitLoss {

    /**
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return the loss
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    double loss(double logit, double target);

    /**
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return d loss / dx
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    double gradient(double logit, double target);

    /**
     * The loss and its derivative together (one evaluation where the implementation allows).
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return {loss, d loss / dx}
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    default double[] lossAndGradient(double logit, double target) {
        return new double[] {loss(logit, target), gradient(logit, target)};
    }
}
