package org.focalloss.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import org.focalloss.batch.Reduction;
import org.focalloss.core.Check;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.SigmoidFocalLoss;

/**
 * Sigmoid (binary and multi-label) focal loss of Lin et al., 2017 (<i>Focal Loss for Dense Object
 * Detection</i>, arXiv 1708.02002, eq. 5) as a DJL {@link Loss}, with torchvision's conventions.
 *
 * <p>The prediction is a tensor of logits x of any shape, the label a tensor of the same shape (or the same
 * number of elements) holding 0 or 1 per element, or the ignore label. With y ∈ {0, 1} and z = (2y − 1)·x:
 * <pre>
 *   −log p_t       = softplus(−z)
 *   (1 − p_t)^γ    = exp(−γ · softplus(z))
 *   α_t            = α·y + (1 − α)·(1 − y)        (α on positives, 1 − α on negatives; 1 when α is off)
 *   FL             = α_t · exp(−γ · softplus(z)) · softplus(−z)
 *   softplus(z)    = max(z, 0) + log1p(exp(−|z|))   (PyTorch engine: its native softplus, the same formula)
 * </pre>
 * then reduced: {@link Reduction#MEAN} over the elements that are not ignored, {@link Reduction#SUM},
 * {@link Reduction#MEAN_POSITIVE} (the sum divided by the number of positives, at least 1: RetinaNet's
 * normalisation by the anchors assigned to an object) or {@link Reduction#NONE} (the element-wise losses,
 * ignored elements 0).
 *
 * <p>Numerics: every exponent is ≤ 0 and 1 − p_t is never formed, so the loss and its autograd gradient
 * are finite for every finite logit and every γ ≥ 0. The naive {@code pow(1 − sigmoid(x), γ)} is not: in
 * float32, 1 − p_t rounds to 0 at x = 20 (y = 0) or x = 30 (y = 1), its log is −∞, and for γ &lt; 1 the
 * derivative of the power (γ·(1 − p_t)^(γ−1) = ∞) times 0 is NaN. Limits: z → +∞ (easy examples) gives
 * FL ≈ α_t·e^(−(γ+1)z) → 0; z → −∞ (hard ones) gives FL ≈ α_t·|z|; γ = 0 gives α_t times binary
 * cross-entropy exactly. The values are those of {@link SigmoidFocalLoss} (the exact double-precision
 * reference of this library), to float precision.
 *
 * <p>Soft labels are not accepted (use {@link SigmoidFocalLoss} or {@code SigmoidBatch} of focal-loss-core
 * for those). A label other than 0, 1 or the ignore label fails with one line naming the value; checking it
 * reads one boolean from the device per call.
 *
 * <pre>{@code
 * Loss loss = FocalLosses.sigmoid(2, 0.25);                                     // torchvision's defaults
 * Loss retina = DjlSigmoidFocalLoss.builder().gamma(2).alpha(0.25)
 *         .reduction(Reduction.MEAN_POSITIVE).ignoreLabel(-1).build();
 * }</pre>
 */
public final class DjlSigmoidFocalLoss extends Loss {

    private final double gamma;
    private final double alpha;
    private final boolean weighted;
    private final Reduction reduction;
    private final boolean hasIgnore;
    private final double ignoreLabel;

    private DjlSigmoidFocalLoss(Builder b) {
        super(b.name);
        this.gamma = b.gamma;
        this.alpha = b.alpha;
        this.weighted = b.weighted;
        this.reduction = b.reduction;
        this.hasIgnore = b.hasIgnore;
        this.ignoreLabel = b.ignoreLabel;
    }

    /**
     * @return a builder starting from torchvision's defaults: γ = 2, α = 0.25, mean reduction, no ignore label
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return γ */
    public double gamma() {
        return gamma;
    }

    /** @return α on positives, or NaN when α weighting is off */
    public double alpha() {
        return weighted ? alpha : Double.NaN;
    }

    /** @return the reduction */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * The same loss in focal-loss-core's exact double-precision form, for one element.
     *
     * @return the scalar loss with this γ and α
     */
    public SigmoidFocalLoss exact() {
        return new SigmoidFocalLoss(gamma, weighted ? alpha : 0.25, weighted);
    }

