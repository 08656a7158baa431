package org.focalloss.batch;

/**
 * How per-element (sigmoid) or per-row (softmax) losses are reduced to one number. The gradient a batch
 * pass returns is the gradient of the reduced loss (for {@link #NONE}: of each element's own loss).
 */
public enum Reduction {
    /** No reduction: per-element losses are returned; the gradient is d loss_i / d x_i. */
    NONE,
    /** The sum of the losses (torchvision's {@code reduction="sum"}). */
    SUM,
    /**
     * The sum divided by the number of elements (rows) that are not ignored: PyTorch's
     * {@code cross_entropy(ignore_index=…, reduction="mean")}, MMDetection and smp.
     */
    MEAN,
    /**
     * The sum divided by the number of all elements (rows), ignored ones included (they contribute 0):
     * kornia's {@code focal_loss(…, ignore_index=…, reduction="mean")}, which averages the masked loss
     * tensor. Without an ignore label it equals {@link #MEAN}.
     */
    MEAN_ALL,
    /**
     * The sum divided by the number of positives, as RetinaNet normalises by the number of anchors
     * assigned to an object. Sigmoid: elements whose target is greater than 0; softmax: rows whose
     * target is not the background class. The divisor is at least 1 (a batch without positives is
     * divided by 1, as in Detectron and MMDetection).
     */
    MEAN_POSITIVE
}
