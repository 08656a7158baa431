package org.focalloss.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.focalloss.batch.BatchResult;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
import org.focalloss.core.BinarySoftLabelRule;
import org.focalloss.core.FocalLossStar;
import org.focalloss.core.LogitLoss;
import org.focalloss.core.QualityFocalLoss;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftLabelConvention;
import org.focalloss.core.SoftmaxFocalLoss;
import org.focalloss.core.VarifocalLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every analytic gradient (and the second derivative) against central finite differences, seeded, and
 * every value finite at extreme logits for every γ, as the plain loss is.
 */
class FamilyGradientTest {

    static final double H = 1e-5;

    static List<LogitLoss> losses() {
        return List.of(
                SigmoidFocalLoss.keras(2, 0.25, true, 0.1),
                SigmoidFocalLoss.kornia(0.25, 2),
                SigmoidFocalLoss.builder().gamma(0.5).alpha(0.25).softLabelRule(BinarySoftLabelRule.SEPARATE_TERMS)
                        .positiveWeight(3).build(),
                SigmoidFocalLoss.smp(2, 0.25, Double.NaN),
                SigmoidFocalLoss.smp(0.5, Double.NaN, Double.NaN),
                SigmoidFocalLoss.monai(2, 0.25),
                SigmoidFocalLoss.monai(0.3, Double.NaN),
                SigmoidFocalLoss.builder().gamma(2).alpha(0.25).polyEpsilon(1).build(),
                SigmoidFocalLoss.builder().gamma(0.5).noAlpha().polyEpsilon(-1).positiveWeight(2).build(),
                new FocalLossStar(2, 1).withAlpha(0.25),
                new QualityFocalLoss(2),
                new QualityFocalLoss(1.5),
                VarifocalLoss.defaults(),
                new VarifocalLoss(0.75, 0.5, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void gradientMatchesCentralDifferences(LogitLoss fl) {
        Random rnd = new Random(42);
        for (int k = 0; k < 400; k++) {
            double x = rnd.nextGaussian() * 4;
            double t = k % 3 == 0 ? 1 : k % 3 == 1 ? 0 : rnd.nextDouble();
            if (fl instanceof QualityFocalLoss && Math.abs(1 / (1 + Math.exp(-x)) - t) < 1e-3) {
                continue;   // the cusp of |y − p|^β
            }
            double fd = (fl.loss(x + H, t) - fl.loss(x - H, t)) / (2 * H);
            double g = fl.gradient(x, t);
            assertEquals(fd, g, 1e-6 * Math.max(1, Math.abs(fd)), fl + " x=" + x + " t=" + t);
        }
    }

    static List<SigmoidFocalLoss> curvatures() {
        return List.of(new SigmoidFocalLoss(2, 0.25, true), new SigmoidFocalLoss(0.5, 0.25, true),
                new SigmoidFocalLoss(0, 0, false), new SigmoidFocalLoss(0.2, 0, false), new SigmoidFocalLoss(5, 0.75, true),
                SigmoidFocalLoss.keras(1.5, 0.25, true, 0.2), SigmoidFocalLoss.kornia(0.25, 0.5),
                SigmoidFocalLoss.builder().gamma(2).alpha(0.25).polyEpsilon(2).build(),
                SigmoidFocalLoss.builder().gamma(1).positiveWeight(2).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("curvatures")
    void secondDerivativeMatchesDifferencesOfTheGradient(SigmoidFocalLoss fl) {
        Random rnd = new Random(7);
        for (int k = 0; k < 400; k++) {
            double x = rnd.nextGaussian() * 4;
            double t = k % 3 == 0 ? 1 : k % 3 == 1 ? 0 : rnd.nextDouble();
            double fd = (fl.gradient(x + H, t) - fl.gradient(x - H, t)) / (2 * H);
            assertEquals(fd, fl.secondDerivative(x, t), 1e-6 * Math.max(1, Math.abs(fd)), fl + " x=" + x + " t=" + t);
        }
    }

    @Test
    void everyValueAndDerivativeIsFiniteAtExtremeLogitsForEveryGamma() {
        double[] gammas = {0, 0.2, 0.5, 1, 2, 5};
        double[] xs = {-1e4, -800, -40, -1e-300, 0, 1e-300, 40, 800, 1e4};
        double[] ts = {0, 1, 0.3, 0.999};
        for (double g : gammas) {
            for (BinarySoftLabelRule rule : BinarySoftLabelRule.values()) {
                SigmoidFocalLoss fl = SigmoidFocalLoss.builder().gamma(g).alpha(0.25).softLabelRule(rule)
                        .labelSmoothing(0.05).build();
                for (double x : xs) {
                    for (double t : ts) {
                        SigmoidFocalLoss.Terms terms = fl.evaluate(x, t);
                        assertTrue(Double.isFinite(terms.loss()) && Double.isFinite(terms.gradient())
                                && Double.isFinite(terms.modulatorGradient()), rule + " γ=" + g + " x=" + x + " t=" + t);
                    }
                }
            }
            SigmoidFocalLoss plain = new SigmoidFocalLoss(g, 0.25, true);
            SigmoidFocalLoss poly = SigmoidFocalLoss.builder().gamma(g).polyEpsilon(1).build();
            SigmoidFocalLoss kornia = SigmoidFocalLoss.kornia(0.25, g);
            for (double x : xs) {
                for (double t : ts) {
                    assertTrue(Double.isFinite(plain.secondDerivative(x, t)), "d2 γ=" + g + " x=" + x + " t=" + t);
                    assertTrue(Double.isFinite(poly.secondDerivative(x, t)), "poly d2 γ=" + g + " x=" + x);
                    assertTrue(Double.isFinite(kornia.secondDerivative(x, t)), "kornia d2 γ=" + g + " x=" + x);
                    for (LogitLoss l : List.of(new QualityFocalLoss(g), new VarifocalLoss(0.75, g, true),
                            new FocalLossStar(Math.max(g, 0.1), 1).withAlpha(0.25))) {
                        double[] lg = l.lossAndGradient(x, t);
                        assertTrue(Double.isFinite(lg[0]) && Double.isFinite(lg[1]), l + " x=" + x + " t=" + t);
                    }
                }
            }
        }
    }

    @Test
    void softmaxSoftLabelGradientsMatchCentralDifferences() {
        Random rnd = new Random(11);
        for (int k = 0; k < 300; k++) {
            int c = 2 + rnd.nextInt(5);
            double[] z = rnd.doubles(c, -6, 6).toArray();
            double[] y = rnd.doubles(c, 0, 1).toArray();
            double s = java.util.Arrays.stream(y).sum();
            for (int j = 0; j < c; j++) {
                y[j] /= s;
            }
            double g = new double[] {0, 0.5, 2, 3}[k % 4];
            SoftmaxFocalLoss fl = SoftmaxFocalLoss.builder().gamma(g).alpha(0.5)
                    .softLabelConvention(k % 2 == 0 ? SoftLabelConvention.PER_CLASS : SoftLabelConvention.TRUE_CLASS)
                    .classWeights(rnd.doubles(c, 0, 3).toArray()).labelSmoothing(k % 3 == 0 ? 0.1 : 0)
                    .polyEpsilon(k % 5 == 0 ? 1 : 0).build();
            double[] grad = fl.evaluate(z, y).gradient();
            for (int j = 0; j < c; j++) {
                double[] zp = z.clone();
                double[] zm = z.clone();
                zp[j] += H;
                zm[j] -= H;
                double fd = (fl.evaluate(zp, y).loss() - fl.evaluate(zm, y).loss()) / (2 * H);
                assertEquals(fd, grad[j], 1e-6 * Math.max(1, Math.abs(fd)), fl + " j=" + j);
            }
        }
    }

    @Test
    void normalisedFocalLossGradientMatchesDifferencesOfTheWholeBatch() {
        Random rnd = new Random(5);
        int n = 12;
        double[] x = rnd.doubles(n, -4, 4).toArray();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i % 3 == 0 ? 1 : i % 3 == 1 ? 0 : rnd.nextDouble();
        }
        double[] w = rnd.doubles(n, 0, 2).toArray();
        SigmoidBatch b = SigmoidBatch.builder().loss(SigmoidFocalLoss.smp(2, 0.25, 0.5)).normalized()
                .reduction(Reduction.MEAN).build();
        BatchResult r = b.compute(x, t, w);
        for (int i = 0; i < n; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += H;
            xm[i] -= H;
            double fd = (b.compute(xp, t, w).loss() - b.compute(xm, t, w).loss()) / (2 * H);
            assertEquals(fd, r.gradient()[i], 1e-7, "i=" + i);
        }
    }
}
