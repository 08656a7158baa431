package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every analytic gradient against a central finite difference of the loss itself. */
class GradientTest {

    private static final long SEED = 42L;

    /** Fourth-order central difference (error O(h^4)). */
    static double derivative(DoubleUnaryOperator f, double x) {
        double h = 1e-3;
        return (f.applyAsDouble(x - 2 * h) - 8 * f.applyAsDouble(x - h) + 8 * f.applyAsDouble(x + h)
                - f.applyAsDouble(x + 2 * h)) / (12 * h);
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-7 + 1e-6 * Math.abs(expected), what);
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0, 0.3, 0.5, 1, 2, 3.5, 5})
    void sigmoidGradientMatchesFiniteDifferences(double gamma) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 2_000; i++) {
            double x = rnd.nextDouble(-12, 12);
            double t = i % 3 == 0 ? rnd.nextDouble() : rnd.nextInt(2);
            boolean weighted = rnd.nextBoolean();
            SigmoidFocalLoss fl = new SigmoidFocalLoss(gamma, rnd.nextDouble(), weighted);
            assertClose(derivative(v -> fl.loss(v, t), x), fl.gradient(x, t), "x = " + x + ", t = " + t);
        }
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0, 0.3, 0.5, 1, 2, 3.5, 5})
    void softmaxGradientMatchesFiniteDifferences(double gamma) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 500; i++) {
            int c = 2 + rnd.nextInt(9);
            double[] z = IdentitiesTest.randomLogits(rnd, c, 8);
            int t = rnd.nextInt(c);
            SoftmaxFocalLoss fl = i % 2 == 0 ? SoftmaxFocalLoss.of(gamma, rnd.nextDouble())
                    : SoftmaxFocalLoss.builder().gamma(gamma).alphaPerClass(rnd.doubles(c).toArray()).build();
            double[] g = fl.gradient(z, t);
            for (int j = 0; j < c; j++) {
                int k = j;
                double numeric = derivative(v -> {
                    double[] w = z.clone();
                    w[k] = v;
                    return fl.loss(w, t);
                }, z[j]);
                assertClose(numeric, g[j], "class " + j + " of " + java.util.Arrays.toString(z));
            }
        }
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0.5, 1, 2, 4})
    void focalLossStarGradientMatchesFiniteDifferences(double gamma) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 2_000; i++) {
            double x = rnd.nextDouble(-10, 10);
            int t = rnd.nextInt(2);
            FocalLossStar fl = new FocalLossStar(gamma, rnd.nextDouble(-2, 2));
            assertClose(derivative(v -> fl.loss(v, t), x), fl.gradient(x, t), "x = " + x);
        }
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0, 0.5, 1, 2, 5})
    void gradientAgainstPtIsTheDerivativeWithRespectToTheTrueLogit(double gamma) {
        for (double xt = -8; xt <= 8; xt += 0.37) {
            double pt = StableMath.sigmoid(xt);
            double numeric = derivative(v -> FocalLoss.loss(StableMath.sigmoid(v), gamma), xt);
            assertClose(numeric, FocalLoss.logitGradient(pt, gamma), "x_t = " + xt);
        }
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0, 0.5, 0.9})
    void smallGammaGradientsAtSaturationMatchFiniteDifferencesInLogSpace(double gamma) {
        // Where torch's autograd gives NaN (γ < 1, saturated logits), check d/dx against differences of
        // the loss at logits 20..40 (loss still representable).
        SigmoidFocalLoss fl = new SigmoidFocalLoss(gamma, 0.25, true);
        for (double x = 20; x <= 40; x += 2.5) {
            double xx = x;
            double numeric = derivative(v -> fl.loss(v, 1), xx);
            assertEquals(numeric, fl.gradient(xx, 1), 1e-6 * Math.abs(numeric) + 1e-300);
        }
        SoftmaxFocalLoss sm = SoftmaxFocalLoss.of(gamma, 0.25);
        for (double gap = 20; gap <= 30; gap += 2.5) {
            double g = gap;
            double numeric = derivative(v -> sm.loss(new double[] {v, 0}, 0), g);
            assertEquals(numeric, sm.gradient(new double[] {g, 0}, 0)[0], 1e-6 * Math.abs(numeric) + 1e-300);
        }
    }
}
