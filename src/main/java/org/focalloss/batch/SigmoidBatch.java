package org.focalloss.batch;

import org.focalloss.core.Check;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
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
 * @param options the configuration
 */
public record SigmoidBatch(Options options) {

    /**
     * @param options the configuration
     * @throws NullPointerException if options is null
     */
    public SigmoidBatch {
        java.util.Objects.requireNonNull(options, "options");
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
        Check.notNull("logits", logits);
        double[] grad = new double[logits.length];
        double[] losses = new double[logits.length];
        double loss = computeInto(logits, targets, grad, losses);
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
        int n = checkLengths(Check.notNull("logits", logits).length, Check.notNull("targets", targets).length,
                gradOut == null ? -1 : gradOut.length, lossOut == null ? -1 : lossOut.length);
        double divisor = divisorOf(targets);
        double scale = 1 / divisor;
        double sum = Parallel.sum(n, options.threads, 1, (from, to) -> exactRange(from, to, i -> logits[i],
                i -> targets[i], false, scale, (i, g, l) -> store(gradOut, lossOut, i, g, l)));
        return options.reduction == Reduction.NONE ? sum : sum / divisor;
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
        FastPass.Range exact = (from, to) -> exactRange(from, to, i -> logits[i], i -> targets[i], true, scale,
                sink);
        double sum;
        if (options.precision == Precision.FAST && options.gamma <= FastPass.MAX_GAMMA) {
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
        } else {
            sum = Parallel.sum(n, options.threads, 1, exact::run);
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
     * The exact path over [from, to): every element through {@link SigmoidFocalLoss#evaluate}, with the
     * ignore rule of the data's precision.
     */
    private double exactRange(int from, int to, Values logits, Values targets, boolean floatData, double scale,
                              Sink sink) {
        SigmoidFocalLoss fl = new SigmoidFocalLoss(options.gamma, options.alpha, options.weighted);
        double s = 0;
        for (int i = from; i < to; i++) {
            double x = logits.at(i);
            double t = targets.at(i);
            if (options.ignores(t, floatData)) {
                sink.put(i, 0, 0);
                continue;
            }
            checkElement(i, x, t);
            SigmoidFocalLoss.Terms terms = fl.evaluate(x, t);
            s += terms.loss();
            sink.put(i, terms.gradient() * scale, terms.loss());
        }
        return s;
    }

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
            if (hasIgnore && (Double.isNaN(ignoreLabel) || ((float) ignoreLabel >= 0 && (float) ignoreLabel <= 1))) {
                throw new InvalidArgumentException("ignore label = " + Fmt.plain(ignoreLabel) + " is "
                        + (Double.isNaN(ignoreLabel) ? "not a number" : "a valid target")
                        + ": choose a label outside [0, 1], e.g. -1 or 255");
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

        private Builder() {
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
            return new SigmoidBatch(new Options(gamma, alpha, weighted, reduction, hasIgnore, ignoreLabel, divisor,
                    threads, precision));
        }
    }
}
