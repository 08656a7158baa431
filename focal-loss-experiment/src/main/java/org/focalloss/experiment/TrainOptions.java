package org.focalloss.experiment;

import java.util.Arrays;
import java.util.Objects;
import org.focalloss.batch.Precision;
import org.focalloss.core.Check;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.PriorInitialization;

/**
 * Everything that defines one training run: the model, the loss, the optimiser, the budget and the seed.
 * Two runs with equal options on the same data give bit-identical models.
 *
 * <pre>{@code
 * TrainOptions fl = TrainOptions.builder().hidden(64).focal(2, 0.25).prior(0.01).epochs(20).seed(1).build();
 * TrainOptions ce = fl.toBuilder().crossEntropy().build();
 * }</pre>
 *
 * @param hidden hidden layer widths; empty = logistic regression
 * @param gamma γ ≥ 0 (0 = cross-entropy)
 * @param alpha α ∈ [0, 1] on positives (1 − α on negatives), or NaN for no α weighting
 * @param prior π ∈ (0, 1) for the output bias b = −log((1 − π)/π) (Lin et al., 2017, §4.1), or NaN for b = 0
 * @param normalization how the summed loss of a mini-batch is divided
 * @param epochs passes over the training set, at least 1
 * @param batchSize examples per mini-batch, at least 1
 * @param learningRate Adam's step size, &gt; 0
 * @param precision the batch loss kernels' precision ({@link Precision#FAST}: float kernels)
 * @param seed seed for the initial weights and the shuffling
 */
