package org.focalloss.batch;

/**
 * The result of a batch pass over float data.
 *
 * @param loss the reduced loss, accumulated in double (for {@link Reduction#NONE}: the sum)
 * @param divisor what the sum was divided by (1 for NONE and SUM)
 * @param losses the per-element (sigmoid) or per-row (softmax) losses, unscaled
 * @param gradient the gradient of the reduced loss with respect to every logit
 */
public record FloatBatchResult(double loss, double divisor, float[] losses, float[] gradient) {
}
