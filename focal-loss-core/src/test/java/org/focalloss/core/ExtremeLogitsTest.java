package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logits of ±1e4 (where exp overflows) for γ ∈ {0, 0.5, 1, 2, 5}: every value finite and sensible. */
class ExtremeLogitsTest {

    private static final double[] LOGITS = {-1e4, -1e3, -750, -100, -40, 0, 40, 100, 750, 1e3, 1e4};

    private static void assertFinite(double v, String what) {
        assertTrue(Double.isFinite(v), what + " = " + v);
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0, 0.5, 1, 2, 5})
    void sigmoidStaysFinite(double gamma) {
        for (boolean weighted : new boolean[] {true, false}) {
            SigmoidFocalLoss fl = new SigmoidFocalLoss(gamma, 0.25, weighted);
            for (double x : LOGITS) {
                for (double t : new double[] {0, 1, 0.3}) {
                    SigmoidFocalLoss.Terms r = fl.evaluate(x, t);
                    String at = "x = " + x + ", t = " + t;
                    assertFinite(r.loss(), "loss at " + at);
                    assertFinite(r.gradient(), "gradient at " + at);
                    assertTrue(r.loss() >= 0 && r.modulator() >= 0 && r.modulator() <= 1, at);
                    // |dFL/dx| ≤ (1−p_t)^γ·(1 + γ·p_t·|log p_t|) ≤ 1 + γ/e, since p·|log p| ≤ 1/e
                    assertTrue(Math.abs(r.gradient()) <= 1 + gamma / Math.E, "|gradient| too large at " + at);
                }
            }
        }
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0, 0.5, 1, 2, 5})
    void sigmoidHasTheRightLimits(double gamma) {
        SigmoidFocalLoss fl = new SigmoidFocalLoss(gamma, 0, false);
        // confidently right: no loss, no gradient
        assertEquals(0, fl.loss(1e4, 1), 0);
        assertEquals(0, fl.gradient(1e4, 1), 0);
        // confidently wrong: loss ≈ |x| (CE, modulator 1), gradient −1 (the CE limit)
        assertEquals(1e4, fl.loss(-1e4, 1), 1e-9);
        assertEquals(-1, fl.gradient(-1e4, 1), 1e-12);
        assertEquals(1, fl.gradient(1e4, 0), 1e-12);
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0, 0.5, 1, 2, 5})
    void softmaxStaysFinite(double gamma) {
        SoftmaxFocalLoss fl = SoftmaxFocalLoss.of(gamma, 0.25);
        double[][] cases = {
            {1e4, 0, -1e4}, {-1e4, 1e4, 0}, {1e4, 1e4, -1e4}, {-1e4, -1e4, -1e4}, {1e4, -1e4}, {0, 0},
        };
        for (double[] z : cases) {
            for (int t = 0; t < z.length; t++) {
                SoftmaxFocalLoss.Terms r = fl.evaluate(z, t);
                assertFinite(r.loss(), "loss");
                for (double g : r.gradient()) {
                    assertFinite(g, "gradient");
                }
                assertTrue(r.modulator() >= 0 && r.modulator() <= 1);
            }
        }
        // confidently wrong: CE = 2e4
        assertEquals(0.25 * 2e4, fl.loss(new double[] {1e4, -1e4}, 1), 1e-9);
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0.5, 1, 2, 5})
    void focalLossStarStaysFinite(double gamma) {
        FocalLossStar fl = new FocalLossStar(gamma, 1);
        for (double x : LOGITS) {
            for (int t = 0; t <= 1; t++) {
                assertFinite(fl.loss(x, t), "loss");
                assertFinite(fl.gradient(x, t), "gradient");
            }
        }
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0, 0.5, 1, 2, 5})
    void gradientOverPtIsFiniteAtBothEnds(double gamma) {
        assertEquals(-1, FocalLoss.logitGradient(0, gamma), 0);
        assertEquals(0, FocalLoss.logitGradient(1, gamma), 0);
        assertEquals(Double.POSITIVE_INFINITY, FocalLoss.crossEntropy(0));
    }
}
