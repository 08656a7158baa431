package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A million seeded random inputs per form through the fast path of this JVM (the Vector API kernels in
 * the main test run, the scalar fallback in the second run without the module), across the whole accepted
 * range ({@link WideRange}: logits to ±Float.MAX and subnormals, γ up to Double.MAX, α log-uniform near 0
 * and 1, soft targets, 2 to 1,000 classes, ignored elements), each compared with the exact double path on
 * the same float inputs: every loss and gradient finite (a loss whose exact value exceeds Float.MAX must
 * be +∞, its only float), and within the documented 1e-5 relative / 1e-7 absolute tolerance. The worst
 * deviations are printed.
 */
@Tag("fast-path")
class FastPathAgreementPropertyTest {

    private static final int INPUTS = Integer.getInteger("focalloss.propertyInputs", 1_000_000);

    @org.junit.jupiter.api.BeforeAll
    static void useTheVectorKernelsWhenPresent() {
        // The first calls of a fresh JVM run the scalar kernels while the vector ones warm up; measure those.
        if (Kernels.vectorModulePresent()) {
            assertTrue(Kernels.awaitVector(300_000), "the vector kernels never finished their warm-up");
        }
    }

    /** Tracks the worst ratio to the tolerance, and the largest relative deviation where |exact| ≥ 1e-3. */
    static final class Deviation {
        final FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        double maxRel;
        long compared;

        void check(double fast, double exact, String what) {
            compared++;
            if (Math.abs(exact) > Float.MAX_VALUE) {
                if (fast != Math.copySign(Double.POSITIVE_INFINITY, exact)) {
                    worst.ratio = Double.POSITIVE_INFINITY;
                    worst.where = what + ": fast " + fast + " for an exact value beyond Float.MAX, " + exact;
                }
                return;
            }
            if (!Double.isFinite(fast)) {
                worst.ratio = Double.POSITIVE_INFINITY;
                worst.where = what + ": fast " + fast + ", exact " + exact;
                return;
            }
            if (FastPathFixtures.errorRatio(fast, exact, 1) > worst.ratio) {
                worst.check(fast, exact, 1, what);
            }
            if (Math.abs(exact) >= 1e-3) {
                maxRel = Math.max(maxRel, Math.abs(fast - exact) / Math.abs(exact));
            }
        }

        String report(String name) {
            return String.format(java.util.Locale.ROOT, "%s on %s kernels: %d values, largest relative deviation"
                    + " %.3g (|exact| ≥ 1e-3), worst %.3g of the tolerance at %s", name, SigmoidBatch.fastPath(),
                    compared, maxRel, worst.ratio, worst.where);
        }
    }

    @ParameterizedTest(name = "soft targets: {0}")
    @ValueSource(booleans = {false, true})
    void sigmoidFastPathAgreesWithTheExactPathAcrossTheWholeRange(boolean soft) {
        SplittableRandom rnd = new SplittableRandom(soft ? 0x50F7L : 0x4A2DL);
        Deviation loss = new Deviation();
        Deviation grad = new Deviation();
        int done = 0;
        while (done < INPUTS) {
            int n = Math.min(INPUTS - done, 1 + rnd.nextInt(rnd.nextBoolean() ? 300 : 20_000));
            float[] x = new float[n];
            float[] t = new float[n];
            boolean ignore = rnd.nextInt(4) == 0;
            for (int i = 0; i < n; i++) {
                x[i] = (float) WideRange.logit(rnd, Float.MAX_VALUE);
                t[i] = ignore && rnd.nextInt(10) == 0 ? 255f
                        : soft && rnd.nextInt(3) == 0 ? (float) WideRange.softTarget(rnd) : rnd.nextInt(2);
            }
            double gamma = WideRange.gamma(rnd, Double.MAX_VALUE);
            double alpha = WideRange.alpha(rnd);
            boolean weighted = rnd.nextInt(4) != 0;
            SigmoidBatch.Builder b = SigmoidBatch.builder().gamma(gamma).reduction(Reduction.NONE)
                    .threads(1 + rnd.nextInt(2));
            if (weighted) {
                b.alpha(alpha);
            } else {
                b.noAlpha();
            }
            if (ignore) {
                b.ignoreLabel(255);
            }
            FloatBatchResult r = b.build().compute(x, t);
            SigmoidFocalLoss exact = new SigmoidFocalLoss(gamma, alpha, weighted);
            for (int i = 0; i < n; i++) {
                if (t[i] == 255f) {
                    loss.check(r.losses()[i], 0, "ignored");
                    grad.check(r.gradient()[i], 0, "ignored");
                    continue;
                }
                SigmoidFocalLoss.Terms e = exact.evaluate(x[i], t[i]);
                if (FastPathFixtures.errorRatio(r.losses()[i], e.loss(), 1) > loss.worst.ratio
                        || FastPathFixtures.errorRatio(r.gradient()[i], e.gradient(), 1) > grad.worst.ratio
                        || !Float.isFinite(r.losses()[i]) || !Float.isFinite(r.gradient()[i])) {
                    String where = "x=" + x[i] + " t=" + t[i] + " γ=" + gamma + " α=" + (weighted ? alpha : "off");
                    loss.check(r.losses()[i], e.loss(), "loss at " + where);
                    grad.check(r.gradient()[i], e.gradient(), "gradient at " + where);
                } else {
                    loss.check(r.losses()[i], e.loss(), "");
                    grad.check(r.gradient()[i], e.gradient(), "");
                }
            }
            done += n;
        }
        String name = soft ? "sigmoid, soft targets" : "sigmoid, hard targets";
        System.out.println(loss.report(name + ", loss"));
        System.out.println(grad.report(name + ", gradient"));
        assertTrue(loss.worst.ok(), loss.report("loss"));
        assertTrue(grad.worst.ok(), grad.report("gradient"));
    }

