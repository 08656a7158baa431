package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.Stream;
import org.focalloss.batch.BatchResult;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SoftmaxBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Softmax logits more than Double.MAX apart: CE = 2·Double.MAX + log 3 overflows, but α·(1 − p_t)^γ·CE can be
 * representable. The loss is that finite value whenever it is ≤ Double.MAX (correctly rounded) and +∞ only
 * above, on every path: the plain loss, the family's soft-label paths and the batch.
 *
 * <p>Truth, derived by hand: for z = [−M, −M, M, M, M, −M] and target 1, log p_t = −2M − log(3 + 3e^{−2M}),
 * so CE = 2M + log 3 (to far below an ulp), 1 − p_t = 1 − e^{−2M}/3 rounds to 1 and the modulator to 1;
 * FL = α·(2M + log 3), evaluated in BigDecimal and rounded once. The gradient is α·(p_k − δ_kt) plus a
 * focusing term ∝ p_t·CE ≈ 0: [0, −α, α/3, α/3, α/3, 0].
 */
class FarEdgeOfDoubleTest {

    private static final double M = Double.MAX_VALUE;
    private static final double[] Z = {-M, -M, M, M, M, -M};
    private static final int TARGET = 1;
    private static final double GAMMA = 0.1;

    /** α·(2M + log 3), rounded once to double (+∞ beyond the overflow threshold). */
    private static double trueLoss(double alpha) {
        BigDecimal ce = new BigDecimal(M).multiply(BigDecimal.valueOf(2)).add(new BigDecimal(Math.log(3)));
        return new BigDecimal(alpha).multiply(ce, MathContext.DECIMAL128).doubleValue();
    }

    /** The plain path, the family's TRUE_CLASS and PER_CLASS soft-label paths, all one-hot here. */
    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("plain", (Loss) a -> SoftmaxFocalLoss.of(GAMMA, a).evaluate(Z, TARGET)),
                Arguments.of("class weights (TRUE_CLASS soft path)", (Loss) a -> SoftmaxFocalLoss.builder()
                        .gamma(GAMMA).alpha(a).classWeights(1, 1, 1, 1, 1, 1).build().evaluate(Z, TARGET)),
                Arguments.of("PER_CLASS (Keras)", (Loss) a -> SoftmaxFocalLoss.builder().gamma(GAMMA).alpha(a)
                        .softLabelConvention(SoftLabelConvention.PER_CLASS).classWeights(1, 1, 1, 1, 1, 1).build()
                        .evaluate(Z, TARGET)));
    }

    interface Loss {
        SoftmaxFocalLoss.Terms at(double alpha);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aLossBelowDoubleMaxIsFiniteAndCorrectlyRounded(String path, Loss loss) {
        double alpha = 0.4175;
        SoftmaxFocalLoss.Terms t = loss.at(alpha);
        double expected = trueLoss(alpha);
        assertTrue(Double.isFinite(expected), "the truth itself is finite: " + expected);
        assertEquals(expected, t.loss(), Math.ulp(expected), path);
        assertEquals(1.5010737676, t.loss() / 1e308, 1e-10, "≈ 1.5e308 as the issue states");
        assertEquals(Double.POSITIVE_INFINITY, t.crossEntropy(), "CE itself is above Double.MAX");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void theGradientIsFiniteAndIsAlphaTimesPMinusOneHot(String path, Loss loss) {
        double alpha = 0.4175;
        double[] g = loss.at(alpha).gradient();
        double[] expected = {0, -alpha, alpha / 3, alpha / 3, alpha / 3, 0};
        assertArrayEquals(expected, g, 1e-15, path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void theBoundaryIsDoubleMaxItself(String path, Loss loss) {
        // α just below ½: α·(2M + log 3) < M + ulp(M)/2, rounds to a finite value
        double below = Math.nextDown(0.5);
        assertTrue(Double.isFinite(trueLoss(below)));
        assertEquals(trueLoss(below), loss.at(below).loss(), Math.ulp(M), path + ", α = " + below);
        // α just above ½: α·(2M + log 3) ≥ M + ulp(M)/2, beyond the largest double: +∞ is the right answer
        double above = Math.nextUp(0.5);
        assertEquals(Double.POSITIVE_INFINITY, trueLoss(above));
        assertEquals(Double.POSITIVE_INFINITY, loss.at(above).loss(), path + ", α = " + above);
    }

    @Test
    void aSoftTargetWithAFiniteTrueCrossEntropyStaysFinite() {
        // y = ½ on class 1 (at −M) and ½ on class 2 (at +M): CE = ½(2M + log 3) + ½ log 3 = M + log 3 (finite),
        // p_t = ½·0 + ½·⅓ = 1/6, FL = α·(5/6)^γ·CE
        double alpha = 0.3;
        double[] y = {0, 0.5, 0.5, 0, 0, 0};
        SoftmaxFocalLoss.SoftTerms s = SoftmaxFocalLoss.builder().gamma(GAMMA).alpha(alpha)
                .classWeights(1, 1, 1, 1, 1, 1).build().evaluate(Z, y);
        assertEquals(M, s.crossEntropy(), Math.ulp(M));
        assertEquals(alpha * Math.pow(5.0 / 6, GAMMA) * M, s.loss(), 1e-14 * s.loss());
        // dFL/dz_k = α·[(5/6)^γ·(p_k − y_k) − γ·(5/6)^(γ−1)·CE·p_k·(y_k − 1/6)], p = [0, 0, ⅓, ⅓, ⅓, 0]: the
        // focusing term ∝ CE ≈ M is large but finite
        double m = Math.pow(5.0 / 6, GAMMA);
        double f = GAMMA * Math.pow(5.0 / 6, GAMMA - 1) * M;
        double[] p = {0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0};
        for (int k = 0; k < 6; k++) {
            double expected = alpha * (m * (p[k] - y[k]) - f * p[k] * (y[k] - 1.0 / 6));
            assertEquals(expected, s.gradient()[k], 1e-12 * Math.abs(expected) + 1e-15, "dFL/dz_" + k);
        }
    }

    @Test
    void theBatchPathReturnsTheSameFiniteLoss() {
        double alpha = 0.4175;
        double[] logits = new double[2 * Z.length];
        System.arraycopy(Z, 0, logits, 0, Z.length);
        System.arraycopy(new double[] {0, 0, 0, 0, 0, 0}, 0, logits, Z.length, Z.length);
        BatchResult r = SoftmaxBatch.of(GAMMA, alpha, Reduction.NONE).compute(logits, new int[] {TARGET, 0}, 6);
        assertEquals(trueLoss(alpha), r.losses()[0], Math.ulp(trueLoss(alpha)));
        for (double g : r.gradient()) {
            assertTrue(Double.isFinite(g));
        }
        double ordinary = SoftmaxFocalLoss.of(GAMMA, alpha).loss(new double[6], 0);
        assertEquals(ordinary, r.losses()[1], 0, "the ordinary row is untouched");
        assertEquals(trueLoss(alpha) + ordinary, r.loss(), Math.ulp(trueLoss(alpha)));
    }
}
