package org.focalloss.core;

import java.util.Arrays;

/**
 * Multi-class (softmax) focal loss from logits.
 *
 * <p>For logits z_0 … z_{C−1} and a true class t, with p = softmax(z):
 * <pre>
 *   CE = −log p_t
 *   FL = −α · (1−p_t)^γ · log p_t
 *   dFL/dz_j = α · (δ_jt − p_j) · [γ·p_t·(1−p_t)^(γ−1)·log p_t − (1−p_t)^γ]
 * </pre>
 * α is either one scalar applied to the true class (the calculator's and Keras' convention; α = 1
 * means unweighted) or a per-class vector from which α_t is taken.
 *
 * <p>Numerics: log p_t comes from a log-sum-exp shifted by the maximum logit, and 1 − p_t from a
 * separate log-sum-exp over the other classes, so it is never computed as 1 − p_t. The gradient's
 * bracket is rewritten as (1−p_t)^γ·(γ·p_t·r − 1) with r = log p_t / (1−p_t) → −1 as p_t → 1, which
 * keeps it finite for γ &lt; 1 where (1−p_t)^(γ−1) alone would overflow.
 *
 * <p>Limits: p_t → 1 gives FL → 0 like (1−p_t)^(γ+1); p_t → 0 gives FL → α·CE; γ = 0 gives α·CE exactly.
 * Values and gradients are finite for every finite logit, with one exception that no double can avoid:
 * when the true class's logit lies more than {@link Double#MAX_VALUE} below the largest one (e.g.
 * {−1e308, 1e308} with target 0), CE exceeds the double range and the loss is +∞ (0 when α_t = 0); the
 * gradient stays finite even then.
 *
 * <p>The second tier ({@link Settings}, through the {@link Builder}) adds class weights of any size ≥ 0
 * (kornia and MONAI {@code weight}, smp {@code class_weights}), soft target distributions with both
 * conventions ({@link SoftLabelConvention}: Keras' modulator per class, or the p_t form), Keras'
 * categorical {@code label_smoothing} and Poly-1. Peer conventions: {@link #keras(double, double, double)},
 * {@link #kornia(double, double, int)}, {@link #monai(double, double, int)}.
 *
 * @param gamma the focusing parameter γ ≥ 0
 * @param alpha the scalar α ∈ [0, 1] on the true class (used when {@code perClassAlpha} is null)
 * @param perClassAlpha per-class weights, each in [0, 1], or null
 * @param settings the second-tier options ({@link Settings#DEFAULT}: none)
 */
public record SoftmaxFocalLoss(double gamma, double alpha, double[] perClassAlpha, Settings settings) {

    /**
     * The plain loss without second-tier options.
     *
     * @param gamma γ ≥ 0
     * @param alpha scalar α ∈ [0, 1] on the true class (used when {@code perClassAlpha} is null)
     * @param perClassAlpha per-class α, each in [0, 1], or null
     * @throws InvalidArgumentException if γ is negative or not finite, or an α is outside [0, 1]
     */
    public SoftmaxFocalLoss(double gamma, double alpha, double[] perClassAlpha) {
        this(gamma, alpha, perClassAlpha, Settings.DEFAULT);
    }

    /**
     * Keras' {@code CategoricalFocalCrossentropy(alpha, gamma, label_smoothing)} per example: one α on
     * every class, a modulator per class ({@link SoftLabelConvention#PER_CLASS}), y → y·(1 − s) + s/C. Keras
     * clips the probabilities to [1e-7, 1 − 1e-7]; this is the exact, unclipped value.
     *
     * @param gamma γ ≥ 0 (Keras' default 2)
     * @param alpha α ∈ [0, 1] (Keras' default 0.25)
     * @param labelSmoothing s ∈ [0, 1]
     * @return the loss
     * @throws InvalidArgumentException if a value is out of range
     */
    public static SoftmaxFocalLoss keras(double gamma, double alpha, double labelSmoothing) {
        return new SoftmaxFocalLoss(gamma, alpha, null, new Settings(null, labelSmoothing,
                SoftLabelConvention.PER_CLASS, 0));
    }