    /**
     * The focal loss of the logits {@code predictions.singletonOrThrow()} against the 0/1 labels
     * {@code labels.head()}, reduced as configured.
     *
     * @param labels one tensor of 0/1 labels (or the ignore label), as many elements as the logits
     * @param predictions one tensor of logits
     * @return the reduced loss (a scalar), or the element-wise losses for {@link Reduction#NONE}
     * @throws InvalidArgumentException if the sizes differ or a label is neither 0, 1 nor the ignore label
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = predictions.singletonOrThrow();
        NDArray label = labels.head();
        if (label.size() != x.size()) {
            throw new InvalidArgumentException("labels have " + label.size() + " elements but the logits "
                    + x.getShape() + " have " + x.size());
        }
        // The labels are read once on the host: the check, the sign y = 2t − 1 and the weight of each element
        // (α_t, 0 if ignored, divided by the reduction's divisor) cost no engine operation each.
        float[] t = label.toType(DataType.FLOAT32, false).toFloatArray();
        float ignore = (float) ignoreLabel;
        float[] sign = new float[t.length];
        float[] weight = new float[t.length];
        long valid = 0;
        long positives = 0;
        for (int i = 0; i < t.length; i++) {
            if (hasIgnore && t[i] == ignore) {
                sign[i] = -1;
                continue;
            }
            if (t[i] != 0 && t[i] != 1) {
                throw new InvalidArgumentException("label = " + Fmt.plain(t[i]) + " is out of range {0, 1}"
                        + (hasIgnore ? " (or the ignore label " + Fmt.plain(ignoreLabel) + ")" : "")
                        + "; soft labels: use focal-loss-core's SigmoidBatch");
            }
            sign[i] = 2 * t[i] - 1;
            weight[i] = (float) (!weighted ? 1 : t[i] == 1 ? alpha : 1 - alpha);
            valid++;
            positives += (long) t[i];
        }
        NDArray z = x.mul(StableOps.owned(x, sign));                                   // margin y·x
        StableOps.Softplus sp = StableOps.softplusPair(z);
        // kornia's convention for MEAN_ALL: ignored elements count
        return StableOps.focal(sp.ofMinus(), sp.ofPlus(), gamma, weight,
                StableOps.divisor(reduction, valid, x.size(), positives), reduction);
    }

    @Override
    public String toString() {
        return "DjlSigmoidFocalLoss[gamma=" + Fmt.plain(gamma) + ", alpha=" + (weighted ? Fmt.plain(alpha) : "none")
                + ", reduction=" + reduction + ", ignoreLabel=" + (hasIgnore ? Fmt.plain(ignoreLabel) : "none") + "]";
    }

    /** Options of {@link DjlSigmoidFocalLoss}; every setter checks its value. */
    public static final class Builder {
        private String name = "FocalLoss";
        private double gamma = 2;
        private double alpha = 0.25;
        private boolean weighted = true;
        private Reduction reduction = Reduction.MEAN;
        private boolean hasIgnore;
        private double ignoreLabel;

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
         * @param value α ∈ [0, 1] on positives, 1 − α on negatives
         * @return this builder
         * @throws InvalidArgumentException if α is outside [0, 1]
         */
        public Builder alpha(double value) {
            alpha = Check.alpha(value);
            weighted = true;
            return this;
        }

        /** @return this builder, without α weighting (α_t = 1) */
        public Builder noAlpha() {
            weighted = false;
            return this;
        }

        /**
         * @param value how the element-wise losses are reduced
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
         * @param value elements whose label equals it count for nothing (loss 0, gradient 0, not in the mean)
         * @return this builder
         * @throws InvalidArgumentException if the value is 0, 1 or not finite
         */
        public Builder ignoreLabel(double value) {
            Check.finite("ignore label", value);
            if (value == 0 || value == 1) {
                throw new InvalidArgumentException("ignore label = " + Fmt.plain(value)
                        + " is a class label: use a value other than 0 and 1, e.g. -1");
            }
            hasIgnore = true;
            ignoreLabel = value;
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

        /** @return the loss */
        public DjlSigmoidFocalLoss build() {
            return new DjlSigmoidFocalLoss(this);
        }
    }
}
