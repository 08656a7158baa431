package org.focalloss.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.focalloss.batch.Reduction;

/**
 * The stable building blocks of both losses, written with DJL's engine-neutral {@link NDArray} operations so
 * that autograd differentiates them correctly on every engine.
 *
 * <p>Constants: never through the {@code Number} overloads ({@code x.mul(2)}, {@code x.maximum(0)}, …) on a
 * differentiable path. On the PyTorch engine they wrap the number in a 0-d tensor whose storage is a Java
 * direct buffer ({@code torch::from_blob}, no copy) and close that array as soon as the operation returns;
 * autograd has saved the tensor for the backward pass of mul, div, maximum …, the buffer is unreachable and
 * the garbage collector frees it, so {@code backward} may read freed or reused memory and return a wrong
 * gradient while the loss is right (seen as d/dz₀ = 0.558 instead of 0.0654, about once in 12 test runs).
 * {@link #constant(NDArray, double)} makes a constant whose storage PyTorch owns.
 */
final class StableOps {

    private StableOps() {
    }

    /** softplus(z) and softplus(−z) of one array. */
    record Softplus(NDArray ofPlus, NDArray ofMinus) {
    }

    /**
     * softplus(±z) = log(1 + e^(±z)) = max(±z, 0) + log1p(e^(−|z|)), finite and accurate for every finite z:
     * the exponent is never positive, so nothing overflows, and log1p keeps the small tail (≈ e^z for
     * z → −∞) that log(1 + u) would round to 0 in float32. Both signs share e^(−|z|), its log1p and the
     * constant 0; softplus(−z) is not formed as softplus(z) − z, which would cancel its tail for z ≫ 0.
     *
     * <p>On the PyTorch engine each sign is instead one native operation with a native backward,
     * {@code torch.nn.functional.softplus} (log1p(e^z) for z ≤ 20 and z above, where the two differ by less
     * than 2.1e-9): 2 operations and 2 temporary arrays in place of 12, which was most of the adapter's price
     * per training step (1.34× → 1.09× of DJL's {@code SigmoidBinaryCrossEntropyLoss}, docs/guide/benchmarks.md).
     * Its float32 results differ from the composite's in the last bit or two (notebook 06's gradient check).
     *
     * @param z any shape
     * @return both, same shape as z
     */
    static Softplus softplusPair(NDArray z) {
        if ("PyTorch".equals(z.getManager().getEngine().getEngineName())) {
            return new Softplus(z.getNDArrayInternal().softPlus(), z.neg().getNDArrayInternal().softPlus());
        }
        NDArray l = log1p(z.abs().neg().exp());
        NDArray zero = constant(z, 0);
        return new Softplus(z.maximum(zero).add(l), z.neg().maximum(zero).add(l));
    }

    /**
     * What a reduction divides the summed loss by: 1 for NONE and SUM, else the count it names, at least 1.
     *
     * @param reduction the reduction
     * @param valid the elements (rows) that are not ignored (MEAN)
     * @param all every element (row), ignored ones included (MEAN_ALL, kornia's convention)
     * @param positives the positive elements, or the rows that are not the background class (MEAN_POSITIVE)
     * @return the divisor
     */
    static double divisor(Reduction reduction, long valid, long all, long positives) {
        return switch (reduction) {
            case NONE, SUM -> 1;
            case MEAN -> Math.max(1, valid);
            case MEAN_ALL -> Math.max(1, all);
            case MEAN_POSITIVE -> Math.max(1, positives);
        };
    }