    /**
     * kornia's {@code focal_loss(pred, target, alpha, gamma)} (kornia ≥ 0.7): 1 − α on class 0 and α on
     * every other class ({@code alpha_fac}), the same reading as MONAI; its per-class {@code weight} is
     * {@link #withClassWeights(double...)}. kornia ≤ 0.6 applied one α to every class and added eps = 1e-8
     * to the probabilities ({@link AlphaConvention#KORNIA_MULTICLASS}); use {@link #of(double, double)} for
     * that reading. kornia's {@code reduction="mean"} divides by N·C.
     *
     * @param alpha α ∈ [0, 1], or NaN for {@code alpha=None}
     * @param gamma γ ≥ 0
     * @param classes C ≥ 1
     * @return the loss
     * @throws InvalidArgumentException if a value is out of range
     */
    public static SoftmaxFocalLoss kornia(double alpha, double gamma, int classes) {
        return monai(gamma, alpha, classes);
    }

    /**
     * @param weights one class weight ≥ 0 per class, or null for none
     * @return a copy with these class weights (α_t·w_t per row)
     * @throws InvalidArgumentException if a weight is negative or not finite
     */
    public SoftmaxFocalLoss withClassWeights(double... weights) {
        return new SoftmaxFocalLoss(gamma, alpha, perClassAlpha, new Settings(weights, settings.labelSmoothing(),
                settings.convention(), settings.polyEpsilon()));
    }

    /**
     * MONAI's {@code FocalLoss(use_softmax=True, gamma, alpha)}: 1 − α on the background class 0 and α on
     * every other class, a modulator per class; its class {@code weight} is
     * {@link Builder#classWeights(double...)}. (MONAI's {@code reduction="mean"} divides by N·C, the
     * number of entries of its per-class loss tensor.)
     *
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1], or NaN for MONAI's default {@code alpha=None}
     * @param classes C ≥ 1
     * @return the loss
     * @throws InvalidArgumentException if a value is out of range
     */
    public static SoftmaxFocalLoss monai(double gamma, double alpha, int classes) {
        Check.atLeast("classes", classes, 1);
        Settings s = new Settings(null, 0, SoftLabelConvention.PER_CLASS, 0);
        if (Double.isNaN(alpha)) {
            return new SoftmaxFocalLoss(gamma, 1, null, s);
        }
        Check.alpha(alpha);
        double[] a = new double[classes];
        java.util.Arrays.fill(a, alpha);
        a[0] = 1 - alpha;
        return new SoftmaxFocalLoss(gamma, 0, a, s);
    }

    /**
     * @throws InvalidArgumentException if γ is negative or not finite, or an α is outside [0, 1]
     * @throws NullPointerException if settings is null
     */
    public SoftmaxFocalLoss {
        java.util.Objects.requireNonNull(settings, "settings");
        Check.gamma(gamma);
        if (perClassAlpha == null) {
            Check.alpha(alpha);
        } else {
            if (perClassAlpha.length == 0) {
                throw new InvalidArgumentException("alpha is empty: give one weight per class");
            }
            perClassAlpha = perClassAlpha.clone();
            for (int j = 0; j < perClassAlpha.length; j++) {
                Check.unitInterval("alpha[" + j + "]", perClassAlpha[j]);
            }
        }
    }

    /**
     * The calculator's defaults: γ = 2, α = 0.25 on the true class.
     *
     * @return the loss
     */
    public static SoftmaxFocalLoss defaults() {
        return new SoftmaxFocalLoss(2.0, 0.25, null);
    }

    /**
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1] on the true class
     * @return the loss
     * @throws InvalidArgumentException if γ or α is out of range
     */
    public static SoftmaxFocalLoss of(double gamma, double alpha) {
        return new SoftmaxFocalLoss(gamma, alpha, null);
    }

    /**
     * @return a builder starting from γ = 2, α = 0.25
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double[] perClassAlpha() {
        return perClassAlpha == null ? null : perClassAlpha.clone();
    }

    /**
     * The α applied to an example whose true class is {@code target}.
     *
     * @param target the true class
     * @return α_t
     */
    public double alphaFor(int target) {
        return perClassAlpha == null ? alpha : perClassAlpha[target];
    }

