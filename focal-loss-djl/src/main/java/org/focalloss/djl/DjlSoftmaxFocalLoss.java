package org.focalloss.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import org.focalloss.batch.Reduction;
import org.focalloss.core.Check;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.SoftmaxFocalLoss;

/**
 * Multi-class (softmax) focal loss of Lin et al., 2017 (<i>Focal Loss for Dense Object Detection</i>,
 * arXiv 1708.02002) as a DJL {@link Loss}: cross-entropy over C classes times (1 − p_t)^γ, with a scalar α
 * on the true class or one α per class.
 *
 * <p>The prediction is an N × C tensor of logits, the label N class indices (shape (N) or (N, 1), any
 * numeric type) in [0, C) or the ignore index. With p = softmax(z) and t the true class:
 * <pre>
 *   a              = log((1 − p_t) / p_t) = logsumexp_{j≠t} (z_j − z_t)
 *   −log p_t       = softplus(a)
 *   (1 − p_t)^γ    = exp(−γ · softplus(−a))
 *   FL             = α_t · exp(−γ · softplus(−a)) · softplus(a)
 *   softplus(a)    = max(a, 0) + log1p(exp(−|a|))
 * </pre>
 * α_t is the scalar α (the calculator's and Keras' convention; 1 = unweighted) or α[t] of a per-class
 * vector. Reductions: {@link Reduction#MEAN} over the rows that are not ignored, {@link Reduction#SUM},
 * {@link Reduction#MEAN_POSITIVE} (divided by the number of rows whose class is not the background class,
 * at least 1; needs {@link Builder#backgroundClass(int)}), {@link Reduction#NONE} (one loss per row).
 *
 * <p>Numerics: p_t and 1 − p_t are never formed; a is a log-sum-exp shifted by its maximum, and the
 * softplus keeps both tails (−log p_t ≈ e^a for an easy row, where log_softmax rounds to 0 in float32). So
 * the loss and its autograd gradient stay finite and accurate for every γ ≥ 0 when p_t → 1, where
 * {@code pow(1 − p_t, γ)} with γ &lt; 1 gives NaN. Limits: p_t → 1 gives FL → 0 like (1 − p_t)^(γ+1); p_t → 0 gives FL → α_t·CE; γ = 0 gives
 * α_t times cross-entropy exactly. One class (C = 1) has p_t = 1 and loss 0. The values are those of
 * {@link SoftmaxFocalLoss} of focal-loss-core, to float precision.
 *
 * <pre>{@code
 * Loss loss = FocalLosses.softmax(2);                                     // γ = 2, unweighted
 * Loss weighted = DjlSoftmaxFocalLoss.builder().gamma(2).alphaPerClass(0.25, 0.75, 0.75)
 *         .ignoreIndex(-100).build();
 * }</pre>
 */
public final class DjlSoftmaxFocalLoss extends Loss {

    /** Added to the target's log-probability to take it out of the log-sum-exp (e^(−1e30) = 0 in float). */
    private static final float MASK = -1e30f;

    private final double gamma;
    private final double alpha;
    private final double[] perClassAlpha;
    private final Reduction reduction;
    private final boolean hasIgnore;
    private final int ignoreIndex;
    private final int backgroundClass;

    private DjlSoftmaxFocalLoss(Builder b) {
        super(b.name);
        this.gamma = b.gamma;
        this.alpha = b.alpha;
        this.perClassAlpha = b.perClassAlpha == null ? null : b.perClassAlpha.clone();
        this.reduction = b.reduction;
        this.hasIgnore = b.hasIgnore;
        this.ignoreIndex = b.ignoreIndex;
        this.backgroundClass = b.backgroundClass;
    }

    /**
     * @return a builder starting from γ = 2, α = 1 (unweighted), mean reduction, no ignore index
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return γ */
    public double gamma() {
        return gamma;
    }

    /** @return the reduction */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * The same loss in focal-loss-core's exact double-precision form, for one row.
     *
     * @return the scalar loss with this γ and α
     */
    public SoftmaxFocalLoss exact() {
        return new SoftmaxFocalLoss(gamma, alpha, perClassAlpha);
    }

