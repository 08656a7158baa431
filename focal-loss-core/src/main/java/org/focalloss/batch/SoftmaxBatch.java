package org.focalloss.batch;

import java.util.Objects;
import org.focalloss.core.Check;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.SoftmaxFocalLoss;

/**
 * Softmax (multi-class) focal loss over a batch of N examples with C classes in one fused pass.
 *
 * <p>The logits are a row-major N × C array, the targets one 0-based class index per row (or an ignore
 * index). Per row the loss is that of {@link SoftmaxFocalLoss}; see there for formulas and limits.
 *
 * <pre>{@code
 * BatchResult r = SoftmaxBatch.of(2.0, 0.25, Reduction.MEAN).compute(logits, targets, 8);
 *
 * SoftmaxBatch fl = SoftmaxBatch.builder().gamma(2).alphaPerClass(w).ignoreIndex(-100).threads(2).build();
 * double loss = fl.computeInto(floatLogits, targets, 8, grad, null);
 * }</pre>
 *
 * <p>The focal family ({@link SoftmaxFocalLoss.Settings}, through the builder): class weights of any size,
 * Keras' label smoothing, the soft-label convention and Poly-1; per-sample weights (Keras
 * {@code sample_weight}, mmdet {@code weight}) are an argument of
 * {@link #compute(double[], int[], double[], int)}, and target distributions (soft labels, one row of C
 * values per example) go through {@link #compute(double[], double[], double[], int)}. A row's loss is
 * multiplied by its sample weight after α_t and the class weight; a weight of 0 still counts in MEAN's
 * divisor (Keras' {@code sum_over_batch_size}). The fast float kernels do not implement these options:
 * when one is set, {@code float[]} data is computed on the exact path automatically.
 *
 * @param options the configuration
 * @param settings the focal-family options of every row ({@link SoftmaxFocalLoss.Settings#DEFAULT}: none)
 */
public record SoftmaxBatch(Options options, SoftmaxFocalLoss.Settings settings) {