    @ParameterizedTest(name = "classes up to {0}")
    @ValueSource(ints = {8, 1000})
    void softmaxFastPathAgreesWithTheExactPathAcrossTheWholeRange(int maxClasses) {
        SplittableRandom rnd = new SplittableRandom(0x50F7_3AL + maxClasses);
        Deviation loss = new Deviation();
        Deviation grad = new Deviation();
        int done = 0;
        int inputs = maxClasses == 8 ? INPUTS / 4 : INPUTS;
        while (done < inputs) {
            int classes = 2 + rnd.nextInt(maxClasses - 1);
            int rows = Math.max(1, Math.min((inputs - done) / classes, 1 + rnd.nextInt(60_000 / classes + 1)));
            float[] z = new float[rows * classes];
            int[] t = new int[rows];
            boolean ignore = rnd.nextInt(4) == 0;
            for (int r = 0; r < rows; r++) {
                // Rows on one scale (the usual case) or every logit from the whole range.
                double scale = rnd.nextInt(3) == 0 ? Double.NaN : WideRange.logUniform(rnd, -20, 127);
                for (int j = 0; j < classes; j++) {
                    z[r * classes + j] = (float) (Double.isNaN(scale) ? WideRange.logit(rnd, Float.MAX_VALUE)
                            : Math.min(Float.MAX_VALUE, scale) * rnd.nextDouble(-1, 1));
                }
                t[r] = ignore && rnd.nextInt(10) == 0 ? 255 : rnd.nextInt(classes);
            }
            double gamma = WideRange.gamma(rnd, Double.MAX_VALUE);
            double[] alpha = new double[classes];
            for (int j = 0; j < classes; j++) {
                alpha[j] = WideRange.alpha(rnd);
            }
            SoftmaxBatch.Builder b = SoftmaxBatch.builder().gamma(gamma).alphaPerClass(alpha)
                    .reduction(Reduction.NONE).threads(1 + rnd.nextInt(2));
            if (ignore) {
                b.ignoreIndex(255);
            }
            FloatBatchResult res = b.build().compute(z, t, classes);
            double[] row = new double[classes];
            double[] g = new double[classes];
            for (int r = 0; r < rows; r++) {
                if (t[r] == 255) {
                    loss.check(res.losses()[r], 0, "ignored");
                    continue;
                }
                for (int j = 0; j < classes; j++) {
                    row[j] = z[r * classes + j];
                }
                double e = SoftmaxFocalLoss.evaluateInto(row, 0, classes, t[r], gamma, alpha[t[r]], null, 0, g, 0,
                        null);
                String where = rows + "×" + classes + " row " + r + " target " + t[r] + " γ=" + gamma;
                loss.check(res.losses()[r], e, FastPathFixtures.errorRatio(res.losses()[r], e, 1)
                        > loss.worst.ratio ? "loss of " + where + " z=" + java.util.Arrays.toString(
                        java.util.Arrays.copyOf(row, Math.min(classes, 6))) : "");
                for (int j = 0; j < classes; j++) {
                    float f = res.gradient()[r * classes + j];
                    grad.check(f, g[j], FastPathFixtures.errorRatio(f, g[j], 1) > grad.worst.ratio
                            || !Float.isFinite(f) ? "gradient " + j + " of " + where : "");
                }
            }
            done += rows * classes;
        }
        String name = "softmax, C ≤ " + maxClasses;
        System.out.println(loss.report(name + ", loss"));
        System.out.println(grad.report(name + ", gradient"));
        assertTrue(loss.worst.ok(), loss.report("loss"));
        assertTrue(grad.worst.ok(), grad.report("gradient"));
    }
}
