package org.focalloss.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.focalloss.batch.BatchResult;
import org.focalloss.batch.Precision;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
import org.focalloss.batch.SoftmaxBatch;
import org.focalloss.core.BinarySoftLabelRule;
import org.focalloss.core.FocalLossStar;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.QualityFocalLoss;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftLabelConvention;
import org.focalloss.core.SoftmaxFocalLoss;
import org.focalloss.core.VarifocalLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Identities between the family's options, and what bad input prints. */
class FamilyIdentitiesTest {

    static final double TOL = 1e-12;

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
    }

    @ParameterizedTest
    @EnumSource(BinarySoftLabelRule.class)
    void everySoftLabelRuleIsTheOrdinaryFocalLossOnHardTargets(BinarySoftLabelRule rule) {
        Random rnd = new Random(1);
        for (int k = 0; k < 500; k++) {
            double g = new double[] {0, 0.5, 1, 2, 3}[k % 5];
            double x = rnd.nextGaussian() * 6;
            double t = rnd.nextBoolean() ? 1 : 0;
            SigmoidFocalLoss plain = new SigmoidFocalLoss(g, 0.25, true);
            SigmoidFocalLoss ruled = SigmoidFocalLoss.builder().gamma(g).alpha(0.25).softLabelRule(rule).build();
            near(plain.loss(x, t), ruled.loss(x, t), rule + " loss x=" + x);
            near(plain.gradient(x, t), ruled.gradient(x, t), rule + " grad x=" + x);
        }
    }

    @Test
    void zeroLabelSmoothingIsTheHardLabelLossAndFullSmoothingIsOneHalf() {
        SigmoidFocalLoss hard = SigmoidFocalLoss.keras(2, 0.25, true, 0);
        SigmoidFocalLoss plain = new SigmoidFocalLoss(2, 0.25, true);
        SigmoidFocalLoss full = SigmoidFocalLoss.keras(2, 0.25, true, 1);
        for (double x = -8; x <= 8; x += 0.25) {
            assertEquals(plain.loss(x, 1), hard.loss(x, 1), 0);
            near(plain.loss(x, 0.5), full.loss(x, 0), "s = 1 makes every target 1/2");
        }
        SoftmaxFocalLoss smooth0 = SoftmaxFocalLoss.keras(2, 0.25, 0);
        double[] z = {1.5, -0.8, 0.2};
        near(SoftmaxFocalLoss.of(2, 0.25).loss(z, 1), smooth0.loss(z, 1), "categorical s = 0");
        // s = 0.3 on C = 3: the target distribution is (0.1, 0.8, 0.1)
        near(SoftmaxFocalLoss.keras(2, 0.25, 0).evaluate(z, new double[] {0.1, 0.8, 0.1}).loss(),
                SoftmaxFocalLoss.keras(2, 0.25, 0.3).loss(z, 1), "categorical s = 0.3");
    }

    @Test
    void bothSoftmaxConventionsAgreeOnOneHotTargets() {
        Random rnd = new Random(2);
        for (int k = 0; k < 200; k++) {
            int c = 2 + rnd.nextInt(6);
            double[] z = rnd.doubles(c, -8, 8).toArray();
            int t = rnd.nextInt(c);
            double[] y = new double[c];
            y[t] = 1;
            double g = rnd.nextDouble() * 4;
            SoftmaxFocalLoss.SoftTerms a = SoftmaxFocalLoss.builder().gamma(g).alpha(0.25)
                    .softLabelConvention(SoftLabelConvention.PER_CLASS).build().evaluate(z, y);
            SoftmaxFocalLoss.SoftTerms b = SoftmaxFocalLoss.builder().gamma(g).alpha(0.25)
                    .softLabelConvention(SoftLabelConvention.TRUE_CLASS).build().evaluate(z, y);
            SoftmaxFocalLoss.Terms plain = SoftmaxFocalLoss.of(g, 0.25).evaluate(z, t);
            near(plain.loss(), a.loss(), "PER_CLASS");
            near(plain.loss(), b.loss(), "TRUE_CLASS");
            for (int j = 0; j < c; j++) {
                near(plain.gradient()[j], a.gradient()[j], "PER_CLASS grad");
                near(plain.gradient()[j], b.gradient()[j], "TRUE_CLASS grad");
            }
        }
    }

    @Test
    void polyOneWithZeroEpsilonIsTheFocalLossAndWithGammaZeroIsCePlusEpsilonOneMinusPt() {
        double[] z = {2.0, -1.0, 0.5, 0.1};
        SoftmaxFocalLoss ce = SoftmaxFocalLoss.builder().gamma(0).noAlpha().build();
        SoftmaxFocalLoss poly0 = SoftmaxFocalLoss.builder().gamma(0).noAlpha().polyEpsilon(1e-300).build();
        near(ce.loss(z, 2), poly0.loss(z, 2), "ε → 0");
        SoftmaxFocalLoss.Terms t = ce.evaluate(z, 2);
        double eps = 2;
        near(t.crossEntropy() + eps * (1 - t.pt()),
                SoftmaxFocalLoss.builder().gamma(0).noAlpha().polyEpsilon(eps).build().loss(z, 2), "Poly-1 CE");
        SigmoidFocalLoss fl = new SigmoidFocalLoss(2, 0.25, true);
        SigmoidFocalLoss poly = SigmoidFocalLoss.builder().gamma(2).alpha(0.25).polyEpsilon(0).build();
        for (double x = -10; x <= 10; x += 0.5) {
            assertEquals(fl.loss(x, 1), poly.loss(x, 1), 0, "ε = 0 is the plain path");
            SigmoidFocalLoss.Terms s = new SigmoidFocalLoss(0, 0, false).evaluate(x, 0.3);
            near(s.crossEntropy() + 1.5 * (1 - s.pt()),
                    SigmoidFocalLoss.builder().gamma(0).noAlpha().polyEpsilon(1.5).build().loss(x, 0.3), "sigmoid Poly-1");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1, 2, 3})
    void qualityFocalLossWithAHardTargetIsFocalLossWithoutAlphaAtGammaEqualBeta(double beta) {
        QualityFocalLoss qfl = new QualityFocalLoss(beta);
        SigmoidFocalLoss fl = new SigmoidFocalLoss(beta, 0, false);
        for (double x = -30; x <= 30; x += 0.37) {
            for (int t = 0; t <= 1; t++) {
                near(fl.loss(x, t), qfl.loss(x, t), "loss");
                near(fl.gradient(x, t), qfl.gradient(x, t), "grad");
            }
        }
    }

    @Test
    void varifocalNegativesAreAlphaTimesFocalNegativesAndPositivesAreQTimesCe() {
        VarifocalLoss vfl = VarifocalLoss.defaults();
        SigmoidFocalLoss neg = new SigmoidFocalLoss(2, 0, false);
        SigmoidFocalLoss ce = new SigmoidFocalLoss(0, 0, false);
        for (double x = -20; x <= 20; x += 0.5) {
            near(0.75 * neg.loss(x, 0), vfl.loss(x, 0), "negative");
            near(0.75 * neg.gradient(x, 0), vfl.gradient(x, 0), "negative grad");
            near(0.6 * ce.loss(x, 0.6), vfl.loss(x, 0.6), "positive");
            near(0.6 * ce.gradient(x, 0.6), vfl.gradient(x, 0.6), "positive grad");
        }
    }

    @Test
    void focalLossStarSoftTargetsAndAlphaReduceToThePaper() {
        FocalLossStar paper = new FocalLossStar(2, 1);
        FocalLossStar alpha = paper.withAlpha(0.25);
        for (double x = -10; x <= 10; x += 0.5) {
            assertEquals(paper.loss(x, 1), paper.loss(x, 1.0), 0);
            near(0.25 * paper.loss(x, 1), alpha.loss(x, 1), "α on positives");
            near(0.75 * paper.gradient(x, 0), alpha.gradient(x, 0), "1 − α on negatives");
            near(FocalLossStar.fvcore(-1, 1).loss(x, 1), Math.log1p(Math.exp(-x)), "fvcore γ = 1 is CE");
        }
    }

    @Test
    void reducedThresholdOfZeroPlusIsTheScaledModulatorAndOneIsCe() {
        SigmoidFocalLoss ce = new SigmoidFocalLoss(0, 0, false);
        SigmoidFocalLoss all = SigmoidFocalLoss.smp(2, Double.NaN, 1.0);
        for (double x = -10; x < 10; x += 0.5) {
            near(ce.loss(x, 1), all.loss(x, 1), "th = 1: p_t < 1 everywhere, modulator 1");
        }
        SigmoidFocalLoss r = SigmoidFocalLoss.smp(2, Double.NaN, 0.5);
        SigmoidFocalLoss fl = new SigmoidFocalLoss(2, 0, false);
        near(4 * fl.loss(3, 1), r.loss(3, 1), "above th: ((1 − p_t)/th)^γ = 4·(1 − p_t)^2");
    }

    @Test
    void zeroWeightsGiveZeroLossAndUnitWeightsChangeNothing() {
        Random rnd = new Random(3);
        int n = 400;
        double[] x = rnd.doubles(n, -8, 8).toArray();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(4) == 0 ? 1 : rnd.nextInt(3) == 0 ? rnd.nextDouble() : 0;
        }
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        for (Reduction red : Reduction.values()) {
            SigmoidBatch b = SigmoidBatch.builder().reduction(red).build();
            BatchResult plain = b.compute(x, t);
            BatchResult unit = b.compute(x, t, ones);
            assertEquals(plain.loss(), unit.loss(), 0, red.name());
            assertArrayEquals(plain.gradient(), unit.gradient(), 0);
            BatchResult zero = b.compute(x, t, new double[n]);
            assertEquals(0, zero.loss(), 0);
            assertTrue(java.util.Arrays.stream(zero.gradient()).allMatch(v -> v == 0));
            BatchResult unitClasses = SigmoidBatch.builder().reduction(red).classWeights(1, 1, 1, 1).build().compute(x, t);
            assertEquals(plain.loss(), unitClasses.loss(), 0);
        }
        double[] z = rnd.doubles(3 * 50, -5, 5).toArray();
        int[] ys = rnd.ints(50, 0, 3).toArray();
        SoftmaxBatch sb = SoftmaxBatch.builder().reduction(Reduction.MEAN).build();
        double[] w1 = new double[50];
        java.util.Arrays.fill(w1, 1);
        near(sb.compute(z, ys, 3).loss(), sb.compute(z, ys, w1, 3).loss(), "unit sample weights");
        near(sb.compute(z, ys, 3).loss(), SoftmaxBatch.builder().reduction(Reduction.MEAN).classWeights(1, 1, 1)
                .build().compute(z, ys, 3).loss(), "unit class weights");
        assertEquals(0, sb.compute(z, ys, new double[50], 3).loss(), 0);
    }

    @Test
    void weightsScaleLossesLinearlyAndCombineWithAlphaByMultiplication() {
        SigmoidBatch b = SigmoidBatch.builder().gamma(2).alpha(0.25).reduction(Reduction.SUM).build();
        double[] x = {0.3, -1.2, 2.5};
        double[] t = {1, 0, 1};
        SigmoidFocalLoss fl = new SigmoidFocalLoss(2, 0.25, true);
        BatchResult r = b.compute(x, t, new double[] {2, 0.5, 3});
        near(2 * fl.loss(0.3, 1) + 0.5 * fl.loss(-1.2, 0) + 3 * fl.loss(2.5, 1), r.loss(), "Σ w_i·α_t·FL_i");
        SoftmaxFocalLoss cw = SoftmaxFocalLoss.builder().gamma(2).alphaPerClass(0.1, 0.5, 1).classWeights(0.1, 0.5, 2.0)
                .build();
        double[] z = {1.5, -0.8, 0.2};
        near(2.0 * 1.0 * SoftmaxFocalLoss.of(2, 1).loss(z, 2), cw.loss(z, 2), "α_t·w_t, w not limited to [0, 1]");
    }

    @Test
    void anyElementLossReducesInTheBatchLikeTheSumOfItsElements() {
        double[] x = {0.3, -1.2, 2.5, -4, 1};
        double[] t = {1, 0, 0.7, 0, 0.4};
        for (org.focalloss.core.LogitLoss l : java.util.List.of(new FocalLossStar(2, 1).withAlpha(0.25),
                new QualityFocalLoss(2), VarifocalLoss.defaults())) {
            double sum = 0;
            int positives = 0;
            for (int i = 0; i < x.length; i++) {
                sum += l.loss(x[i], t[i]);
                positives += t[i] > 0 ? 1 : 0;
            }
            BatchResult r = SigmoidBatch.builder().loss(l).reduction(Reduction.MEAN_POSITIVE).build().compute(x, t);
            near(sum / positives, r.loss(), l + " MEAN_POSITIVE");
            near(l.gradient(x[2], t[2]) / positives, r.gradient()[2], l + " gradient of the reduced loss");
        }
    }

    @Test
    void softmaxTargetDistributionsReduceLikeTheirRows() {
        double[] z = {1.5, -0.8, 0.2, 0.1, 0.3, -2};
        double[] y = {0.1, 0.8, 0.1, 0.5, 0.25, 0.25};
        double[] w = {2, 0.5};
        SoftmaxBatch b = SoftmaxBatch.builder().gamma(2).alpha(0.25).softLabelConvention(SoftLabelConvention.PER_CLASS)
                .reduction(Reduction.MEAN).build();
        SoftmaxFocalLoss fl = SoftmaxFocalLoss.builder().gamma(2).alpha(0.25)
                .softLabelConvention(SoftLabelConvention.PER_CLASS).build();
        SoftmaxFocalLoss.SoftTerms r0 = fl.evaluate(new double[] {1.5, -0.8, 0.2}, new double[] {0.1, 0.8, 0.1});
        SoftmaxFocalLoss.SoftTerms r1 = fl.evaluate(new double[] {0.1, 0.3, -2}, new double[] {0.5, 0.25, 0.25});
        BatchResult r = b.compute(z, y, w, 3);
        near((2 * r0.loss() + 0.5 * r1.loss()) / 2, r.loss(), "Σ w·l / N");
        near(0.5 * r1.gradient()[2] / 2, r.gradient()[5], "gradient of row 1, class 2");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> SoftmaxBatch.builder().build()
                .compute(z, new double[] {0.5, 0.5, 0.5, 0, 0, 1}, null, 3));
        assertEquals("row 0: target distribution sums to 1.5 but the TRUE_CLASS convention needs a distribution"
                + " that sums to 1", e.getMessage());
    }

    @Test
    void floatDataWithAFamilyOptionRunsTheExactPath() {
        float[] x = {0.3f, -1.2f, 2.5f, 7f};
        float[] t = {1, 0, 0.4f, 1};
        SigmoidBatch b = SigmoidBatch.builder().loss(SigmoidFocalLoss.kornia(0.25, 2)).reduction(Reduction.MEAN)
                .precision(Precision.FAST).build();
        double[] xd = new double[4];
        double[] td = new double[4];
        for (int i = 0; i < 4; i++) {
            xd[i] = x[i];
            td[i] = t[i];
        }
        assertEquals(b.compute(xd, td).loss(), b.compute(x, t).loss(), 1e-15);
    }

    @Test
    void ignoredElementsStayOutOfTheNormalisedFocalLoss() {
        SigmoidBatch withIgnore = SigmoidBatch.builder().loss(SigmoidFocalLoss.smp(2, 0.25, Double.NaN)).normalized()
                .ignoreLabel(-1).reduction(Reduction.SUM).build();
        SigmoidBatch without = SigmoidBatch.builder().loss(SigmoidFocalLoss.smp(2, 0.25, Double.NaN)).normalized()
                .reduction(Reduction.SUM).build();
        BatchResult a = withIgnore.compute(new double[] {0.5, 3, -2}, new double[] {1, -1, 0});
        BatchResult b = without.compute(new double[] {0.5, -2}, new double[] {1, 0});
        near(b.loss(), a.loss(), "ignored element");
        assertEquals(0, a.gradient()[1], 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sigmoid label smoothing 1.5  | label smoothing = 1.5 is out of range [0, 1]",
        "softmax label smoothing -0.1 | label smoothing = -0.1 is out of range [0, 1]",
        "positive weight -2           | positive weight = -2.0 is out of range [0, ∞)",
        "reduced threshold 0          | reduced threshold = 0.0 is out of range (0, 1]",
        "poly epsilon -2              | poly epsilon = -2.0 is out of range [-1, ∞)",
        "class weights negative       | class weights[1] = -0.5 is out of range [0, ∞)",
        "sample weights negative      | weights[2] = -1.0 is out of range [0, ∞)",
        "sample weights wrong length  | weights has length 2 but 3 was expected",
        "softmax weights wrong length | sample weights has length 1 but 2 was expected",
        "class weights wrong length   | class weights has length 2 but 3 was expected",
        "qfl beta                     | beta = -1.0 is out of range [0, ∞)",
        "vfl alpha                    | alpha = -0.75 is out of range [0, ∞)",
        "normalized star              | the normalised focal loss needs a SigmoidFocalLoss, not FocalLossStar",
        "kornia with reduced          | soft-label rule SEPARATE_TERMS (kornia) has no single p_t: it cannot be combined with a reduced threshold or Poly-1",
        "distribution sum             | target distribution sums to 0.9 but the TRUE_CLASS convention needs a distribution that sums to 1",
    })
    void badInputGetsOneLineNamingTheValueAndTheRange(String what, String message) {
        double[] x3 = {0.1, 0.2, 0.3};
        Runnable r = switch (what.strip()) {
            case "sigmoid label smoothing 1.5" -> () -> SigmoidFocalLoss.builder().labelSmoothing(1.5).build();
            case "softmax label smoothing -0.1" -> () -> SoftmaxFocalLoss.builder().labelSmoothing(-0.1).build();
            case "positive weight -2" -> () -> SigmoidFocalLoss.builder().positiveWeight(-2).build();
            case "reduced threshold 0" -> () -> SigmoidFocalLoss.builder().reducedThreshold(0).build();
            case "poly epsilon -2" -> () -> SoftmaxFocalLoss.builder().polyEpsilon(-2).build();
            case "class weights negative" -> () -> SoftmaxFocalLoss.builder().classWeights(1, -0.5, 2).build();
            case "sample weights negative" -> () -> SigmoidBatch.builder().build().compute(x3, new double[] {1, 0, 1},
                    new double[] {1, 1, -1});
            case "sample weights wrong length" -> () -> SigmoidBatch.builder().build().compute(x3,
                    new double[] {1, 0, 1}, new double[] {1, 1});
            case "softmax weights wrong length" -> () -> SoftmaxBatch.builder().build().compute(
                    new double[] {1, 2, 3, 4}, new int[] {0, 1}, new double[] {1}, 2);
            case "class weights wrong length" -> () -> SoftmaxFocalLoss.builder().classWeights(1, 2).build().loss(x3, 0);
            case "qfl beta" -> () -> new QualityFocalLoss(-1);
            case "vfl alpha" -> () -> new VarifocalLoss(-0.75, 2, true);
            case "normalized star" -> () -> SigmoidBatch.builder().loss(new FocalLossStar(2, 1)).normalized().build();
            case "kornia with reduced" -> () -> SigmoidFocalLoss.builder()
                    .softLabelRule(BinarySoftLabelRule.SEPARATE_TERMS).reducedThreshold(0.5).build();
            case "distribution sum" -> () -> SoftmaxFocalLoss.defaults().evaluate(x3, new double[] {0.5, 0.3, 0.1});
            default -> throw new AssertionError(what);
        };
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, r::run);
        assertEquals(message.strip(), e.getMessage());
    }
}