    /**
     * FL = −α_t·(1 − p_t)^γ·log p_t with p = softmax(z). At the far edge of double — logits more than
     * Double.MAX apart, where CE = −log p_t itself exceeds Double.MAX — the loss is still returned finite and
     * correctly rounded whenever its value is at most Double.MAX (e.g. z = [−M, −M, M, M, M, −M], target 1,
     * γ = 0.1, α = 0.4175 gives ≈ 1.5e308 although CE ≈ 2M), and +∞ only above; the gradient is finite there.
     *
     * @param logits z, finite, at least one
     * @param target the 0-based true class
     * @return FL ≥ 0, +∞ only if the loss exceeds Double.MAX
     * @throws InvalidArgumentException if a logit is not finite, the array is empty, the target is out of
     *                                  range, or per-class α has a different length
     */
    public double loss(double[] logits, int target) {
        return evaluate(logits, target).loss();
    }

    /**
     * @param logits z, finite, at least one
     * @param target the 0-based true class
     * @return dFL/dz_j for every class j
     * @throws InvalidArgumentException as {@link #loss(double[], int)}
     */
    public double[] gradient(double[] logits, int target) {
        return evaluate(logits, target).gradient();
    }

    /**
     * Every intermediate: the probabilities, p_t, CE, the modulator, α_t, FL and the gradient.
     *
     * @param logits z, finite, at least one
     * @param target the 0-based true class
     * @return the terms
     * @throws InvalidArgumentException as {@link #loss(double[], int)}
     */
    public Terms evaluate(double[] logits, int target) {
        Check.finite("logits", logits);
        int c = logits.length;
        Check.classIndex("target", target, c);
        if (perClassAlpha != null) {
            Check.sameLength("alpha", perClassAlpha.length, c);
        }
        if (!settings.isDefault()) {
            settings.checkClasses(c);
            double[] y = new double[c];
            y[target] = 1;
            SoftTerms s = soft(logits, y);
            double[] pr = s.probabilities();
            return new Terms(pr, target, pr[target], s.crossEntropy(),
                    gamma == 0 ? 1 : Math.pow(s.oneMinusPt(), gamma), s.weight(), s.loss(), s.gradient());
        }
        double[] p = new double[c];
        double[] grad = new double[c];
        double[] stats = new double[3];
        double alphaT = alphaFor(target);
        double loss = evaluateInto(logits, 0, c, target, gamma, alphaT, p, 0, grad, 0, stats);
        return new Terms(p, target, stats[0], stats[1], stats[2], alphaT, loss, grad);
    }

    /**
     * The loss of a target distribution y (soft labels): y_j ≥ 0, one per class; label smoothing, when
     * set, is applied to y first (y → y·(1 − s) + s/C). With p = softmax(z), a_j = α_j·w_j (α times the
     * class weight) and d_k = y_k − p_t:
     * <pre>
     *   PER_CLASS  (Keras)   FL = Σ_j a_j·y_j·(1−p_j)^γ·(−log p_j)
     *                        dFL/dz_k = a_k·y_k·h_k − p_k·Σ_j a_j·y_j·h_j,   h_j = (1−p_j)^γ·(γ·p_j·log p_j/(1−p_j) − 1)
     *   TRUE_CLASS (p_t)     FL = A·(1−p_t)^γ·CE,  A = Σ_j a_j·y_j,  p_t = Σ_j y_j·p_j,  CE = −Σ_j y_j·log p_j
     *                        dFL/dz_k = A·[(1−p_t)^γ·(p_k·Σy − y_k) − γ·(1−p_t)^(γ−1)·CE·p_k·d_k]
     *   Poly-1 (ε ≠ 0)       + ε·(1−p_t)^(γ+1),  d/dz_k = −ε·(γ+1)·(1−p_t)^γ·p_k·d_k   (not weighted by A)
     * </pre>
     * For a one-hot y both conventions are the ordinary focal loss. 1 − p_j comes from the other classes'
     * log-sum-exp for the largest class and from log1p(−p_j) for the others (p_j ≤ 1/2 there), and
     * 1 − p_t = Σ_j y_j·(1 − p_j), so nothing cancels; (1−p_t)^(γ−1)·CE is combined in log space (finite
     * for γ &lt; 1).
     *
     * @param logits z, finite, at least one
     * @param targetDistribution y, one value in [0, 1] per class; for TRUE_CLASS (and Poly-1) it must sum to
     *                           1 (within 1e-6)
     * @return the terms
     * @throws InvalidArgumentException if a logit is not finite, the lengths differ, a y_j is outside [0, 1],
     *                                  or y does not sum to 1 where that is required
     */
    public SoftTerms evaluate(double[] logits, double[] targetDistribution) {
        Check.finite("logits", logits);
        int c = logits.length;
        Check.sameLength("target distribution", targetDistribution.length, c);
        for (int j = 0; j < c; j++) {
            Check.unitInterval("target distribution[" + j + "]", targetDistribution[j]);
        }
        if (perClassAlpha != null) {
            Check.sameLength("alpha", perClassAlpha.length, c);
        }
        settings.checkClasses(c);
        double s = 0;
        for (double v : targetDistribution) {
            s += v;
        }
        if ((settings.convention == SoftLabelConvention.TRUE_CLASS || settings.polyEpsilon != 0)
                && !(Math.abs(s - 1) <= 1e-6)) {
            throw new InvalidArgumentException("target distribution sums to " + Fmt.plain(s)
                    + " but the " + (settings.polyEpsilon != 0 ? "Poly-1 term" : "TRUE_CLASS convention")
                    + " needs a distribution that sums to 1");
        }
        return soft(logits, targetDistribution);
    }

