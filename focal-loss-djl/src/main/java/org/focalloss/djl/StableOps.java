package org.focalloss.djl;

import ai.djl.ndarray.NDArray;

/**
 * The stable building blocks of both losses, written with DJL's engine-neutral {@link NDArray} operations so
 * that autograd differentiates them correctly on every engine.
 */
final class StableOps {

    private StableOps() {
    }

    /**
     * softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^(−|z|)), finite and accurate for every finite z: the
     * exponent is never positive, so nothing overflows, and log1p keeps the small tail (≈ e^z for z → −∞)
     * that log(1 + u) would round to 0 in float32.
     *
     * @param z any shape
     * @return softplus(z), same shape
     */
    static NDArray softplus(NDArray z) {
        NDArray u = z.abs().neg().exp();
        return z.maximum(0).add(log1p(u));
    }

    /**
     * log(1 + u) for u ≥ 0 (DJL's {@link NDArray} has no log1p). With w = fl(1 + u), whose rounding error is
     * δ = u − (w − 1) (exact in floating point), log1p(u) = log(w) + δ/w up to O(δ²): the correction
     * restores the tail that log(1 + u) alone rounds away (all of it when w = 1). Autograd sees
     * d/du = 1/w − δ/w², i.e. 1/(1 + u) to float precision, with no branch and no division by w − 1.
     */
    static NDArray log1p(NDArray u) {
        NDArray w = u.add(1);
        return w.log().add(u.sub(w.sub(1)).div(w));
    }

    /**
     * log Σ exp(x) along {@code axis}, kept as a size-1 axis, shifted by the (constant) maximum so that no
     * exponent is positive.
     */
    static NDArray logSumExp(NDArray x, int axis) {
        NDArray m = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(m).exp().sum(new int[] {axis}, true).log().add(m);
    }
}
