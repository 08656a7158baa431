package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of the accepted range, each a class of inputs that once gave a wrong or non-finite number:
 * α near 0 and 1 on the fast path, float overflow inside the fast kernels, 0·∞ in the exact gradients,
 * the ignore rule, γ beyond the float range, tiny divisors, null arrays.
 */
@Tag("fast-path")
class NumericEdgesTest {

    private static void assertWithin(double exact, double actual, double scale, java.util.function.Supplier<String> what) {
        double r = FastPathFixtures.errorRatio(actual, exact, scale);
        assertTrue(r <= 1, () -> what.get() + ": fast " + actual + ", exact " + exact + " (" + r + " of the tolerance)");
    }

    @ParameterizedTest(name = "alpha = {0}")
    @ValueSource(doubles = {0, 1e-30, 1e-7, 1e-5, 0.003, 0.5, 1 - 1e-3, 1 - 1e-7, 1})
    void alphaTIsExactOnTheFastPathForEveryAlpha(double alpha) {
        SplittableRandom rnd = new SplittableRandom(8);
        int n = 4096 + 7;
        float[] x = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * 4);
            t[i] = i % 5 == 0 ? (float) rnd.nextDouble() : rnd.nextInt(2);
        }
        for (double gamma : new double[] {0, 2, 2.5}) {
            SigmoidBatch b = SigmoidBatch.builder().gamma(gamma).alpha(alpha).reduction(Reduction.NONE).build();
            FloatBatchResult r = b.compute(x, t);
            SigmoidFocalLoss exact = new SigmoidFocalLoss(gamma, alpha, true);
            for (int i = 0; i < n; i++) {
                SigmoidFocalLoss.Terms e = exact.evaluate(x[i], t[i]);
                int k = i;
                assertWithin(e.loss(), r.losses()[i], 1, () -> "loss at x=" + x[k] + " t=" + t[k] + " γ=" + gamma);
                assertWithin(e.gradient(), r.gradient()[i], 1, () -> "gradient at x=" + x[k] + " t=" + t[k] + " γ=" + gamma);
            }
        }
    }

    @Test
    void aSoftmaxRowWiderThanTheFloatRangeGivesTheFiniteAnswer() {
        int rows = 64;
        float[] z = new float[rows * 2];
        int[] t = new int[rows];
        for (int r = 0; r < rows; r++) {
            z[2 * r] = 2e38f;
            z[2 * r + 1] = -2e38f;
            t[r] = r % 2;
        }
        FloatBatchResult fast = SoftmaxBatch.builder().gamma(2).alpha(0.25).reduction(Reduction.SUM).build()
                .compute(z, t, 2);
        double expected = 0;
        for (int r = 0; r < rows; r++) {
            expected += SoftmaxFocalLoss.of(2, 0.25).loss(new double[] {2e38f, -2e38f}, t[r]);
        }
        assertEquals(expected, fast.loss(), 1e-12 * expected);
        assertEquals(32 * 0.25 * 4e38, fast.loss(), 1e-6 * fast.loss());   // CE = 4e38 where the target is −2e38
        for (float g : fast.gradient()) {
            assertTrue(Float.isFinite(g), "gradient " + g);
        }
        assertEquals(-0.25f, fast.gradient()[3]);   // row 1, true class: −α·(1)·(0 + 1)
        assertEquals(0.25f, fast.gradient()[2]);
    }

    @Test
    void sigmoidLossesWhoseFloatSumOverflowsGiveTheDoubleSum() {
        int n = 4096;
        float[] x = new float[n];
        float[] t = new float[n];
        java.util.Arrays.fill(x, -3e38f);
        java.util.Arrays.fill(t, 1f);
        FloatBatchResult r = SigmoidBatch.builder().gamma(2).alpha(0.25).build().compute(x, t);
        assertEquals(n * 0.25 * (double) -x[0], r.loss(), 1e-9 * r.loss());
        for (int i = 0; i < n; i++) {
            assertEquals(0.25 * 3e38, r.losses()[i], 1e32);
            assertEquals(-0.25f, r.gradient()[i], 1e-7f);
        }
    }

    @ParameterizedTest(name = "gamma = {0}")
    @ValueSource(doubles = {0, 0.5, 2, 5})
    void softTargetsAtTheEdgeOfTheFloatRangeHaveFiniteGradientsOnTheFastPath(double gamma) {
        float[] x = new float[256];
        float[] t = new float[256];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 2 == 0 ? 1 : -1) * Float.MAX_VALUE * (1 - i / 1024f);
            t[i] = 0.1f + 0.8f * (i % 7) / 6;
        }
        FloatBatchResult r = SigmoidBatch.builder().gamma(gamma).alpha(0.25).reduction(Reduction.NONE).build()
                .compute(x, t);
        SigmoidFocalLoss exact = new SigmoidFocalLoss(gamma, 0.25, true);
        for (int i = 0; i < x.length; i++) {
            SigmoidFocalLoss.Terms e = exact.evaluate(x[i], t[i]);
            int k = i;
            assertTrue(Float.isFinite(r.gradient()[i]), "gradient at x=" + x[i] + " t=" + t[i]);
            assertWithin(e.gradient(), r.gradient()[i], 1, () -> "gradient at x=" + x[k]);
            assertWithin(e.loss(), r.losses()[i], 1, () -> "loss at x=" + x[k]);
        }
    }

    @ParameterizedTest(name = "gamma = {0}")
    @ValueSource(doubles = {0.5, 2, 5})
    void exactSoftTargetsAtTheEdgeOfTheDoubleRangeHaveFiniteGradients(double gamma) {
        SigmoidFocalLoss fl = new SigmoidFocalLoss(gamma, 0.25, true);
        for (double x : new double[] {1e307, -1e307, Double.MAX_VALUE, -Double.MAX_VALUE}) {
            for (double t : new double[] {0.1, 0.5, 0.9}) {
                SigmoidFocalLoss.Terms r = fl.evaluate(x, t);
                assertTrue(Double.isFinite(r.loss()) && Double.isFinite(r.gradient()), x + ", " + t + ": " + r);
                // Saturated: p = 1 or 0 exactly, the focusing term underflows to 0: dFL/dx = α_t·(p − t)·q^γ.
                double p = x > 0 ? 1 : 0;
                assertEquals(r.alphaT() * (p - t) * r.modulator(), r.gradient(), 1e-15);
            }
        }
    }

    @Test
    void exactSoftmaxBeyondTheDoubleRangeHasAFiniteGradient() {
        SoftmaxFocalLoss.Terms r = SoftmaxFocalLoss.of(2, 0.25).evaluate(new double[] {-1e308, 1e308}, 0);
        // CE = 2e308 > Double.MAX_VALUE, but FL = α·1·CE = 5e307 is representable (FarEdgeOfDoubleTest)
        assertEquals(Double.POSITIVE_INFINITY, r.crossEntropy());
        assertEquals(0.5 * 1e308, r.loss(), 0);   // α·2·1e308, exact: scaling by powers of two
        assertEquals(-0.25, r.gradient()[0], 0);
        assertEquals(0.25, r.gradient()[1], 0);
        SoftmaxFocalLoss.Terms zero = SoftmaxFocalLoss.of(2, 0).evaluate(new double[] {-1e308, 1e308}, 0);
        assertEquals(0, zero.loss());
        SoftmaxFocalLoss.Terms easy = SoftmaxFocalLoss.of(0.5, 0.25).evaluate(new double[] {-1e308, 1e308}, 1);
        assertEquals(0, easy.loss());
        assertEquals(0, easy.gradient()[0], 0.0);
        assertEquals(0, easy.gradient()[1], 0.0);
    }

    @Test
    void anIgnoreLabelThatFloatCannotHoldIsOneRuleOnEveryPath() {
        float[] x = {0.5f, -1f, 2f, 0f};
        float[] t = {1, -1.1f, 0, -1.1f};
        double[] xd = {0.5, -1, 2, 0};
        double[] td = {1, -1.1, 0, -1.1};
        double expected = (SigmoidFocalLoss.defaults().loss(0.5, 1) + SigmoidFocalLoss.defaults().loss(2, 0)) / 2;
        for (Precision p : Precision.values()) {
            SigmoidBatch b = SigmoidBatch.builder().reduction(Reduction.MEAN).ignoreLabel(-1.1).precision(p).build();
            FloatBatchResult r = b.compute(x, t);
            assertEquals(2, r.divisor(), p.name());
            assertEquals(expected, r.loss(), 1e-6 * expected, p.name());
            assertEquals(0, r.gradient()[1]);
        }
        BatchResult d = SigmoidBatch.builder().reduction(Reduction.MEAN).ignoreLabel(-1.1).build().compute(xd, td);
        assertEquals(expected, d.loss(), 1e-15);
    }

    @Test
    void ignore255AndTheTwoMeanConventions() {
        double[] x = {0.5, -1, 2, 0, 3, -2};
        double[] t = {1, 255, 0, 255, 1, 0};
        double sum = 0;
        for (int i : new int[] {0, 2, 4, 5}) {
            sum += SigmoidFocalLoss.defaults().loss(x[i], t[i]);
        }
        SigmoidBatch.Builder b = SigmoidBatch.builder().ignoreLabel(255);
        assertEquals(sum / 4, b.reduction(Reduction.MEAN).build().compute(x, t).loss(), 1e-15);
        assertEquals(sum / 6, b.reduction(Reduction.MEAN_ALL).build().compute(x, t).loss(), 1e-15);
        // Softmax: 255 and an index inside [0, C) are both ignore indices.
        float[] z = {1, 2, 3, 0.5f, -1, 0, 2, 2, 2, 4, 0, 1};
        for (int ignore : new int[] {255, 2}) {
            int[] tg = {0, ignore, 1, ignore};
            double rowSum = SoftmaxFocalLoss.of(2, 0.25).loss(new double[] {1, 2, 3}, 0)
                    + SoftmaxFocalLoss.of(2, 0.25).loss(new double[] {2, 2, 2}, 1);
            for (Precision p : Precision.values()) {
                SoftmaxBatch.Builder sb = SoftmaxBatch.builder().ignoreIndex(ignore).precision(p);
                FloatBatchResult mean = sb.reduction(Reduction.MEAN).build().compute(z, tg, 3);
                FloatBatchResult all = sb.reduction(Reduction.MEAN_ALL).build().compute(z, tg, 3);
                assertEquals(rowSum / 2, mean.loss(), 1e-6, p + " " + ignore);
                assertEquals(rowSum / 4, all.loss(), 1e-6, p + " " + ignore);
                assertEquals(0f, mean.gradient()[3]);
            }
        }
        // An ignore index with no such target changes nothing.
        int[] none = {0, 1, 1, 2};
        assertEquals(SoftmaxBatch.of(2, 0.25, Reduction.MEAN).compute(z, none, 3).loss(),
                SoftmaxBatch.builder().ignoreIndex(255).reduction(Reduction.MEAN).build().compute(z, none, 3).loss());
    }

    @Test
    void gammaBeyondTheFloatRangeAgreesWithTheExactPath() {
        float[] x = {-800, -50, -1e-20f, 0, 3, -88};
        float[] t = {1, 1, 1, 0, 1, 1};
        for (double gamma : new double[] {1e29, 1e31, 3.5e38, 1e300, Double.MAX_VALUE}) {
            SigmoidBatch.Builder b = SigmoidBatch.builder().gamma(gamma).alpha(0.25).reduction(Reduction.NONE);
            FloatBatchResult fast = b.build().compute(x, t);
            FloatBatchResult exact = b.precision(Precision.EXACT).build().compute(x, t);
            for (int i = 0; i < x.length; i++) {
                int k = i;
                assertWithin(exact.losses()[i], fast.losses()[i], 1, () -> "loss at " + x[k] + ", γ = " + gamma);
                assertWithin(exact.gradient()[i], fast.gradient()[i], 1, () -> "gradient at " + x[k] + ", γ = " + gamma);
            }
            assertEquals(200, fast.losses()[0], 1e-4);   // x = −800: q = 1 exactly, so q^γ = 1 and FL = α·800
        }
        float[] z = {-800, 0, 1, 2, 3, -1};
        int[] tz = {0, 1};
        SoftmaxBatch.Builder sb = SoftmaxBatch.builder().gamma(1e39).reduction(Reduction.NONE);
        FloatBatchResult fast = sb.build().compute(z, tz, 3);
        FloatBatchResult exact = sb.precision(Precision.EXACT).build().compute(z, tz, 3);
        assertEquals(exact.losses()[0], fast.losses()[0]);
        assertEquals(exact.losses()[1], fast.losses()[1]);
    }

    @Test
    void aDivisorBelowOneIsRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> SigmoidBatch.builder().reduction(Reduction.MEAN_POSITIVE).divisor(1e-300).build());
        assertTrue(e.getMessage().startsWith("divisor = ") && e.getMessage().endsWith(" is out of range [1, ∞)"),
                e.getMessage());
        assertThrows(InvalidArgumentException.class,
                () -> SoftmaxBatch.builder().reduction(Reduction.MEAN_POSITIVE).divisor(0.5).build());
        FloatBatchResult r = SigmoidBatch.builder().reduction(Reduction.MEAN_POSITIVE).divisor(1).build()
                .compute(new float[] {3e38f, -3e38f}, new float[] {0, 1});
        assertTrue(Float.isFinite(r.gradient()[0]) && Float.isFinite(r.gradient()[1]));
    }

    @Test
    void nullArraysAreNamed() {
        SigmoidBatch s = SigmoidBatch.of(2, 0.25, Reduction.SUM);
        SoftmaxBatch m = SoftmaxBatch.of(2, 0.25, Reduction.SUM);
        assertEquals("logits is null: give an array", assertThrows(InvalidArgumentException.class,
                () -> s.compute((float[]) null, new float[1])).getMessage());
        assertEquals("targets is null: give an array", assertThrows(InvalidArgumentException.class,
                () -> s.computeInto(new double[1], null, null, null)).getMessage());
        assertEquals("logits is null: give an array", assertThrows(InvalidArgumentException.class,
                () -> m.compute((double[]) null, new int[1], 1)).getMessage());
        assertEquals("targets is null: give an array", assertThrows(InvalidArgumentException.class,
                () -> m.computeInto(new float[1], null, 1, null, null)).getMessage());
        assertEquals("alpha is null: give an array", assertThrows(InvalidArgumentException.class,
                () -> SoftmaxBatch.builder().alphaPerClass((double[]) null)).getMessage());
        assertEquals("logits is null: give an array", assertThrows(InvalidArgumentException.class,
                () -> SoftmaxFocalLoss.defaults().evaluate(null, 0)).getMessage());
    }

    @Test
    void anIgnoreLabelInsideTheTargetRangeIsExplained() {
        assertEquals("ignore label = 0.5 is a valid target: choose a label outside [0, 1], e.g. -1 or 255",
                assertThrows(InvalidArgumentException.class, () -> SigmoidBatch.builder().ignoreLabel(0.5).build())
                        .getMessage());
        // 1 + 1e-10 is outside [0, 1] but rounds to the valid float target 1.
        assertThrows(InvalidArgumentException.class, () -> SigmoidBatch.builder().ignoreLabel(1 + 1e-10).build());
    }
}