public record TrainOptions(int[] hidden, double gamma, double alpha, double prior, Normalization normalization,
                           int epochs, int batchSize, double learningRate, Precision precision, long seed) {

    /** How a mini-batch's summed loss is normalised. */
    public enum Normalization {
        /**
         * Divide by the number of positives in the mini-batch (at least 1), as RetinaNet divides by the
         * positive anchors of its images ({@code Reduction.MEAN_POSITIVE}).
         */
        POSITIVES_IN_BATCH,
        /**
         * Divide by the expected number of positives in a mini-batch (batch size × the training set's
         * positive rate): the same scale as {@link #POSITIVES_IN_BATCH} without its batch-to-batch noise.
         */
        EXPECTED_POSITIVES,
        /** Divide by the number of examples in the mini-batch. */
        MEAN
    }

    /**
     * @throws InvalidArgumentException if a value is out of range
     */
    public TrainOptions {
        hidden = hidden.clone();
        for (int h : hidden) {
            Check.atLeast("hidden width", h, 1);
        }
        Check.gamma(gamma);
        if (!Double.isNaN(alpha)) {
            Check.alpha(alpha);
        }
        if (!Double.isNaN(prior)) {
            PriorInitialization.bias(prior);
        }
        Objects.requireNonNull(normalization, "normalization");
        Check.atLeast("epochs", epochs, 1);
        Check.atLeast("batchSize", batchSize, 1);
        Check.positive("learningRate", learningRate);
        Objects.requireNonNull(precision, "precision");
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * @return the layer sizes of the model: 2, the hidden widths, 1
     */
    public int[] layerSizes() {
        int[] s = new int[hidden.length + 2];
        s[0] = 2;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = 1;
        return s;
    }

    /**
     * @return the initial output bias: −log((1 − π)/π), or 0 without a prior
     */
    public double initialBias() {
        return Double.isNaN(prior) ? 0 : PriorInitialization.bias(prior);
    }

    /**
     * @return a short name of the loss, e.g. "FL (γ = 2, α = 0.25)", "α-CE (α = 0.75)", "CE"; "no prior"
     *         is appended without the prior
     */
    public String lossName() {
        String a = Double.isNaN(alpha) ? "" : "α = " + org.focalloss.core.Fmt.trimmed(alpha, 3);
        String name;
        if (gamma == 0) {
            name = a.isEmpty() ? "CE" : "α-CE (" + a + ")";
        } else {
            name = "FL (γ = " + org.focalloss.core.Fmt.trimmed(gamma, 3) + (a.isEmpty() ? "" : ", " + a) + ")";
        }
        return Double.isNaN(prior) ? name + ", no prior" : name;
    }

    /**
     * @return a builder with the defaults: one hidden layer of 64, FL with γ = 2 and α = 0.25, π = 0.01,
     *         positives-in-batch normalisation, 20 epochs of batches of 1,024, learning rate 0.01, fast
     *         kernels, seed 1
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder starting from these options
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hidden = hidden.clone();
        b.gamma = gamma;
        b.alpha = alpha;
        b.prior = prior;
        b.normalization = normalization;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.precision = precision;
        b.seed = seed;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainOptions t && Arrays.equals(hidden, t.hidden) && Double.compare(gamma, t.gamma) == 0
                && Double.compare(alpha, t.alpha) == 0 && Double.compare(prior, t.prior) == 0
                && normalization == t.normalization && epochs == t.epochs && batchSize == t.batchSize
                && Double.compare(learningRate, t.learningRate) == 0 && precision == t.precision && seed == t.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(hidden), gamma, alpha, prior, normalization, epochs, batchSize,
                learningRate, precision, seed);
    }

    @Override
    public String toString() {
        return "TrainOptions[" + new Mlp(layerSizes()).name() + ", " + lossName() + ", " + normalization + ", epochs="
                + epochs + ", batch=" + batchSize + ", lr=" + learningRate + ", seed=" + seed + "]";
    }

    /** Builder for {@link TrainOptions}. */
    public static final class Builder {
        private int[] hidden = {64};
        private double gamma = 2;
        private double alpha = 0.25;
        private double prior = 0.01;
        private Normalization normalization = Normalization.POSITIVES_IN_BATCH;
        private int epochs = 20;
        private int batchSize = 1024;
        private double learningRate = 0.01;
        private Precision precision = Precision.FAST;
        private long seed = 1;

        private Builder() {
        }

        /**
         * @param widths hidden layer widths, e.g. {@code 64} or {@code 32, 32}; none = logistic regression
         * @return this builder
         */
        public Builder hidden(int... widths) {
            hidden = widths.clone();
            return this;
        }

        /**
         * @return this builder, as logistic regression (no hidden layer)
         */
        public Builder logistic() {
            hidden = new int[0];
            return this;
        }

        /**
         * Focal loss FL = −α_t (1 − p_t)^γ log p_t.
         *
         * @param g γ ≥ 0
         * @param a α ∈ [0, 1] on positives
         * @return this builder
         */
        public Builder focal(double g, double a) {
            gamma = g;
            alpha = a;
            return this;
        }

        /**
         * @return this builder, with plain cross-entropy (γ = 0, no α)
         */
        public Builder crossEntropy() {
            gamma = 0;
            alpha = Double.NaN;
            return this;
        }

        /**
         * α-balanced cross-entropy (γ = 0).
         *
         * @param a α ∈ [0, 1] on positives
         * @return this builder
         */
        public Builder balancedCrossEntropy(double a) {
            gamma = 0;
            alpha = a;
            return this;
        }

        /**
         * @param g γ ≥ 0
         * @return this builder
         */
        public Builder gamma(double g) {
            gamma = g;
            return this;
        }

        /**
         * @param a α ∈ [0, 1], or NaN for none
         * @return this builder
         */
        public Builder alpha(double a) {
            alpha = a;
            return this;
        }

        /**
         * @param pi π ∈ (0, 1) for the output bias, or NaN for b = 0
         * @return this builder
         */
        public Builder prior(double pi) {
            prior = pi;
            return this;
        }

        /**
         * @return this builder, with the output bias starting at 0 (p = 0.5 everywhere)
         */
        public Builder noPrior() {
            prior = Double.NaN;
            return this;
        }

        /**
         * @param value the normalisation
         * @return this builder
         */
        public Builder normalization(Normalization value) {
            normalization = value;
            return this;
        }

        /**
         * @param value epochs, at least 1
         * @return this builder
         */
        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /**
         * @param value mini-batch size, at least 1
         * @return this builder
         */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /**
         * @param value Adam's learning rate, &gt; 0
         * @return this builder
         */
        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /**
         * @param value precision of the loss kernels
         * @return this builder
         */
        public Builder precision(Precision value) {
            precision = value;
            return this;
        }

        /**
         * @param value the seed
         * @return this builder
         */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * @return the options
         * @throws InvalidArgumentException if a value is out of range
         */
        public TrainOptions build() {
            return new TrainOptions(hidden, gamma, alpha, prior, normalization, epochs, batchSize, learningRate,
                    precision, seed);
        }
    }
}
