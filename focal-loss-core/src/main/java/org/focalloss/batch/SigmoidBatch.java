package org.focalloss.batch;

import org.focalloss.core.Check;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.LogitLoss;
import org.focalloss.core.SigmoidFocalLoss;

/**
 * Sigmoid focal loss over a whole batch of logits in one fused pass: loss and gradient together,
 * reduced as RetinaNet and torchvision do, on one or more threads.
 *
 * <p>The logits are a flat array (an N × C matrix of per-class logits is simply N·C elements); the
 * targets array has the same length, with values in [0, 1] (soft targets allowed) or an ignore label.
 * Per element the loss is that of {@link SigmoidFocalLoss}; see there for the formulas and limits.
 *
 * <pre>{@code
 * // one line: torchvision's sigmoid_focal_loss(x, t, alpha=0.25, gamma=2, reduction="sum") and its backward
 * BatchResult r = SigmoidBatch.of(2.0, 0.25, Reduction.SUM).compute(logits, targets);
 *
 * // everything else through the builder, writing into reusable buffers
 * SigmoidBatch fl = SigmoidBatch.builder().gamma(2).alpha(0.25).reduction(Reduction.MEAN_POSITIVE)
 *         .ignoreLabel(-1).threads(2).build();
 * double loss = fl.computeInto(floatLogits, floatTargets, grad, null);
 * }</pre>
 *
 * <p>{@code double[]} data is computed exactly. {@code float[]} data uses the fast single-precision
 * kernels by default ({@link Precision#FAST}: Vector API when {@code --add-modules jdk.incubator.vector}
 * is given, a scalar loop otherwise), or the exact formulas with {@link Precision#EXACT}.
 *
 * <p>The focal family ({@link Variant}): any {@link LogitLoss} per element ({@link SigmoidFocalLoss}
 * with its second-tier options, {@link org.focalloss.core.FocalLossStar FL*},
 * {@link org.focalloss.core.QualityFocalLoss QFL}, {@link org.focalloss.core.VarifocalLoss VFL}),
 * per-element weights (an argument of {@link #compute(double[], double[], double[])}), per-class weights
 * over an N × C layout and smp's normalised focal loss. Each element's loss is multiplied by its weight
 * w_i (and its class weight w_{i mod C}) after α_t, so the weights combine with α_t by multiplication:
 * a weight of 0 removes an element's loss and gradient but the element still counts in MEAN's divisor
 * (as in Keras {@code sample_weight}, mmdet {@code weight}, kornia and MONAI). The fast float kernels do
 * not implement these options: when one is set, {@code float[]} data is computed on the exact path
 * automatically (same results, slower).
 *
 * @param options the configuration
 * @param variant the focal-family options ({@link Variant#NONE}: the plain loss of {@code options})
 */
public record SigmoidBatch(Options options, Variant variant) {

    /**
     * @param options the configuration
     * @param variant the focal-family options
     * @throws NullPointerException if an argument is null
     */
    public SigmoidBatch {
        java.util.Objects.requireNonNull(options, "options");
        java.util.Objects.requireNonNull(variant, "variant");
    }

    /**
     * The plain loss of {@code options}.
     *
     * @param options the configuration
     * @throws NullPointerException if options is null
     */
    public SigmoidBatch(Options options) {
        this(options, Variant.NONE);
    }

    /**
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1] on positives
     * @param reduction the reduction
     * @return a single-threaded batch loss
     * @throws InvalidArgumentException if γ or α is out of range
     */
    public static SigmoidBatch of(double gamma, double alpha, Reduction reduction) {
        return builder().gamma(gamma).alpha(alpha).reduction(reduction).build();
    }

    /**
     * @return a builder starting from γ = 2, α = 0.25, {@link Reduction#SUM}, one thread, fast precision
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the name of the fast kernels this JVM uses, e.g. "vector (16 float lanes)" or "scalar"
     */
    public static String fastPath() {
        return Kernels.fast().name();
    }

