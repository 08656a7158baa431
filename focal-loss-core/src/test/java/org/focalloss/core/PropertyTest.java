package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A million seeded random inputs per variant: logits up to ±1e4 on mixed scales, γ ∈ [0, 8], α ∈ [0, 1],
 * soft targets, 2 to 1,000 classes. Nothing may be NaN or infinite, the loss is never negative and the
 * modulator stays in [0, 1]. (The fast float path has the same test in the batch package.)
 */
class PropertyTest {

    static final int N = 1_000_000;
    private static final long SEED = 0x5EED_F0CAL;

    /** A logit on a random scale: most near 0, some saturated, some at ±1e4. */
    static double logit(SplittableRandom rnd) {
        double scale = switch (rnd.nextInt(4)) {
            case 0 -> 1;
            case 1 -> 10;
            case 2 -> 100;
            default -> 1e4;
        };
        return rnd.nextDouble(-scale, scale);
    }

    static double target(SplittableRandom rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> 0;
            case 1 -> 1;
            default -> rnd.nextDouble();
        };
    }

    private static void check(boolean ok, String what, Object input) {
        if (!ok) {
            fail(what + " for input " + input);
        }
    }

    private static boolean finite(double... values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void sigmoidIsFiniteNonNegativeAndBounded() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < N; i++) {
            double x = logit(rnd);
            double t = target(rnd);
            SigmoidFocalLoss fl = new SigmoidFocalLoss(rnd.nextDouble(0, 8), rnd.nextDouble(), rnd.nextBoolean());
            SigmoidFocalLoss.Terms r = fl.evaluate(x, t);
            Object in = java.util.List.of(fl, x, t);
            check(finite(r.loss(), r.gradient(), r.crossEntropy(), r.pt(), r.probability()), "non-finite value", in);
            check(r.loss() >= 0, "negative loss", in);
            check(r.modulator() >= 0 && r.modulator() <= 1, "modulator outside [0, 1]", in);
        }
    }

    @Test
    void sigmoidFromProbabilityIsNonNegativeAndBounded() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        for (int i = 0; i < N; i++) {
            double p = rnd.nextDouble();
            double t = target(rnd);
            double loss = new SigmoidFocalLoss(rnd.nextDouble(0, 8), rnd.nextDouble(), true).lossFromProbability(p, t);
            check(finite(loss) && loss >= 0, "bad loss " + loss, java.util.List.of(p, t));
        }
    }

    @Test
    void softmaxIsFiniteNonNegativeAndBounded() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        double[][] buffers = new double[1001][];
        for (int i = 0; i < N; i++) {
            int c = (int) Math.round(Math.exp(rnd.nextDouble(Math.log(2), Math.log(1000))));
            double[] z = buffers[c] == null ? (buffers[c] = new double[c]) : buffers[c];
            double scale = Math.abs(logit(rnd));
            for (int j = 0; j < c; j++) {
                z[j] = rnd.nextDouble(-scale - 1e-9, scale + 1e-9);
            }
            int t = rnd.nextInt(c);
            SoftmaxFocalLoss fl = SoftmaxFocalLoss.of(rnd.nextDouble(0, 8), rnd.nextDouble());
            double[] g = new double[c];
            double[] stats = new double[3];
            double loss = SoftmaxFocalLoss.evaluateInto(z, 0, c, t, fl.gamma(), fl.alpha(), null, 0, g, 0, stats);
            if (!finite(loss) || loss < 0 || !finite(g) || !(stats[2] >= 0 && stats[2] <= 1)) {
                fail("bad value for " + fl + ", t = " + t + ", z = " + java.util.Arrays.toString(z));
            }
        }
    }

    @Test
    void focalLossStarIsFiniteAndNonNegative() {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        for (int i = 0; i < N; i++) {
            double x = logit(rnd);
            int t = rnd.nextInt(2);
            FocalLossStar fl = new FocalLossStar(rnd.nextDouble(1e-3, 8), rnd.nextDouble(-5, 5));
            double loss = fl.loss(x, t);
            double grad = fl.gradient(x, t);
            check(finite(loss, grad) && loss >= 0 && Math.abs(grad) <= 1, "bad value", java.util.List.of(fl, x, t));
        }
    }

    @Test
    void ptFormIsFiniteNonNegativeAndBoundedAwayFromZero() {
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        for (int i = 0; i < N; i++) {
            double pt = Math.max(Double.MIN_VALUE, rnd.nextDouble());
            double gamma = rnd.nextDouble(0, 8);
            double alpha = rnd.nextDouble();
            double loss = FocalLoss.loss(pt, gamma, alpha);
            double m = FocalLoss.modulator(pt, gamma);
            double g = FocalLoss.logitGradient(pt, gamma);
            check(finite(loss, m, g) && loss >= 0 && m >= 0 && m <= 1 && g <= 0 && g >= -1 - gamma / Math.E, "bad value",
                    java.util.List.of(pt, gamma, alpha));
        }
    }
}
