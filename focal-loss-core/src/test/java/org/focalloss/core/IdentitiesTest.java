package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identities that must hold whatever the inputs: γ = 0 is CE, the modulator is in [0, 1], FL ≤ CE. */
class IdentitiesTest {

    private static final long SEED = 20171231L;

    @Test
    void gammaZeroGivesCrossEntropyForPt() {
        for (double pt = 0.001; pt <= 1.0; pt += 0.001) {
            assertEquals(FocalLoss.crossEntropy(pt), FocalLoss.loss(pt, 0), 0, "p_t = " + pt);
        }
    }

    @Test
    void gammaZeroGivesBinaryCrossEntropyForLogits() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        SigmoidFocalLoss fl = new SigmoidFocalLoss(0, 0, false);
        for (int i = 0; i < 10_000; i++) {
            double x = rnd.nextDouble(-30, 30);
            double t = rnd.nextBoolean() ? rnd.nextInt(2) : rnd.nextDouble();
            // BCE with logits, PyTorch's form: max(x, 0) − x·t + log(1 + exp(−|x|))
            double bce = Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
            assertEquals(bce, fl.loss(x, t), 1e-12 * Math.max(1, bce));
            // and its gradient σ(x) − t
            assertEquals(StableMath.sigmoid(x) - t, fl.gradient(x, t), 1e-12);
        }
    }

    @Test
    void gammaZeroGivesSoftmaxCrossEntropy() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        SoftmaxFocalLoss fl = SoftmaxFocalLoss.of(0, 1);
        for (int i = 0; i < 2_000; i++) {
            double[] z = randomLogits(rnd, 2 + rnd.nextInt(20), 20);
            int t = rnd.nextInt(z.length);
            double ce = StableMath.logSumExp(z) - z[t];
            assertEquals(ce, fl.loss(z, t), 1e-12 * Math.max(1, ce));
        }
    }

    @ParameterizedTest(name = "γ = {0}")
    @ValueSource(doubles = {0, 0.25, 0.5, 1, 2, 3, 5, 8})
    void modulatorStaysInTheUnitInterval(double gamma) {
        for (double pt = 0; pt <= 1.0; pt += 1.0 / 1024) {
            double m = FocalLoss.modulator(pt, gamma);
            assertTrue(m >= 0 && m <= 1, "modulator " + m + " at p_t = " + pt);
        }
    }

    @Test
    void focalLossNeverExceedsCrossEntropyWhenAlphaAtMostOne() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 100_000; i++) {
            double gamma = rnd.nextDouble(0, 8);
            double alpha = rnd.nextDouble();
            double x = rnd.nextDouble(-50, 50);
            double t = rnd.nextInt(2);
            SigmoidFocalLoss.Terms terms = new SigmoidFocalLoss(gamma, alpha, true).evaluate(x, t);
            assertTrue(terms.loss() <= terms.crossEntropy(), () -> "FL > CE at x = " + x);
            double pt = rnd.nextDouble();
            assertTrue(FocalLoss.loss(pt, gamma, alpha) <= FocalLoss.crossEntropy(pt));
        }
    }

    @Test
    void sigmoidProbabilityFormAgreesWithLogitForm() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        SigmoidFocalLoss fl = SigmoidFocalLoss.defaults();
        for (int i = 0; i < 10_000; i++) {
            double x = rnd.nextDouble(-10, 10);
            double t = rnd.nextDouble();
            assertEquals(fl.loss(x, t), fl.lossFromProbability(StableMath.sigmoid(x), t), 1e-9);
        }
    }

    @Test
    void softmaxOfTwoClassesIsTheSigmoidOfTheirDifference() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 10_000; i++) {
            double a = rnd.nextDouble(-20, 20);
            double b = rnd.nextDouble(-20, 20);
            double gamma = rnd.nextDouble(0, 5);
            double soft = SoftmaxFocalLoss.of(gamma, 1).loss(new double[] {a, b}, 1);
            double sig = new SigmoidFocalLoss(gamma, 0, false).loss(b - a, 1);
            assertEquals(sig, soft, 1e-12 * Math.max(1, sig));
        }
    }

    @Test
    void softmaxGradientSumsToZero() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 5_000; i++) {
            double[] z = randomLogits(rnd, 2 + rnd.nextInt(30), 50);
            double[] g = SoftmaxFocalLoss.of(rnd.nextDouble(0, 5), rnd.nextDouble()).gradient(z, rnd.nextInt(z.length));
            double sum = 0;
            double abs = 0;
            for (double v : g) {
                sum += v;
                abs += Math.abs(v);
            }
            assertEquals(0, sum, 1e-12 * Math.max(1, abs));
        }
    }

    static double[] randomLogits(SplittableRandom rnd, int c, double scale) {
        double[] z = new double[c];
        for (int j = 0; j < c; j++) {
            z[j] = rnd.nextDouble(-scale, scale);
        }
        return z;
    }
}