    /**
     * The focal loss of the N × C logits {@code predictions.singletonOrThrow()} against the class indices
     * {@code labels.head()}, reduced as configured.
     *
     * @param labels one tensor of N class indices (or the ignore index)
     * @param predictions one N × C tensor of logits
     * @return the reduced loss (a scalar), or the N row losses for {@link Reduction#NONE}
     * @throws InvalidArgumentException if the logits are not N × C, the labels are not N, a label is not a
     *                                  class index nor the ignore index, or per-class α has another length
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.singletonOrThrow();
        if (z.getShape().dimension() != 2) {
            throw new InvalidArgumentException("logits have shape " + z.getShape() + ": expected N × C (2 axes)");
        }
        long n = z.getShape().get(0);
        int c = Math.toIntExact(z.getShape().get(1));
        NDArray label = labels.head();
        if (label.size() != n) {
            throw new InvalidArgumentException("labels have " + label.size() + " elements but the logits have "
                    + n + " rows");
        }
        if (perClassAlpha != null) {
            Check.sameLength("alpha", perClassAlpha.length, c);
        }
        if (backgroundClass >= 0) {
            Check.classIndex("background class", backgroundClass, c);
        }
        // The labels are read once on the host: the check, the one-hot rows, the logit mask at the target and
        // the weight of each row (α_t, 0 if ignored, divided by the reduction's divisor) cost no engine
        // operation each.
        long[] t = label.toType(DataType.INT64, false).toLongArray();
        int rows = Math.toIntExact(n);
        float[] oneHot = new float[rows * c];
        float[] masked = new float[rows * c];
        float[] weight = new float[rows];
        long valid = 0;
        long positives = 0;
        for (int r = 0; r < rows; r++) {
            if (hasIgnore && t[r] == ignoreIndex) {
                oneHot[r * c] = 1;                      // ignored → class 0, weight 0
                masked[r * c] = MASK;
                continue;
            }
            if (t[r] < 0 || t[r] >= c) {
                throw new InvalidArgumentException("label = " + t[r] + " is out of range [0, " + (c - 1) + "] for "
                        + c + " classes" + (hasIgnore ? " (or the ignore index " + ignoreIndex + ")" : ""));
            }
            int k = (int) t[r];
            oneHot[r * c + k] = 1;
            masked[r * c + k] = MASK;
            weight[r] = (float) (perClassAlpha != null ? perClassAlpha[k] : alpha);
            valid++;
            positives += k != backgroundClass ? 1 : 0;
        }
        // a = log((1 − p_t)/p_t) = logsumexp_{j≠t}(z_j − z_t): then −log p_t = softplus(a) and
        // log(1 − p_t) = −softplus(−a), the sigmoid form with z = −a, accurate at both ends.
        NDArray zt = z.mul(StableOps.owned(z, oneHot)).sum(new int[] {1}, true);
        NDArray a = StableOps.logSumExp(z.sub(zt).add(StableOps.owned(z, masked)), 1).reshape(n);
        StableOps.Softplus sp = StableOps.softplusPair(a);
        // m = −a; kornia's convention for MEAN_ALL: ignored rows count
        return StableOps.focal(sp.ofPlus(), sp.ofMinus(), gamma, weight,
                StableOps.divisor(reduction, valid, n, positives), reduction);
    }

    @Override
    public String toString() {
        return "DjlSoftmaxFocalLoss[gamma=" + Fmt.plain(gamma) + ", alpha="
                + (perClassAlpha == null ? Fmt.plain(alpha) : java.util.Arrays.toString(perClassAlpha))
                + ", reduction=" + reduction + ", ignoreIndex=" + (hasIgnore ? Integer.toString(ignoreIndex) : "none")
                + ", backgroundClass=" + (backgroundClass >= 0 ? Integer.toString(backgroundClass) : "none") + "]";
    }

    /** Options of {@link DjlSoftmaxFocalLoss}; every setter checks its value, {@link #build()} the combination. */
    public static final class Builder {
        private String name = "SoftmaxFocalLoss";
        private double gamma = 2;
        private double alpha = 1;
        private double[] perClassAlpha;
        private Reduction reduction = Reduction.MEAN;
        private boolean hasIgnore;
        private int ignoreIndex;
        private int backgroundClass = -1;

        private Builder() {
        }

        /**
         * @param value γ ≥ 0 (0: α-weighted cross-entropy)
         * @return this builder
         * @throws InvalidArgumentException if γ is negative or not finite
         */
        public Builder gamma(double value) {
            gamma = Check.gamma(value);
            return this;
        }

        /**
         * @param value α ∈ [0, 1] on the true class of every row (1: unweighted)
         * @return this builder
         * @throws InvalidArgumentException if α is outside [0, 1]
         */
        public Builder alpha(double value) {
            alpha = Check.alpha(value);
            perClassAlpha = null;
            return this;
        }

        /**
         * @param values one α ∈ [0, 1] per class; a row with true class t is weighted by α[t]
         * @return this builder
         * @throws InvalidArgumentException if the array is empty or a value is outside [0, 1]
         */
        public Builder alphaPerClass(double... values) {
            perClassAlpha = new SoftmaxFocalLoss(0, 1, values).perClassAlpha();
            return this;
        }

        /**
         * @param value how the row losses are reduced
         * @return this builder
         * @throws InvalidArgumentException if the value is null
         */
        public Builder reduction(Reduction value) {
            if (value == null) {
                throw new InvalidArgumentException("reduction is missing: NONE, SUM, MEAN, MEAN_ALL or MEAN_POSITIVE");
            }
            reduction = value;
            return this;
        }

        /**
         * @param value rows with this (negative) label count for nothing; PyTorch uses −100
         * @return this builder
         * @throws InvalidArgumentException if the value is not negative (it would be a class)
         */
        public Builder ignoreIndex(int value) {
            if (value >= 0) {
                throw new InvalidArgumentException("ignore index = " + value
                        + " is out of range (-∞, -1]: a class index cannot be ignored");
            }
            hasIgnore = true;
            ignoreIndex = value;
            return this;
        }

        /**
         * @param value the class that is not a positive, for {@link Reduction#MEAN_POSITIVE}
         * @return this builder
         * @throws InvalidArgumentException if the value is negative
         */
        public Builder backgroundClass(int value) {
            backgroundClass = Check.atLeast("background class", value, 0);
            return this;
        }

        /**
         * @param value the name DJL's training listeners print
         * @return this builder
         * @throws InvalidArgumentException if the name is null or blank
         */
        public Builder name(String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidArgumentException("name is empty: give the loss a name, e.g. \"FocalLoss\"");
            }
            name = value;
            return this;
        }

        /**
         * @return the loss
         * @throws InvalidArgumentException if the reduction is MEAN_POSITIVE without a background class
         */
        public DjlSoftmaxFocalLoss build() {
            if (reduction == Reduction.MEAN_POSITIVE && backgroundClass < 0) {
                throw new InvalidArgumentException("reduction MEAN_POSITIVE needs to know which rows are"
                        + " positives: set a background class, e.g. backgroundClass(0)");
            }
            return new DjlSoftmaxFocalLoss(this);
        }
    }
}
