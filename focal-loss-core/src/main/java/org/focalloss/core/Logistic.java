package org.focalloss.core;

/**
 * The logistic pieces of one logit x, each computed without overflow or cancellation from
 * e = exp(−|x|) ∈ (0, 1]: −log p = softplus(−x), −log(1 − p) = softplus(x), p = σ(x) and 1 − p = σ(−x),
 * p and 1 − p each taken from the side where it is not a difference of nearly equal numbers. Finite for
 * every finite x; at |x| beyond about 745, e underflows to 0 and the small probability is exactly 0 while
 * its log stays exact (−|x|).
 *
 * @param minusLogP −log p = max(−x, 0) + log1p(e)
 * @param minusLog1mP −log(1 − p) = max(x, 0) + log1p(e)
 * @param p σ(x)
 * @param oneMinusP σ(−x)
 */
record Logistic(double minusLogP, double minusLog1mP, double p, double oneMinusP) {

    /**
     * @param x the logit, finite
     * @return its logistic pieces
     */
    static Logistic of(double x) {
        double e = Math.exp(-Math.abs(x));
        double l = Math.log1p(e);
        return new Logistic(Math.max(-x, 0) + l, Math.max(x, 0) + l,
                x >= 0 ? 1 / (1 + e) : e / (1 + e), x >= 0 ? e / (1 + e) : 1 / (1 + e));
    }
}