    /**
     * Waits until this JVM's fast path runs the Vector API kernels. A fresh JVM serves its first calls with
     * the scalar kernels while the vector kernels warm up in the background (their code is only fast once the
     * JIT's C2 compiler has compiled it, and a cold call that started on them was slower than the scalar
     * loop); the warm-up starts by itself when a processor is idle. Call this once before a long series of
     * batches, or in a benchmark's setup, to start the warm-up now and wait for it.
     *
     * @param timeout how long to wait at most
     * @return true once the vector kernels are in use; false on the scalar fallback (no
     *         {@code --add-modules jdk.incubator.vector}, or a JVM whose JIT never compiles them) or on timeout
     * @throws NullPointerException if timeout is null
     */
    public static boolean awaitVectorKernels(java.time.Duration timeout) {
        return Kernels.awaitVector(timeout.toMillis());
    }

    /**
     * Exact pass over double data; allocates the outputs.
     *
     * @param logits logits, finite
     * @param targets targets in [0, 1] or the ignore label, same length
     * @return loss, per-element losses and gradient
     * @throws InvalidArgumentException if the lengths differ or an element is invalid (the message gives
     *                                  its index)
     */
    public BatchResult compute(double[] logits, double[] targets) {
        return compute(logits, targets, null);
    }

    /**
     * Exact pass with per-element weights (Keras {@code sample_weight} broadcast to the elements, mmdet
     * {@code weight}); allocates the outputs.
     *
     * @param logits logits, finite
     * @param targets targets in [0, 1] or the ignore label, same length
     * @param weights one weight ≥ 0 per element, or null for none
     * @return loss, per-element (weighted) losses and gradient
     * @throws InvalidArgumentException if an array is null, a length is wrong, a weight is negative, or an
     *                                  element is invalid
     */
    public BatchResult compute(double[] logits, double[] targets, double[] weights) {
        Check.notNull("logits", logits);
        double[] grad = new double[logits.length];
        double[] losses = new double[logits.length];
        double loss = computeInto(logits, targets, weights, grad, losses);
        return new BatchResult(loss, divisorOf(targets), losses, grad);
    }

    /**
     * Pass over float data with the configured precision; allocates the outputs.
     *
     * @param logits logits, finite
     * @param targets targets in [0, 1] or the ignore label, same length
     * @return loss, per-element losses and gradient
     * @throws InvalidArgumentException if the lengths differ or an element is invalid
     */
    public FloatBatchResult compute(float[] logits, float[] targets) {
        Check.notNull("logits", logits);
        float[] grad = new float[logits.length];
        float[] losses = new float[logits.length];
        double loss = computeInto(logits, targets, grad, losses);
        return new FloatBatchResult(loss, divisorOf(targets), losses, grad);
    }

    /**
     * Exact pass over double data into caller-provided buffers.
     *
     * @param logits logits, finite
     * @param targets targets, same length
     * @param gradOut receives the gradient of the reduced loss, or null
     * @param lossOut receives per-element losses, or null
     * @return the reduced loss
     * @throws InvalidArgumentException if an array is null, a length is wrong or an element is invalid
     */
    public double computeInto(double[] logits, double[] targets, double[] gradOut, double[] lossOut) {
        return computeInto(logits, targets, null, gradOut, lossOut);
    }

    /**
     * Exact pass over double data with per-element weights into caller-provided buffers.
     *
     * @param logits logits, finite
     * @param targets targets, same length
     * @param weights one weight ≥ 0 per element, or null for none
     * @param gradOut receives the gradient of the reduced loss, or null
     * @param lossOut receives per-element weighted losses, or null
     * @return the reduced loss
     * @throws InvalidArgumentException if an array is null, a length is wrong, a weight is negative, or an
     *                                  element is invalid
     */
    public double computeInto(double[] logits, double[] targets, double[] weights, double[] gradOut,
                              double[] lossOut) {
        int n = checkLengths(Check.notNull("logits", logits).length, Check.notNull("targets", targets).length,
                gradOut == null ? -1 : gradOut.length, lossOut == null ? -1 : lossOut.length);
        checkWeights(n, weights);
        double divisor = divisorOf(targets);
        double scale = 1 / divisor;
        Values w = weights == null ? null : i -> weights[i];
        Sink sink = (i, g, l) -> store(gradOut, lossOut, i, g, l);
        double sum = variant.normalized ? normalizedSum(n, i -> logits[i], i -> targets[i], w, false, scale, sink)
                : Parallel.sum(n, options.threads, 1, (from, to) -> exactRange(from, to, i -> logits[i],
                        i -> targets[i], w, false, scale, sink));
        return options.reduction == Reduction.NONE ? sum : sum / divisor;
    }