    /**
     * @param options the configuration
     * @param settings the focal-family options
     * @throws NullPointerException if an argument is null
     */
    public SoftmaxBatch {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * The plain loss of {@code options}.
     *
     * @param options the configuration
     * @throws NullPointerException if options is null
     */
    public SoftmaxBatch(Options options) {
        this(options, SoftmaxFocalLoss.Settings.DEFAULT);
    }

    /**
     * @param gamma γ ≥ 0
     * @param alpha scalar α ∈ [0, 1] on the true class
     * @param reduction NONE, SUM or MEAN
     * @return a single-threaded batch loss
     * @throws InvalidArgumentException if γ or α is out of range, or the reduction is MEAN_POSITIVE (which
     *                                  needs a background class: use the builder)
     */
    public static SoftmaxBatch of(double gamma, double alpha, Reduction reduction) {
        return builder().gamma(gamma).alpha(alpha).reduction(reduction).build();
    }

    /**
     * @return a builder starting from γ = 2, α = 0.25, {@link Reduction#SUM}, one thread, fast precision
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Exact pass over double data; allocates the outputs.
     *
     * @param logits row-major N × C logits, finite
     * @param targets N class indices (or the ignore index)
     * @param classes C, at least 1
     * @return loss, per-row losses and gradient (N × C)
     * @throws InvalidArgumentException if a length is wrong or a row is invalid (the message gives the row)
     */
    public BatchResult compute(double[] logits, int[] targets, int classes) {
        return compute(logits, targets, null, classes);
    }

    /**
     * Exact pass with per-sample weights; allocates the outputs.
     *
     * @param logits row-major N × C logits, finite
     * @param targets N class indices (or the ignore index)
     * @param sampleWeights N weights ≥ 0, or null for none
     * @param classes C, at least 1
     * @return loss, per-row (weighted) losses and gradient (N × C)
     * @throws InvalidArgumentException if an array is null, a length is wrong, a weight is negative, or a row
     *                                  is invalid
     */
    public BatchResult compute(double[] logits, int[] targets, double[] sampleWeights, int classes) {
        Check.notNull("logits", logits);
        Check.notNull("targets", targets);
        double[] grad = new double[logits.length];
        double[] losses = new double[targets.length];
        double loss = computeInto(logits, targets, sampleWeights, classes, grad, losses);
        return new BatchResult(loss, divisor(targets), losses, grad);
    }

    /**
     * Exact pass over target distributions (soft labels): row r of {@code targetDistributions} holds the C
     * values y_rj of example r (see {@link SoftmaxFocalLoss#evaluate(double[], double[])}). No row is
     * ignored; MEAN divides by N; MEAN_POSITIVE counts the rows whose largest target is not the background
     * class.
     *
     * @param logits row-major N × C logits, finite
     * @param targetDistributions row-major N × C targets in [0, 1]
     * @param sampleWeights N weights ≥ 0, or null for none
     * @param classes C, at least 1
     * @return loss, per-row (weighted) losses and gradient (N × C)
     * @throws InvalidArgumentException if a length is wrong, a weight is negative, or a row is invalid (the
     *                                  message gives the row)
     */
    public BatchResult compute(double[] logits, double[] targetDistributions, double[] sampleWeights,
                               int classes) {
        Check.atLeast("classes", classes, 1);
        Check.sameLength("target distributions", targetDistributions.length, logits.length);
        int n = logits.length / classes;
        int[] argmax = new int[n];
        for (int r = 0; r < n; r++) {
            for (int j = 1; j < classes; j++) {
                if (targetDistributions[r * classes + j] > targetDistributions[r * classes + argmax[r]]) {
                    argmax[r] = j;
                }
            }
        }
        checkShape(logits.length, n, classes, -1, -1);
        checkSampleWeights(n, sampleWeights);
        SoftmaxFocalLoss fl = rowLoss();
        double div = divisor(argmax);     // class indices ≥ 0 are never the (negative) ignore index
        double[] grad = new double[logits.length];
        double[] losses = new double[n];
        double sum = 0;
        double[] z = new double[classes];
        double[] y = new double[classes];
        for (int r = 0; r < n; r++) {
            System.arraycopy(logits, r * classes, z, 0, classes);
            System.arraycopy(targetDistributions, r * classes, y, 0, classes);
            SoftmaxFocalLoss.SoftTerms terms;
            try {
                terms = fl.evaluate(z, y);
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException("row " + r + ": " + e.getMessage());
            }
            double w = sampleWeights == null ? 1 : sampleWeights[r];
            double[] g = terms.gradient();
            for (int j = 0; j < classes; j++) {
                grad[r * classes + j] = w * g[j] / div;
            }
            losses[r] = w * terms.loss();
            sum += losses[r];
        }
        return new BatchResult(options.reduction == Reduction.NONE ? sum : sum / div, div, losses, grad);
    }

    private SoftmaxFocalLoss rowLoss() {
        return new SoftmaxFocalLoss(options.gamma, options.alpha, options.perClassAlpha, settings);
    }

    private void checkSampleWeights(int n, double[] w) {
        if (w != null) {
            Check.sameLength("sample weights", w.length, n);
            for (int i = 0; i < n; i++) {
                Check.nonNegative("sample weights[" + i + "]", w[i]);
            }
        }
    }

    /**
     * Pass over float data with the configured precision; allocates the outputs.
     *
     * @param logits row-major N × C logits, finite
     * @param targets N class indices (or the ignore index)
     * @param classes C, at least 1
     * @return loss, per-row losses and gradient (N × C)
     * @throws InvalidArgumentException if a length is wrong or a row is invalid
     */
    public FloatBatchResult compute(float[] logits, int[] targets, int classes) {
        Check.notNull("logits", logits);
        Check.notNull("targets", targets);
        float[] grad = new float[logits.length];
        float[] losses = new float[targets.length];
        double loss = computeInto(logits, targets, classes, grad, losses);
        return new FloatBatchResult(loss, divisor(targets), losses, grad);
    }

    /**
     * Exact pass over double data into caller-provided buffers.
     *
     * @param logits row-major N × C logits
     * @param targets N class indices
     * @param classes C
     * @param gradOut receives the gradient (N × C), or null
     * @param lossOut receives per-row losses (N), or null
     * @return the reduced loss
     * @throws InvalidArgumentException if an array is null, a length is wrong or a row is invalid
     */
    public double computeInto(double[] logits, int[] targets, int classes, double[] gradOut, double[] lossOut) {
        return computeInto(logits, targets, null, classes, gradOut, lossOut);
    }

    /**
     * Exact pass over double data with per-sample weights into caller-provided buffers.
     *
     * @param logits row-major N × C logits
     * @param targets N class indices
     * @param sampleWeights N weights ≥ 0, or null for none
     * @param classes C
     * @param gradOut receives the gradient (N × C), or null
     * @param lossOut receives per-row weighted losses (N), or null
     * @return the reduced loss
     * @throws InvalidArgumentException if an array is null, a length is wrong, a weight is negative, or a row
     *                                  is invalid
     */
    public double computeInto(double[] logits, int[] targets, double[] sampleWeights, int classes, double[] gradOut,
                              double[] lossOut) {
        int n = checkShape(Check.notNull("logits", logits).length, Check.notNull("targets", targets).length, classes,
                gradOut == null ? -1 : gradOut.length, lossOut == null ? -1 : lossOut.length);
        checkSampleWeights(n, sampleWeights);
        double divisor = divisor(targets);
        double scale = 1 / divisor;
        SoftmaxFocalLoss fl = familyLoss(classes);
        double sum = Parallel.sum(n, options.threads, 1, (from, to) -> exactRange(from, to, classes, targets,
                sampleWeights, fl, scale,
                (row, dst) -> System.arraycopy(logits, row * classes, dst, 0, classes),
                (row, grad, loss) -> {
                    if (gradOut != null) {
                        System.arraycopy(grad, 0, gradOut, row * classes, classes);
                    }
                    if (lossOut != null) {
                        lossOut[row] = loss;
                    }
                }));
        return options.reduction == Reduction.NONE ? sum : sum / divisor;
    }

    /**
     * Pass over float data into caller-provided buffers with the configured precision. On invalid input
     * the buffers' contents are unspecified. With {@link Precision#FAST} and γ ≤ 1000 the fast kernels run
     * tile by tile, and a tile whose float result overflows (a row whose logits span more than Float.MAX,
     * e.g. {2e38, −2e38}) is recomputed with the exact formulas; larger γ always takes the exact path. A
     * per-row loss above Float.MAX is stored as +∞; the returned sum, accumulated in double, stays finite.
     * Gradients are always finite.
     *
     * @param logits row-major N × C logits
     * @param targets N class indices
     * @param classes C
     * @param gradOut receives the gradient (N × C), or null
     * @param lossOut receives per-row losses (N), or null
     * @return the reduced loss, accumulated in double
     * @throws InvalidArgumentException if an array is null, a length is wrong or a row is invalid
     */
    public double computeInto(float[] logits, int[] targets, int classes, float[] gradOut, float[] lossOut) {
        int n = checkShape(Check.notNull("logits", logits).length, Check.notNull("targets", targets).length, classes,
                gradOut == null ? -1 : gradOut.length, lossOut == null ? -1 : lossOut.length);
        double divisor = divisor(targets);
        double scale = 1 / divisor;
        SoftmaxFocalLoss fl = familyLoss(classes);
        FastPass.Range exact = (from, to) -> exactRange(from, to, classes, targets, null, fl, scale,
                (row, dst) -> {
                    for (int j = 0; j < classes; j++) {
                        dst[j] = logits[row * classes + j];
                    }
                },
                (row, grad, loss) -> {
                    if (gradOut != null) {
                        for (int j = 0; j < classes; j++) {
                            gradOut[row * classes + j] = (float) grad[j];
                        }
                    }
                    if (lossOut != null) {
                        lossOut[row] = (float) loss;
                    }
                });
        double sum;
        if (options.precision == Precision.FAST && settings.isDefault()
                && options.gamma <= FastPass.MAX_GAMMA_SOFTMAX) {
            FastKernels k = Kernels.fast();
            float[] alpha = new float[classes];
            for (int j = 0; j < classes; j++) {
                alpha[j] = (float) alphaOf(j);
            }
            float gamma = (float) options.gamma;
            float gradScale = (float) scale;
            FastPass.Range fast = (from, to) -> k.softmax(logits, targets, classes, from, to, gamma, alpha,
                    options.hasIgnore, options.ignoreIndex, gradScale, gradOut, lossOut);
            int tileRows = FastPass.softmaxTileRows(classes);
            sum = Parallel.sum(n, options.threads, Parallel.ALIGN,
                    (from, to) -> FastPass.sum(from, to, tileRows, fast, exact));
            k.passDone();
        } else {
            sum = Parallel.sum(n, options.threads, 1, exact::run);
        }
        return options.reduction == Reduction.NONE ? sum : sum / divisor;
    }

    private interface RowSource {
        void load(int row, double[] dst);
    }

    private interface RowSink {
        void put(int row, double[] grad, double loss);
    }

    /** The row loss with the family's options, or null for the plain loss (evaluated allocation-free). */
    private SoftmaxFocalLoss familyLoss(int classes) {
        if (settings.isDefault()) {
            return null;
        }
        if (settings.classWeights() != null) {
            Check.sameLength("class weights", settings.classWeights().length, classes);
        }
        return rowLoss();
    }

    private double exactRange(int from, int to, int classes, int[] targets, double[] weights, SoftmaxFocalLoss fl,
                              double scale, RowSource source, RowSink sink) {
        double[] z = new double[classes];
        double[] grad = new double[classes];
        double s = 0;
        for (int row = from; row < to; row++) {
            int t = targets[row];
            if (isIgnored(t)) {
                java.util.Arrays.fill(grad, 0);
                sink.put(row, grad, 0);
                continue;
            }
            source.load(row, z);
            checkRow(row, z, t, classes);
            double w = weights == null ? 1 : weights[row];
            double loss;
            if (fl == null) {
                loss = SoftmaxFocalLoss.evaluateInto(z, 0, classes, t, options.gamma, alphaOf(t), null, 0, grad, 0,
                        null);
            } else {
                SoftmaxFocalLoss.Terms terms = fl.evaluate(z, t);
                loss = terms.loss();
                System.arraycopy(terms.gradient(), 0, grad, 0, classes);
            }
            loss *= w;
            for (int j = 0; j < classes; j++) {
                grad[j] *= w * scale;
            }
            s += loss;
            sink.put(row, grad, loss);
        }
        return s;
    }

    private void checkRow(int row, double[] z, int t, int classes) {
        if (t < 0 || t >= classes) {
            throw new InvalidArgumentException("targets[" + row + "] = " + t + " is out of range [0, " + (classes - 1)
                    + "] for " + classes + " classes" + (options.hasIgnore ? " (or the ignore index "
                    + options.ignoreIndex + ")" : ""));
        }
        for (int j = 0; j < classes; j++) {
            if (!Double.isFinite(z[j])) {
                throw Check.outOfRange("logits[" + row + "][" + j + "]", z[j], Check.FINITE_RANGE);
            }
        }
    }

    private boolean isIgnored(int t) {
        return options.hasIgnore && t == options.ignoreIndex;
    }

    private double alphaOf(int t) {
        return options.perClassAlpha == null ? options.alpha : options.perClassAlpha[t];
    }

    private int checkShape(int logits, int targets, int classes, int grad, int loss) {
        Check.atLeast("classes", classes, 1);
        if (options.perClassAlpha != null) {
            Check.sameLength("alpha", options.perClassAlpha.length, classes);
        }
        if (options.backgroundClass >= 0) {
            Check.classIndex("background class", options.backgroundClass, classes);
        }
        if ((long) targets * classes != logits) {
            throw new InvalidArgumentException("logits has length " + logits + " but " + targets + " rows × "
                    + classes + " classes = " + (long) targets * classes + " was expected");
        }
        if (grad >= 0) {
            Check.sameLength("gradient buffer", grad, logits);
        }
        if (loss >= 0) {
            Check.sameLength("loss buffer", loss, targets);
        }
        return targets;
    }

    private double divisor(int[] targets) {
        switch (options.reduction) {
            case NONE:
            case SUM:
                return 1;
            case MEAN_ALL:
                return Math.max(1, targets.length);
            case MEAN: {
                int c = 0;
                for (int t : targets) {
                    c += isIgnored(t) ? 0 : 1;
                }
                return Math.max(1, c);
            }
            case MEAN_POSITIVE: {
                if (!Double.isNaN(options.divisor)) {
                    return options.divisor;
                }
                int c = 0;
                for (int t : targets) {
                    c += !isIgnored(t) && t != options.backgroundClass ? 1 : 0;
                }
                return Math.max(1, c);
            }
            default:
                throw new AssertionError(options.reduction);
        }
    }

    /**
     * The configuration of a softmax batch pass.
     *
     * @param gamma γ ≥ 0
     * @param alpha scalar α ∈ [0, 1] on the true class (when perClassAlpha is null)
     * @param perClassAlpha one α per class, or null
     * @param reduction the reduction
     * @param hasIgnore whether rows with target {@code ignoreIndex} are ignored
     * @param ignoreIndex the ignore index, any int: PyTorch's default −100, segmentation's 255 (kornia, smp,
     *                    MMDetection), or a class in [0, C) whose rows are then ignored as PyTorch does;
     *                    ignored rows count for {@link Reduction#MEAN_ALL} only
     * @param backgroundClass the class that is not a positive, for {@link Reduction#MEAN_POSITIVE}; −1 if none
     * @param divisor a fixed divisor for MEAN_POSITIVE, at least 1, or NaN to count positives
     * @param threads threads, at least 1
     * @param precision precision for float data
     */
    public record Options(double gamma, double alpha, double[] perClassAlpha, Reduction reduction, boolean hasIgnore,
                          int ignoreIndex, int backgroundClass, double divisor, int threads, Precision precision) {

        /**
         * @throws InvalidArgumentException if a setting is out of range, or MEAN_POSITIVE has neither a
         *                                  background class nor a divisor
         */
        public Options {
            Check.gamma(gamma);
            if (perClassAlpha == null) {
                Check.alpha(alpha);
            } else {
                perClassAlpha = perClassAlpha.clone();
                for (int j = 0; j < perClassAlpha.length; j++) {
                    Check.unitInterval("alpha[" + j + "]", perClassAlpha[j]);
                }
            }
            Objects.requireNonNull(reduction, "reduction");
            Objects.requireNonNull(precision, "precision");
            Check.atLeast("threads", threads, 1);
            if (!Double.isNaN(divisor)) {
                Check.divisor(divisor);   // NaN means "no divisor"
            }
            if (reduction == Reduction.MEAN_POSITIVE && backgroundClass < 0 && Double.isNaN(divisor)) {
                throw new InvalidArgumentException("reduction MEAN_POSITIVE needs to know which rows are positive:"
                        + " set a background class (e.g. backgroundClass(0)) or a divisor");
            }
        }

        @Override
        public double[] perClassAlpha() {
            return perClassAlpha == null ? null : perClassAlpha.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options other && toString().equals(other.toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }

        @Override
        public String toString() {
            return "Options[gamma=" + gamma + ", alpha=" + (perClassAlpha == null ? Double.toString(alpha)
                    : java.util.Arrays.toString(perClassAlpha)) + ", reduction=" + reduction + ", ignoreIndex="
                    + (hasIgnore ? Integer.toString(ignoreIndex) : "none") + ", backgroundClass=" + backgroundClass
                    + ", divisor=" + divisor + ", threads=" + threads + ", precision=" + precision + "]";
        }
    }

    /** Builder for {@link SoftmaxBatch}. */
    public static final class Builder {
        private double gamma = 2;
        private double alpha = 0.25;
        private double[] perClass;
        private Reduction reduction = Reduction.SUM;
        private boolean hasIgnore;
        private int ignoreIndex = -100;
        private int backgroundClass = -1;
        private double divisor = Double.NaN;
        private int threads = 1;
        private Precision precision = Precision.FAST;
        private double[] classWeights;
        private double labelSmoothing;
        private org.focalloss.core.SoftLabelConvention convention = org.focalloss.core.SoftLabelConvention.TRUE_CLASS;
        private double polyEpsilon;

        private Builder() {
        }

        /**
         * @param values one class weight ≥ 0 per class (kornia/MONAI {@code weight}, smp {@code class_weights});
         *               multiplies α_t
         * @return this builder
         */
        public Builder classWeights(double... values) {
            classWeights = values.clone();
            return this;
        }

        /**
         * @param value Keras' categorical {@code label_smoothing} s ∈ [0, 1]: y → y·(1 − s) + s/C
         * @return this builder
         */
        public Builder labelSmoothing(double value) {
            labelSmoothing = value;
            return this;
        }

        /**
         * @param value how target distributions meet the modulator
         * @return this builder
         */
        public Builder softLabelConvention(org.focalloss.core.SoftLabelConvention value) {
            convention = value;
            return this;
        }

        /**
         * @param value Poly-1's ε ≥ −1: adds ε·(1 − p_t)^(γ+1)
         * @return this builder
         */
        public Builder polyEpsilon(double value) {
            polyEpsilon = value;
            return this;
        }

        /**
         * @param value γ ≥ 0
         * @return this builder
         */
        public Builder gamma(double value) {
            gamma = value;
            return this;
        }

        /**
         * @param value scalar α ∈ [0, 1] on the true class
         * @return this builder
         */
        public Builder alpha(double value) {
            alpha = value;
            perClass = null;
            return this;
        }

        /**
         * @param values one α per class
         * @return this builder
         */
        public Builder alphaPerClass(double... values) {
            perClass = Check.notNull("alpha", values).clone();
            return this;
        }

        /**
         * @param value the reduction
         * @return this builder
         */
        public Builder reduction(Reduction value) {
            reduction = value;
            return this;
        }

        /**
         * @param index rows with this target are ignored: any int, e.g. −100 (PyTorch) or 255 (segmentation)
         * @return this builder
         */
        public Builder ignoreIndex(int index) {
            hasIgnore = true;
            ignoreIndex = index;
            return this;
        }

        /**
         * @param value the background class for {@link Reduction#MEAN_POSITIVE}
         * @return this builder
         */
        public Builder backgroundClass(int value) {
            backgroundClass = value;
            return this;
        }

        /**
         * @param value a fixed divisor for MEAN_POSITIVE, at least 1
         * @return this builder
         */
        public Builder divisor(double value) {
            divisor = value;
            return this;
        }

        /**
         * @param value threads, at least 1
         * @return this builder
         */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /**
         * @param value precision for float data
         * @return this builder
         */
        public Builder precision(Precision value) {
            precision = value;
            return this;
        }

        /**
         * @return the batch loss
         * @throws InvalidArgumentException if a setting is out of range
         */
        public SoftmaxBatch build() {
            return new SoftmaxBatch(new Options(gamma, alpha, perClass, reduction, hasIgnore, ignoreIndex,
                    backgroundClass, divisor, threads, precision),
                    new SoftmaxFocalLoss.Settings(classWeights, labelSmoothing, convention, polyEpsilon));
        }
    }
}