    private SoftTerms soft(double[] z, double[] target) {
        int c = z.length;
        double ls = settings.labelSmoothing;
        double[] y = target;
        if (ls != 0) {
            y = new double[c];
            for (int j = 0; j < c; j++) {
                y[j] = target[j] * (1 - ls) + ls / c;
            }
        }
        int am = 0;
        for (int j = 1; j < c; j++) {
            if (z[j] > z[am]) {
                am = j;
            }
        }
        double max = z[am];
        double maxOther = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            if (j != am) {
                maxOther = Math.max(maxOther, z[j]);
            }
        }
        double sumOther = 0;
        double sumOtherOwn = 0;
        for (int j = 0; j < c; j++) {
            if (j != am) {
                sumOther += Math.exp(z[j] - max);
                sumOtherOwn += Math.exp(z[j] - maxOther);
            }
        }
        double logSum = Math.log1p(sumOther);
        double[] logP = new double[c];
        double[] p = new double[c];
        double[] log1mP = new double[c];
        double[] q = new double[c];
        for (int j = 0; j < c; j++) {
            logP[j] = z[j] - max - logSum;
            p[j] = Math.exp(logP[j]);
        }
        for (int j = 0; j < c; j++) {
            log1mP[j] = j == am ? (c == 1 ? Double.NEGATIVE_INFINITY
                    : (maxOther - max) + Math.log(sumOtherOwn) - logSum) : Math.log1p(-p[j]);
            q[j] = Math.exp(log1mP[j]);
        }
        double[] a = new double[c];
        double ySum = 0;
        double weight = 0;
        double ce = 0;
        double pt = 0;
        double qt = 0;
        for (int j = 0; j < c; j++) {
            a[j] = alphaFor(j) * settings.classWeight(j);
            ySum += y[j];
            weight += a[j] * y[j];
            if (y[j] != 0) {
                ce -= y[j] * logP[j];
            }
            pt += y[j] * p[j];
            qt += y[j] * q[j];
        }
        // Logits more than Double.MAX apart: log p_j overflows to −∞ although y_j·(−log p_j) and the loss
        // may be finite; then CE and the loss are accumulated in halves (exact at this scale, see
        // halfCrossEntropy), and are +∞ only when their value exceeds Double.MAX.
        boolean halves = ce == Double.POSITIVE_INFINITY;
        double ceHalf = 0;
        if (halves) {
            for (int j = 0; j < c; j++) {
                if (y[j] != 0) {
                    ceHalf += y[j] * halfCrossEntropy(max, z[j], logSum);
                }
            }
            ce = 2 * ceHalf;
        }
        double[] grad = new double[c];
        double loss;
        if (settings.convention == SoftLabelConvention.PER_CLASS) {
            loss = 0;
            double sh = 0;
            double[] h = new double[c];
            double lossHalf = 0;
            for (int j = 0; j < c; j++) {
                double mj = gamma == 0 ? 1 : Math.exp(gamma * log1mP[j]);
                double r = q[j] == 0 ? -1.0 : logP[j] / q[j];
                // p_j·log p_j → 0 as p_j → 0, also where log p_j has overflowed to −∞ (0·∞ is never formed)
                h[j] = p[j] == 0 ? -mj : mj * (gamma * p[j] * r - 1);
                if (y[j] != 0) {
                    if (halves) {
                        lossHalf += a[j] * y[j] * mj * halfCrossEntropy(max, z[j], logSum);
                    } else {
                        loss += a[j] * y[j] * mj * -logP[j];
                    }
                }
                sh += a[j] * y[j] * h[j];
            }
            if (halves) {
                loss = 2 * lossHalf;
            }
            for (int k = 0; k < c; k++) {
                grad[k] = a[k] * y[k] * h[k] - p[k] * sh;
            }
        } else {
            double logQ = Math.log(qt);
            double m = gamma == 0 ? 1 : Math.exp(gamma * logQ);
            // γ·(1−p_t)^(γ−1)·CE, or half of it where CE is accumulated in halves (it may exceed Double.MAX
            // while its product with p_k·d_k does not)
            double focusing = gamma == 0 || ce == 0 ? 0
                    : gamma * Math.exp((gamma - 1) * logQ + Math.log(halves ? ceHalf : ce));
            double focusingScale = halves ? 2 : 1;
            loss = halves ? 2 * (weight * m * ceHalf) : weight * m * ce;
            for (int k = 0; k < c; k++) {
                double dce = -(y[k] * q[k] - p[k] * (ySum - y[k]));     // p_k·Σy − y_k
                double dk = y[k] * q[k] - (pt - y[k] * p[k]);             // y_k − p_t
                // p_k·d_k = 0 leaves no focusing term, also where the focusing factor (∝ CE) is +∞
                grad[k] = weight * (m * dce - (p[k] == 0 || dk == 0 ? 0 : focusingScale * (focusing * p[k] * dk)));
            }
        }
        double eps = settings.polyEpsilon;
        if (eps != 0) {
            double logQ = Math.log(qt);
            loss += eps * Math.exp((gamma + 1) * logQ);
            double f = eps * (gamma + 1) * Math.exp(gamma * logQ);
            for (int k = 0; k < c; k++) {
                double dk = y[k] * q[k] - (pt - y[k] * p[k]);
                grad[k] -= f * p[k] * dk;
            }
        }
        return new SoftTerms(p, y, pt, qt, ce, weight, loss, grad);
    }

    /**
     * The intermediates of a soft-label evaluation.
     *
     * @param probabilities softmax(z)
     * @param targetDistribution y after label smoothing
     * @param pt p_t = Σ_j y_j·p_j
     * @param oneMinusPt Σ_j y_j·(1 − p_j), which is 1 − p_t for a distribution, without cancellation
     * @param crossEntropy CE = −Σ_j y_j·log p_j
     * @param weight Σ_j α_j·w_j·y_j, the weight of the example (α_t·w_t for one-hot y)
     * @param loss FL
     * @param gradient dFL/dz_j
     */
    public record SoftTerms(double[] probabilities, double[] targetDistribution, double pt, double oneMinusPt,
                            double crossEntropy, double weight, double loss, double[] gradient) {

        /**
         * @throws NullPointerException if an array is null
         */
        public SoftTerms {
            probabilities = probabilities.clone();
            targetDistribution = targetDistribution.clone();
            gradient = gradient.clone();
        }

        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }

        @Override
        public double[] targetDistribution() {
            return targetDistribution.clone();
        }

        @Override
        public double[] gradient() {
            return gradient.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SoftTerms other && Arrays.equals(probabilities, other.probabilities)
                    && Arrays.equals(targetDistribution, other.targetDistribution)
                    && Arrays.equals(gradient, other.gradient) && Double.compare(loss, other.loss) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(probabilities) * 31 + Double.hashCode(loss);
        }

        @Override
        public String toString() {
            return "SoftTerms[p=" + Arrays.toString(probabilities) + ", y=" + Arrays.toString(targetDistribution)
                    + ", pt=" + pt + ", ce=" + crossEntropy + ", weight=" + weight + ", loss=" + loss
                    + ", gradient=" + Arrays.toString(gradient) + "]";
        }
    }

    /**
     * The second-tier options of a softmax focal loss.
     * <ul>
     *   <li>{@code classWeights} w_j ≥ 0 of any size, or null: the loss of a row with true class t is
     *       multiplied by w_t (kornia and MONAI {@code weight}, smp {@code class_weights}, MONAI's test with
     *       [0.1, 0.5, 2.0]); with α the factor is α_t·w_t, with a target distribution Σ_j α_j·w_j·y_j.</li>
     *   <li>{@code labelSmoothing} s ∈ [0, 1], Keras' categorical {@code label_smoothing}: y → y·(1 − s) + s/C.</li>
     *   <li>{@code convention}: how a target distribution meets the modulator ({@link SoftLabelConvention}).</li>
     *   <li>{@code polyEpsilon} ε ≥ −1: Poly-1 (Leng et al., PolyLoss, ICLR 2022, arXiv 2204.12511), adds
     *       ε·(1 − p_t)^(γ+1), not weighted; with γ = 0 and α = 1 it is the paper's Poly-1 cross-entropy
     *       CE + ε·(1 − p_t).</li>
     * </ul>
     *
     * @param classWeights one weight ≥ 0 per class, or null
     * @param labelSmoothing s ∈ [0, 1]
     * @param convention the soft-label convention
     * @param polyEpsilon ε ≥ −1
     */
    public record Settings(double[] classWeights, double labelSmoothing, SoftLabelConvention convention,
                           double polyEpsilon) {

        /** No option: the plain loss (the TRUE_CLASS convention for target distributions). */
        public static final Settings DEFAULT = new Settings(null, 0, SoftLabelConvention.TRUE_CLASS, 0);

        /**
         * @throws InvalidArgumentException if a weight is negative or not finite, s is outside [0, 1] or ε &lt; −1
         * @throws NullPointerException if the convention is null
         */
        public Settings {
            if (classWeights != null) {
                classWeights = Check.nonNegative("class weights", classWeights.clone());
            }
            Check.unitInterval("label smoothing", labelSmoothing);
            java.util.Objects.requireNonNull(convention, "convention");
            Check.polyEpsilon(polyEpsilon);
        }

        @Override
        public double[] classWeights() {
            return classWeights == null ? null : classWeights.clone();
        }

        /**
         * @param j a class
         * @return w_j, 1 without class weights
         */
        public double classWeight(int j) {
            return classWeights == null ? 1 : classWeights[j];
        }

        /**
         * @return whether no option is set; the convention alone changes nothing for hard labels
         */
        public boolean isDefault() {
            return classWeights == null && labelSmoothing == 0 && polyEpsilon == 0;
        }

        void checkClasses(int c) {
            if (classWeights != null) {
                Check.sameLength("class weights", classWeights.length, c);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Settings other && Arrays.equals(classWeights, other.classWeights)
                    && Double.compare(labelSmoothing, other.labelSmoothing) == 0 && convention == other.convention
                    && Double.compare(polyEpsilon, other.polyEpsilon) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(classWeights) * 31 + Double.hashCode(labelSmoothing) + convention.hashCode();
        }

        @Override
        public String toString() {
            return "Settings[classWeights=" + Arrays.toString(classWeights) + ", labelSmoothing=" + labelSmoothing
                    + ", convention=" + convention + ", polyEpsilon=" + polyEpsilon + "]";
        }
    }

    /**
     * The allocation-free core of {@link #evaluate(double[], int)}, used by the batch layer. Arguments are
     * not checked: the logits must be finite, {@code 0 <= target < c}, γ ≥ 0.
     *
     * @param z logits; the example occupies {@code z[zOff .. zOff+c)}
     * @param zOff offset of the example in {@code z}
     * @param c number of classes, at least 1
     * @param target the true class
     * @param gamma γ
     * @param alphaT the α of the true class
     * @param prob receives softmax(z) at {@code prob[pOff ..]}, or null
     * @param pOff offset in {@code prob}
     * @param grad receives dFL/dz_j at {@code grad[gOff ..]}; may be the same array region as {@code prob}
     *             only if {@code prob} is null
     * @param gOff offset in {@code grad}
     * @param stats receives {p_t, CE, modulator} if not null
     * @return FL
     */
    public static double evaluateInto(double[] z, int zOff, int c, int target, double gamma, double alphaT,
                                      double[] prob, int pOff, double[] grad, int gOff, double[] stats) {
        double max = Double.NEGATIVE_INFINITY;
        double maxOther = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            double v = z[zOff + j];
            max = Math.max(max, v);
            if (j != target) {
                maxOther = Math.max(maxOther, v);
            }
        }
        double sumOther = 0;        // Σ_{j≠t} exp(z_j − max)
        double sumOtherOwn = 0;     // Σ_{j≠t} exp(z_j − maxOther): never underflows to 0
        for (int j = 0; j < c; j++) {
            double v = z[zOff + j];
            double e = Math.exp(v - max);
            grad[gOff + j] = e;     // scratch: unnormalised probabilities
            if (j != target) {
                sumOther += e;
                sumOtherOwn += Math.exp(v - maxOther);
            }
        }
        double zt = z[zOff + target];
        double sum = sumOther + grad[gOff + target];
        // log Σ_k exp(z_k − max): log1p when the true class holds the maximum, so log p_t ≈ −(1−p_t) stays exact.
        double logSum = zt == max ? Math.log1p(sumOther) : Math.log(sum);
        double logPt = (zt - max) - logSum;
        // log(1 − p_t): when the true class is not the maximum, Σ_{j≠t} ≥ 1 and log(S/(S + e_t)) is
        // −log1p(e_t/S), exact even when p_t < 1e-16 (a difference of two logs would give 0 there, and
        // q^γ = 1 instead of exp(−γ·p_t)); otherwise from the other classes' own log-sum-exp.
        double logQ = c == 1 ? Double.NEGATIVE_INFINITY
                : zt != max ? -Math.log1p(grad[gOff + target] / sumOther)
                : (maxOther - max) + Math.log(sumOtherOwn) - logSum;
        double pt = Math.exp(logPt);
        double q = Math.exp(logQ);
        double ce = -logPt;
        double modulator = gamma == 0 ? 1.0 : Math.exp(gamma * logQ);
        // A zero weight gives 0 even where CE overflows to +∞ (logits more than Double.MAX apart).
        double loss = alphaT == 0 || modulator == 0 ? 0
                : ce == Double.POSITIVE_INFINITY ? 2 * (alphaT * modulator * halfCrossEntropy(max, zt, logSum))
                : alphaT * modulator * ce;

        // Bracket of the gradient: γ·p_t·(1−p_t)^(γ−1)·log p_t − (1−p_t)^γ = (1−p_t)^γ·(γ·p_t·r − 1),
        // r = log p_t / (1 − p_t), whose limit at p_t → 1 is −1; p_t·r → 0 as p_t → 0 (also when log p_t
        // has overflowed to −∞), so 0·∞ is never formed.
        double ptR = pt == 0 ? 0 : pt * (q == 0 ? -1.0 : logPt / q);
        double bracket = modulator * (gamma * ptR - 1);
        for (int j = 0; j < c; j++) {
            double pj = grad[gOff + j] / sum;
            if (prob != null) {
                prob[pOff + j] = pj;
            }
            grad[gOff + j] = j == target ? alphaT * q * bracket : -alphaT * pj * bracket;
        }
        if (stats != null) {
            stats[0] = pt;
            stats[1] = ce;
            stats[2] = modulator;
        }
        return loss;
    }

    /**
     * CE / 2 = (max − z_t + log Σ_k exp(z_k − max)) / 2, for logits more than Double.MAX apart, where CE
     * itself overflows although α·(1 − p_t)^γ·CE may not (CE ≤ 2·Double.MAX + log C). Halving is exact at
     * this scale, so 2·(α·m·(CE/2)) rounds as α·m·CE would without the overflow, and is +∞ only when the
     * loss itself exceeds Double.MAX.
     */
    static double halfCrossEntropy(double max, double z, double logSum) {
        return (max / 2 - z / 2) + logSum / 2;
    }

    /**
     * @param newGamma γ ≥ 0
     * @return a copy with a different γ
     */
    public SoftmaxFocalLoss withGamma(double newGamma) {
        return new SoftmaxFocalLoss(newGamma, alpha, perClassAlpha, settings);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftmaxFocalLoss other && Double.compare(gamma, other.gamma) == 0
                && Double.compare(alpha, other.alpha) == 0 && Arrays.equals(perClassAlpha, other.perClassAlpha)
                && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(gamma) * 31 + Double.hashCode(alpha) * 17 + Arrays.hashCode(perClassAlpha);
    }

    @Override
    public String toString() {
        return "SoftmaxFocalLoss[gamma=" + gamma + ", "
                + (perClassAlpha == null ? "alpha=" + alpha : "alpha=" + Arrays.toString(perClassAlpha))
                + (settings.equals(Settings.DEFAULT) ? "" : ", " + settings) + "]";
    }

    /**
     * The intermediates of a softmax focal loss evaluation.
     *
     * @param probabilities softmax(z)
     * @param target the true class
     * @param pt p_t
     * @param crossEntropy CE = −log p_t
     * @param modulator (1−p_t)^γ
     * @param alphaT the α applied
     * @param loss FL
     * @param gradient dFL/dz_j
     */
    public record Terms(double[] probabilities, int target, double pt, double crossEntropy, double modulator,
                        double alphaT, double loss, double[] gradient) {

        /**
         * @throws NullPointerException if an array is null
         */
        public Terms {
            probabilities = probabilities.clone();
            gradient = gradient.clone();
        }

        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }

        @Override
        public double[] gradient() {
            return gradient.clone();
        }

        /**
         * @return CE / FL, how many times smaller focal loss is than cross-entropy (∞ when FL = 0)
         */
        public double suppression() {
            return crossEntropy / loss;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Terms other && target == other.target && Double.compare(loss, other.loss) == 0
                    && Arrays.equals(probabilities, other.probabilities) && Arrays.equals(gradient, other.gradient)
                    && Double.compare(pt, other.pt) == 0 && Double.compare(alphaT, other.alphaT) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(probabilities) * 31 + Double.hashCode(loss);
        }

        @Override
        public String toString() {
            return "Terms[p=" + Arrays.toString(probabilities) + ", target=" + target + ", pt=" + pt + ", ce="
                    + crossEntropy + ", modulator=" + modulator + ", alphaT=" + alphaT + ", loss=" + loss
                    + ", gradient=" + Arrays.toString(gradient) + "]";
        }
    }

    /** Builder for {@link SoftmaxFocalLoss}; starts from γ = 2, α = 0.25. */
    public static final class Builder {
        private double gamma = 2.0;
        private double alpha = 0.25;
        private double[] perClass;
        private double[] classWeights;
        private double labelSmoothing;
        private SoftLabelConvention convention = SoftLabelConvention.TRUE_CLASS;
        private double polyEpsilon;

        private Builder() {
        }

        /**
         * Class weights of any size ≥ 0 (kornia and MONAI {@code weight}, smp {@code class_weights}); they
         * multiply α_t.
         *
         * @param values one weight ≥ 0 per class
         * @return this builder
         */
        public Builder classWeights(double... values) {
            classWeights = values.clone();
            return this;
        }

        /**
         * Keras' categorical {@code label_smoothing}: y → y·(1 − s) + s/C.
         *
         * @param value s ∈ [0, 1]
         * @return this builder
         */
        public Builder labelSmoothing(double value) {
            labelSmoothing = value;
            return this;
        }

        /**
         * @param value how a target distribution meets the modulator (default TRUE_CLASS)
         * @return this builder
         */
        public Builder softLabelConvention(SoftLabelConvention value) {
            convention = value;
            return this;
        }

        /**
         * Poly-1: adds ε·(1 − p_t)^(γ+1).
         *
         * @param value ε ≥ −1
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
            this.gamma = value;
            return this;
        }

        /**
         * A scalar α on the true class.
         *
         * @param value α ∈ [0, 1]
         * @return this builder
         */
        public Builder alpha(double value) {
            this.alpha = value;
            this.perClass = null;
            return this;
        }

        /**
         * No α weighting (α = 1).
         *
         * @return this builder
         */
        public Builder noAlpha() {
            return alpha(1.0);
        }

        /**
         * One α per class; the example's weight is α[t].
         *
         * @param values weights in [0, 1], one per class
         * @return this builder
         */
        public Builder alphaPerClass(double... values) {
            this.perClass = Check.notNull("alpha", values).clone();
            return this;
        }

        /**
         * @return the loss
         * @throws InvalidArgumentException if γ or an α is out of range
         */
        public SoftmaxFocalLoss build() {
            return new SoftmaxFocalLoss(gamma, alpha, perClass,
                    new Settings(classWeights, labelSmoothing, convention, polyEpsilon));
        }
    }
}
