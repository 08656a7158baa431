package org.focalloss.batch;

import java.util.SplittableRandom;

/**
 * Random inputs across the whole accepted range, for the property tests: logits from subnormals to
 * ±Float.MAX (float data) or ±Double.MAX (double data), γ from 0 to its limit, α log-uniform near 0 and 1,
 * soft targets log-uniform near 0 and 1.
 */
final class WideRange {

    private WideRange() {
    }

    /** A positive magnitude log-uniform between 2^lo and 2^hi. */
    static double logUniform(SplittableRandom rnd, double lo, double hi) {
        return Math.pow(2, rnd.nextDouble(lo, hi));
    }

    /** A logit whose magnitude is at most {@code max} (Float.MAX_VALUE or Double.MAX_VALUE). */
    static double logit(SplittableRandom rnd, double max) {
        double sign = rnd.nextBoolean() ? 1 : -1;
        int maxExp = Math.getExponent(max);
        switch (rnd.nextInt(12)) {
            case 0:
                return sign * logUniform(rnd, max == Float.MAX_VALUE ? -149 : -1074, maxExp);   // anything
            case 1:
                return sign * max * (1 - rnd.nextDouble() * 1e-3);                          // the very edge
            case 2:
                return 0;
            case 3:
                return sign * logUniform(rnd, -30, 7);                                      // ±128
            case 4:
                return rnd.nextDouble(-1e4, 1e4);
            case 5:
                return rnd.nextDouble(-100, 100);
            case 6:
                return sign * logUniform(rnd, max == Float.MAX_VALUE ? -149 : -1074, -60);   // (sub)normal tiny
            default:
                return rnd.nextGaussian() * 4;
        }
    }

    /** A soft target in [0, 1]: uniform, or log-uniform close to 0 or to 1, or exactly 0 or 1. */
    static double softTarget(SplittableRandom rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return logUniform(rnd, -100, -1);
            case 1:
                return 1 - logUniform(rnd, -24, -1);
            case 2:
                return rnd.nextInt(2);
            default:
                return rnd.nextDouble();
        }
    }

    /** γ: the common integers, [0, 8], or log-uniform up to {@code max}. */
    static double gamma(SplittableRandom rnd, double max) {
        switch (rnd.nextInt(6)) {
            case 0:
                return rnd.nextInt(5);
            case 1:
            case 2:
                return rnd.nextDouble(0, 8);
            case 3:
                return logUniform(rnd, -30, 0);
            default:
                return Math.min(max, logUniform(rnd, 0, Math.getExponent(max) + 1));
        }
    }

    /** α: 0, 1, uniform, or log-uniform near 0 or near 1. */
    static double alpha(SplittableRandom rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return rnd.nextInt(2);
            case 1:
                return logUniform(rnd, -100, -1);
            case 2:
                return 1 - logUniform(rnd, -50, -1);
            default:
                return rnd.nextDouble();
        }
    }
}
