package org.focalloss.core;

/**
 * Numerically stable building blocks. Nothing here ever computes {@code 1 − p} by subtraction or
 * {@code log(σ(x))} by taking the log of a rounded probability: both sides of a sigmoid are computed
 * from {@code e = exp(−|x|)}, which never overflows, and logs of probabilities come from softplus or
 * log-sum-exp. That keeps every value finite and accurate for logits up to |x| = 10^4 and beyond.
 */
public final class StableMath {

    private StableMath() {
    }

    /**
     * softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^−|x|).
     *
     * <p>Limits: softplus(x) → x for x → +∞ and → e^x (never 0 before underflow) for x → −∞.
     *
     * @param x any finite value
     * @return log(1 + e^x) ≥ 0
     */
    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * log σ(x) = −softplus(−x), the log of the sigmoid without rounding σ(x) first.
     *
     * @param x any finite value
     * @return log σ(x) ≤ 0
     */
    public static double logSigmoid(double x) {
        return -softplus(-x);
    }

    /**
     * The logistic sigmoid σ(x) = 1 / (1 + e^−x), without overflow for large |x|.
     *
     * @param x any value
     * @return σ(x) in [0, 1]
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * log Σ_j exp(z_j), shifted by the maximum so that it never overflows.
     *
     * @param z values, at least one
     * @return the log-sum-exp
     */
    public static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /**
     * log(e^a + e^b) without overflow; {@code −∞} terms are allowed.
     *
     * @param a first log-value
     * @param b second log-value
     * @return log(e^a + e^b)
     */
    public static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /**
     * The softmax probabilities p_j = exp(z_j − max) / Σ exp(z_k − max).
     *
     * @param z logits, at least one
     * @return the probabilities, summing to 1
     */
    public static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            p[j] = Math.exp(z[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < z.length; j++) {
            p[j] /= sum;
        }
        return p;
    }
}