    /**
     * The focal loss from its two softplus terms, weighted and reduced, for the sigmoid and the softmax
     * adapter alike: per element (row) w·(1 − p_t)^γ·(−log p_t), with −log p_t = softplus(−m) and
     * (1 − p_t)^γ = exp(−γ·softplus(m)) for the margin m = log(p_t / (1 − p_t)), and w = α_t / divisor.
     *
     * @param ce −log p_t = softplus(−m)
     * @param softplusOfMargin softplus(m) = −log(1 − p_t)
     * @param gamma γ ≥ 0 (0: the modulator is not formed)
     * @param weight α_t of each element (row) of {@code ce}, 0 where ignored; divided in place by the divisor
     * @param divisor what the reduction divides by ({@link #divisor})
     * @param reduction NONE for the element-wise losses, else their (divided) sum
     * @return the element-wise losses, or their sum
     */
    static NDArray focal(NDArray ce, NDArray softplusOfMargin, double gamma, float[] weight, double divisor,
                         Reduction reduction) {
        if (divisor != 1) {
            for (int i = 0; i < weight.length; i++) {
                weight[i] = (float) (weight[i] / divisor);
            }
        }
        NDArray loss = ce;
        if (gamma != 0) {
            loss = loss.mul(softplusOfMargin.mul(constant(ce, -gamma)).exp());          // (1 − p_t)^γ
        }
        loss = loss.mul(owned(loss, weight));                                            // α_t / divisor
        return reduction == Reduction.NONE ? loss : loss.sum();
    }

    /**
     * {@code values} (row-major, {@code like}'s shape) as an array of {@code like}'s data type on its
     * manager, with engine-owned storage (see {@link #constant(NDArray, double)}).
     *
     * @param like the array whose shape, type and manager to take
     * @param values like.size() values
     * @return the array
     */
    static NDArray owned(NDArray like, float[] values) {
        try (NDArray boxed = like.getManager().create(values, like.getShape())) {
            return owned(boxed, like.getDataType());
        }
    }

    /**
     * log(1 + u) for u ≥ 0 (DJL's {@link NDArray} has no log1p). With w = fl(1 + u), whose rounding error is
     * δ = u − (w − 1) (exact in floating point), log1p(u) = log(w) + δ/w up to O(δ²): the correction
     * restores the tail that log(1 + u) alone rounds away (all of it when w = 1). Autograd sees
     * d/du = 1/w − δ/w², i.e. 1/(1 + u) to float precision, with no branch and no division by w − 1.
     */
    static NDArray log1p(NDArray u) {
        NDArray one = constant(u, 1);
        NDArray w = u.add(one);
        return w.log().add(u.sub(w.sub(one)).div(w));
    }

    /**
     * log Σ exp(x) along {@code axis}, kept as a size-1 axis, shifted by the (constant) maximum so that no
     * exponent is positive.
     */
    static NDArray logSumExp(NDArray x, int axis) {
        NDArray m = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(m).exp().sum(new int[] {axis}, true).log().add(m);
    }

    /**
     * The number {@code value} as a 0-d array of {@code like}'s data type, on its manager and device, with
     * storage that the engine owns (a copy), so autograd may keep it until {@code backward} whatever the
     * Java garbage collector does. Use it instead of the {@code Number} overloads of {@link NDArray}.
     *
     * @param like the array whose manager, device and data type the constant takes (the prediction, not the
     *             label, whose manager may outlive the batch)
     * @param value the number (rounded to the data type)
     * @return a 0-d array holding the value
     */
    static NDArray constant(NDArray like, double value) {
        if (like.getDataType() == DataType.FLOAT32) {
            // one engine call that allocates and fills the 0-d array (not three: create, copy, free)
            return like.getManager().full(new Shape(), (float) value, DataType.FLOAT32);
        }
        try (NDArray boxed = like.getManager().create(value)) {      // float64 on a Java direct buffer
            return owned(boxed, like.getDataType());
        }
    }

    /** A copy of {@code boxed} as {@code type} in engine-owned storage (a clone, or a conversion). */
    private static NDArray owned(NDArray boxed, DataType type) {
        // toType(type, true) is not enough: PyTorch's to() returns the same storage when the type matches
        return type == boxed.getDataType() ? boxed.duplicate() : boxed.toType(type, false);
    }
}