    private void checkWeights(int n, double[] weights) {
        if (weights != null) {
            Check.sameLength("weights", weights.length, n);
            for (int i = 0; i < n; i++) {
                Check.nonNegative("weights[" + i + "]", weights[i]);
            }
        }
        if (variant.classWeights != null && n % variant.classWeights.length != 0) {
            throw new InvalidArgumentException("logits has length " + n + ", not a multiple of the "
                    + variant.classWeights.length + " classes of the class weights");
        }
    }

    /**
     * Pass over float data into caller-provided buffers, with the configured precision. On invalid input
     * the buffers' contents are unspecified. With {@link Precision#FAST} and γ ≤ 10³⁰ the fast kernels run
     * tile by tile, and a tile whose float result overflows (logits near ±Float.MAX) is recomputed with the
     * exact formulas, as is a tile with soft targets when γ &gt; 16; larger γ always takes the exact path. A per-element loss above Float.MAX (possible only
     * for logits beyond about ±1.7e38) is stored as +∞; the returned sum, accumulated in double, stays
     * finite. Gradients are always finite.
     *
     * @param logits logits, finite
     * @param targets targets, same length
     * @param gradOut receives the gradient of the reduced loss, or null
     * @param lossOut receives per-element losses, or null
     * @return the reduced loss, accumulated in double
     * @throws InvalidArgumentException if an array is null, a length is wrong or an element is invalid
     */
    public double computeInto(float[] logits, float[] targets, float[] gradOut, float[] lossOut) {
        int n = checkLengths(Check.notNull("logits", logits).length, Check.notNull("targets", targets).length,
                gradOut == null ? -1 : gradOut.length, lossOut == null ? -1 : lossOut.length);
        double divisor = divisorOf(targets);
        double scale = 1 / divisor;
        Sink sink = (i, g, l) -> store(gradOut, lossOut, i, g, l);
        FastPass.Range exact = (from, to) -> exactRange(from, to, i -> logits[i], i -> targets[i], null, true, scale,
                sink);
        double sum;
        checkWeights(n, null);
        if (options.precision == Precision.FAST && variant.isNone() && options.gamma <= FastPass.MAX_GAMMA) {
            FastKernels k = Kernels.fast();
            float gamma = (float) options.gamma;
            float alphaPos = options.weighted ? (float) options.alpha : 1f;
            float alphaNeg = options.weighted ? (float) (1 - options.alpha) : 1f;
            float ignore = (float) options.ignoreLabel;
            float gradScale = (float) scale;
            FastPass.Range fast = (from, to) -> k.sigmoid(logits, targets, from, to, gamma, alphaPos, alphaNeg,
                    options.hasIgnore, ignore, gradScale, gradOut, lossOut);
            sum = Parallel.sum(n, options.threads, Parallel.ALIGN,
                    (from, to) -> FastPass.sum(from, to, FastPass.TILE, fast, exact));
            k.passDone();
        } else {
            sum = variant.normalized ? normalizedSum(n, i -> logits[i], i -> targets[i], null, true, scale, sink)
                    : Parallel.sum(n, options.threads, 1, exact::run);
        }
        return options.reduction == Reduction.NONE ? sum : sum / divisor;
    }

    private interface Values {
        double at(int i);
    }

    private interface Sink {
        void put(int i, double gradient, double loss);
    }

