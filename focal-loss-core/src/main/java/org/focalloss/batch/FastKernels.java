package org.focalloss.batch;

/**
 * Single-precision batch kernels ({@link Precision#FAST}). Implementations are stateless and thread-safe;
 * each call covers one chunk of the batch.
 *
 * <p>Contract for both kernels: ignored elements (rows) get loss 0 and gradient 0; every written gradient
 * is multiplied by {@code gradScale}; {@code lossOut} may be null (then no per-element loss is stored) and
 * so may {@code gradOut}. The return value is the sum of the (unscaled) losses over the chunk, or NaN
 * if any input in the chunk is invalid (a non-finite logit, a sigmoid target outside [0, 1] that is not
 * the ignore label, a softmax target outside [0, C) that is not the ignore index), and NaN or ±∞ if a
 * loss, a gradient or the float sum of a tile's losses is not finite (float overflow for logits near
 * ±Float.MAX); the caller ({@link FastPass}) then recomputes the chunk with the exact double formulas,
 * which report a bad element or give the finite answer. Results agree with the exact double formulas to
 * within 1e-5 relative (1e-7 absolute near zero) for γ up to {@link FastPass#MAX_GAMMA}.
 */
interface FastKernels {

    /**
     * Sigmoid focal loss and gradient over elements [from, to).
     *
     * @param x logits
     * @param t targets in [0, 1] (soft allowed) or the ignore label
     * @param from first element
     * @param to end (exclusive)
     * @param gamma γ ≥ 0
     * @param alphaPos α, the weight of positives (1 when unweighted)
     * @param alphaNeg 1 − α computed in double, the weight of negatives (1 when unweighted); with
     *                 α_t = alphaPos·t + alphaNeg·(1−t) the weight is exact for hard targets and every α
     * @param hasIgnore whether {@code ignore} is an ignore label
     * @param ignore the ignore label
     * @param gradScale factor applied to every gradient (1/divisor of the reduction)
     * @param gradOut gradient output, or null
     * @param lossOut per-element loss output, or null
     * @return the sum of the losses, or NaN on invalid input
     */
    double sigmoid(float[] x, float[] t, int from, int to, float gamma, float alphaPos, float alphaNeg,
                   boolean hasIgnore, float ignore, float gradScale, float[] gradOut, float[] lossOut);

    /**
     * Softmax focal loss and gradient over rows [fromRow, toRow) of a row-major N × C logit matrix.
     *
     * @param z logits, row-major
     * @param targets the true class of each row, or the ignore index
     * @param classes C
     * @param fromRow first row
     * @param toRow end row (exclusive)
     * @param gamma γ ≥ 0
     * @param alpha per-class α (length C); a scalar α is passed as C copies
     * @param hasIgnore whether {@code ignoreIndex} is used
     * @param ignoreIndex rows with this target are ignored
     * @param gradScale factor applied to every gradient
     * @param gradOut gradient output (N × C), or null
     * @param lossOut per-row loss output (N), or null
     * @return the sum of the row losses, or NaN on invalid input
     */
    double softmax(float[] z, int[] targets, int classes, int fromRow, int toRow, float gamma, float[] alpha,
                   boolean hasIgnore, int ignoreIndex, float gradScale, float[] gradOut, float[] lossOut);

    /**
     * Called when a batch call's fast pass is over (every tile on every thread has returned): the moment for
     * background work that must not compete with the call, such as {@link WarmingKernels}' warm-up.
     */
    default void passDone() {
    }

    /**
     * @return a short name for reports, e.g. "vector (16 lanes)" or "scalar"
     */
    String name();
}