    /**
     * The exact path over [from, to): every element through its {@link LogitLoss} ({@link
     * SigmoidFocalLoss#evaluate} by default), times its weight and class weight, with the ignore rule of the
     * data's precision.
     */
    private double exactRange(int from, int to, Values logits, Values targets, Values weights, boolean floatData,
                              double scale, Sink sink) {
        LogitLoss fl = elementLoss();
        double[] cw = variant.classWeights;
        double s = 0;
        for (int i = from; i < to; i++) {
            double x = logits.at(i);
            double t = targets.at(i);
            if (options.ignores(t, floatData)) {
                sink.put(i, 0, 0);
                continue;
            }
            checkElement(i, x, t);
            double w = (weights == null ? 1 : weights.at(i)) * (cw == null ? 1 : cw[i % cw.length]);
            double[] lg = fl.lossAndGradient(x, t);
            double loss = w * lg[0];
            s += loss;
            sink.put(i, w * lg[1] * scale, loss);
        }
        return s;
    }

    private LogitLoss elementLoss() {
        return variant.loss != null ? variant.loss : new SigmoidFocalLoss(options.gamma, options.alpha, options.weighted);
    }

    /**
     * smp's normalised focal loss: L = Σ w_i·l_i / max(Σ m_i, 1e-6), m_i the modulators (without α), and
     * dL/dx_i = (w_i·l_i' − L·m_i') / M (the second term only where M &gt; 1e-6, as torch's clamp_min). One
     * thread: the sum of the modulators is needed before any gradient.
     */
    private double normalizedSum(int n, Values logits, Values targets, Values weights, boolean floatData,
                                 double scale, Sink sink) {
        SigmoidFocalLoss fl = (SigmoidFocalLoss) elementLoss();
        double[] cw = variant.classWeights;
        double[] wl = new double[n];
        double[] wg = new double[n];
        double[] dm = new double[n];
        boolean[] skip = new boolean[n];
        double m = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double x = logits.at(i);
            double t = targets.at(i);
            if (options.ignores(t, floatData)) {
                skip[i] = true;
                continue;
            }
            checkElement(i, x, t);
            double w = (weights == null ? 1 : weights.at(i)) * (cw == null ? 1 : cw[i % cw.length]);
            SigmoidFocalLoss.Terms terms = fl.evaluate(x, t);
            wl[i] = w * terms.loss();
            wg[i] = w * terms.gradient();
            dm[i] = terms.modulatorGradient();
            m += terms.modulator();
            s += wl[i];
        }
        double norm = Math.max(m, NORMALIZED_EPS);
        double total = s / norm;
        boolean clamped = m < NORMALIZED_EPS;
        for (int i = 0; i < n; i++) {
            if (skip[i]) {
                sink.put(i, 0, 0);
            } else {
                double g = (wg[i] - (clamped ? 0 : total * dm[i])) / norm;
                sink.put(i, g * scale, wl[i] / norm);
            }
        }
        return total;
    }

    /** smp's {@code eps} of the normalised focal loss's {@code clamp_min}. */
    static final double NORMALIZED_EPS = 1e-6;

    private void checkElement(int i, double x, double t) {
        if (!Double.isFinite(x)) {
            throw Check.outOfRange("logits[" + i + "]", x, Check.FINITE_RANGE);
        }
        if (!(t >= 0 && t <= 1)) {
            throw Check.outOfRange("targets[" + i + "]", t, Check.PROBABILITY_RANGE
                    + (options.hasIgnore ? " or the ignore label " + Fmt.plain(options.ignoreLabel) : ""));
        }
    }

    private static void store(double[] grad, double[] loss, int i, double g, double l) {
        if (grad != null) {
            grad[i] = g;
        }
        if (loss != null) {
            loss[i] = l;
        }
    }

    private static void store(float[] grad, float[] loss, int i, double g, double l) {
        if (grad != null) {
            grad[i] = (float) g;
        }
        if (loss != null) {
            loss[i] = (float) l;
        }
    }

    private static int checkLengths(int logits, int targets, int grad, int loss) {
        Check.sameLength("targets", targets, logits);
        if (grad >= 0) {
            Check.sameLength("gradient buffer", grad, logits);
        }
        if (loss >= 0) {
            Check.sameLength("loss buffer", loss, logits);
        }
        return logits;
    }

    private double divisorOf(double[] targets) {
        return divisor(targets.length, i -> targets[i], false);
    }

    private double divisorOf(float[] targets) {
        return divisor(targets.length, i -> targets[i], true);
    }

    private double divisor(int n, Values targets, boolean floatData) {
        switch (options.reduction) {
            case NONE:
            case SUM:
                return 1;
            case MEAN_ALL:
                return Math.max(1, n);
            case MEAN:
                if (!options.hasIgnore) {
                    return Math.max(1, n);
                }
                return Math.max(1, Parallel.sum(n, options.threads, Parallel.ALIGN, (from, to) -> {
                    int c = 0;
                    for (int i = from; i < to; i++) {
                        c += options.ignores(targets.at(i), floatData) ? 0 : 1;
                    }
                    return c;
                }));
            case MEAN_POSITIVE:
                if (!Double.isNaN(options.divisor)) {
                    return options.divisor;
                }
                return Math.max(1, Parallel.sum(n, options.threads, Parallel.ALIGN, (from, to) -> {
                    int c = 0;
                    for (int i = from; i < to; i++) {
                        double t = targets.at(i);
                        c += t > 0 && !options.ignores(t, floatData) ? 1 : 0;
                    }
                    return c;
                }));
            default:
                throw new AssertionError(options.reduction);
        }
    }

    /**
     * The configuration of a sigmoid batch pass.
     *
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1] (used when weighted)
     * @param weighted whether α weighting is on
     * @param reduction the reduction
     * @param hasIgnore whether an ignore label is set
     * @param ignoreLabel elements whose target equals this are ignored (loss 0, gradient 0, not counted by
     *                    {@link Reduction#MEAN} and {@link Reduction#MEAN_POSITIVE}, counted as 0 by
     *                    {@link Reduction#MEAN_ALL}); any value outside [0, 1], e.g. −1 or 255. One rule on
     *                    every path: the label is compared in the precision of the data, so for
     *                    {@code float[]} targets it is rounded to float first (−1.1 matches −1.1f)
     * @param divisor a fixed divisor for {@link Reduction#MEAN_POSITIVE} (e.g. a known number of positive
     *                anchors), at least 1 as Detectron and MMDetection clamp it, or NaN to count positives
     * @param threads threads to use, at least 1
     * @param precision precision for float data
     */
    public record Options(double gamma, double alpha, boolean weighted, Reduction reduction, boolean hasIgnore,
                          double ignoreLabel, double divisor, int threads, Precision precision) {

        /**
         * @throws InvalidArgumentException if γ, α, the divisor or the thread count is out of range, or the
         *                                  ignore label (or its float rounding) lies in [0, 1] or is NaN
         */
        public Options {
            Check.gamma(gamma);
            if (weighted) {
                Check.alpha(alpha);
            }
            java.util.Objects.requireNonNull(reduction, "reduction");
            java.util.Objects.requireNonNull(precision, "precision");
            Check.atLeast("threads", threads, 1);
            if (hasIgnore) {
                Check.ignoreLabel(ignoreLabel);
            }
            if (!Double.isNaN(divisor)) {
                Check.divisor(divisor);   // NaN means "no divisor"
            }
        }

        /**
         * The ignore rule of every path.
         *
         * @param target a target
         * @param floatData whether the data are {@code float[]} (then the label is compared as a float)
         * @return whether the element is ignored
         */
        boolean ignores(double target, boolean floatData) {
            return hasIgnore && (floatData ? (float) target == (float) ignoreLabel : target == ignoreLabel);
        }
    }

    /**
     * The focal-family options of a sigmoid batch.
     *
     * @param loss the element loss, or null for the plain {@link SigmoidFocalLoss} of the options' γ and α
     * @param classWeights per-class weights ≥ 0 for an N × C layout (element i has class i mod C; kornia's
     *                     {@code weight}, MONAI's {@code weight}), or null
     * @param normalized smp's {@code normalized=True}: divide by the sum of the modulators (needs a
     *                   {@link SigmoidFocalLoss}; runs on one thread)
     */
    public record Variant(LogitLoss loss, double[] classWeights, boolean normalized) {

        /** The plain loss. */
        public static final Variant NONE = new Variant(null, null, false);

        /**
         * @throws InvalidArgumentException if a class weight is negative or not finite, or normalized is
         *                                  asked for with a loss that is not a focal loss
         */
        public Variant {
            if (classWeights != null) {
                classWeights = Check.nonNegative("class weights", classWeights.clone());
            }
            if (normalized && loss != null && !(loss instanceof SigmoidFocalLoss)) {
                throw new InvalidArgumentException("the normalised focal loss needs a SigmoidFocalLoss, not "
                        + loss.getClass().getSimpleName());
            }
        }

        @Override
        public double[] classWeights() {
            return classWeights == null ? null : classWeights.clone();
        }

        /**
         * @return whether no option is set (the fast kernels apply)
         */
        public boolean isNone() {
            return loss == null && classWeights == null && !normalized;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Variant v && java.util.Objects.equals(loss, v.loss)
                    && java.util.Arrays.equals(classWeights, v.classWeights) && normalized == v.normalized;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(loss) * 31 + java.util.Arrays.hashCode(classWeights)
                    + (normalized ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Variant[loss=" + loss + ", classWeights=" + java.util.Arrays.toString(classWeights)
                    + ", normalized=" + normalized + "]";
        }
    }

    /** Builder for {@link SigmoidBatch}. */
    public static final class Builder {
        private double gamma = 2;
        private double alpha = 0.25;
        private boolean weighted = true;
        private Reduction reduction = Reduction.SUM;
        private boolean hasIgnore;
        private double ignoreLabel = -1;
        private double divisor = Double.NaN;
        private int threads = 1;
        private Precision precision = Precision.FAST;
        private LogitLoss loss;
        private double[] classWeights;
        private boolean normalized;

        private Builder() {
        }

        /**
         * The loss of each element, replacing the plain focal loss of {@link #gamma(double)} and
         * {@link #alpha(double)}: a {@link SigmoidFocalLoss} with second-tier options (e.g.
         * {@code SigmoidFocalLoss.keras(2, 0.25, true, 0.1)}), FL*, QFL or VFL.
         *
         * @param value the element loss
         * @return this builder
         */
        public Builder loss(LogitLoss value) {
            loss = java.util.Objects.requireNonNull(value, "loss");
            return this;
        }

        /**
         * Per-class weights for an N × C layout (element i has class i mod C), as kornia's and MONAI's
         * {@code weight}; multiplies α_t.
         *
         * @param values one weight ≥ 0 per class
         * @return this builder
         */
        public Builder classWeights(double... values) {
            classWeights = values.clone();
            return this;
        }

        /**
         * smp's normalised focal loss ({@code normalized=True}, for which smp cites arXiv 1909.07829): the
         * sum of the weighted losses is divided by max(Σ_i (1 − p_t,i)^γ, 1e-6), the sum of the modulators
         * (without α, as smp), then by the reduction's divisor; the gradient includes the derivative of
         * that sum, as torch's autograd does in smp. Limits: for γ = 0 the divisor is the element count, so
         * MEAN divides by n²; when every example is easy the divisor is small and the loss grows.
         *
         * @return this builder
         */
        public Builder normalized() {
            normalized = true;
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
         * @param value α ∈ [0, 1] on positives; turns weighting on
         * @return this builder
         */
        public Builder alpha(double value) {
            alpha = value;
            weighted = true;
            return this;
        }

        /**
         * @return this builder, with α weighting off
         */
        public Builder noAlpha() {
            weighted = false;
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
         * @param label targets equal to this are ignored; any value outside [0, 1], e.g. −1 or 255 (for
         *              {@code float[]} targets compared after rounding to float)
         * @return this builder
         */
        public Builder ignoreLabel(double label) {
            hasIgnore = true;
            ignoreLabel = label;
            return this;
        }

        /**
         * @param value a fixed divisor for {@link Reduction#MEAN_POSITIVE}, e.g. the number of positive
         *              anchors already known; at least 1
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
        public SigmoidBatch build() {
            LogitLoss l = loss;
            if (normalized && l == null) {
                l = new SigmoidFocalLoss(gamma, alpha, weighted);
            }
            return new SigmoidBatch(new Options(gamma, alpha, weighted, reduction, hasIgnore, ignoreLabel, divisor,
                    threads, precision), new Variant(l, classWeights, normalized));
        }
    }
}
