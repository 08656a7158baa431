package org.focalloss.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.focalloss.batch.Precision;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.PriorInitialization;
import org.focalloss.core.SigmoidFocalLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrainerTest {

    /** A tiny problem: n points, a third positive, random inputs. */
    private static double[] inputs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static float[] targets(int n) {
        float[] t = new float[n];
        for (int i = 0; i < n; i += 3) {
            t[i] = 1;
        }
        return t;
    }

    static Stream<Arguments> models() {
        TrainOptions.Builder exact = TrainOptions.builder().precision(Precision.EXACT);
        return Stream.of(
                Arguments.of("logistic regression, CE", new int[] {2, 1}, exact.crossEntropy().build()),
                Arguments.of("2-6-1, FL γ = 2 α = 0.25", new int[] {2, 6, 1}, exact.focal(2, 0.25).build()),
                Arguments.of("2-5-4-1, FL γ = 0.5 α = 0.75", new int[] {2, 5, 4, 1}, exact.focal(0.5, 0.75).build()),
                Arguments.of("2-3-3-3-1, α-CE, mean", new int[] {2, 3, 3, 3, 1},
                        exact.balancedCrossEntropy(0.75).normalization(TrainOptions.Normalization.MEAN).build()),
                Arguments.of("2-8-1, FL, expected positives", new int[] {2, 8, 1}, exact.focal(2, 0.25)
                        .normalization(TrainOptions.Normalization.EXPECTED_POSITIVES).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientMatchesCentralFiniteDifferences(String name, int[] sizes, TrainOptions options) {
        int n = 9;
        Mlp m = new Mlp(sizes).initialize(3, -1);
        double[] p = m.parameters();
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.5 * r.nextGaussian();   // larger output weights than the initial 0.01, so no gradient is ~0
        }
        double[] x = inputs(n, 5);
        float[] t = targets(n);
        double[] g = new double[p.length];
        Trainer.lossAndGradient(m, x, t, options, 0.2, g);
        double[] scratch = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            double saved = p[k];
            double h = 1e-6;
            p[k] = saved + h;
            double up = Trainer.lossAndGradient(m, x, t, options, 0.2, scratch);
            p[k] = saved - h;
            double down = Trainer.lossAndGradient(m, x, t, options, 0.2, scratch);
            p[k] = saved;
            double fd = (up - down) / (2 * h);
            assertEquals(fd, g[k], 1e-7 + 1e-6 * Math.abs(fd), name + ", parameter " + k);
        }
    }

    @Test
    void lossOfTheTinyModelIsTheSumOfPerPointFocalLossesOverThePositives() {
        Mlp m = new Mlp(2, 1).initialize(1, 0.3);
        double[] x = inputs(6, 2);
        float[] t = targets(6);   // positives at 0 and 3
        double[] z = m.logits(x);
        SigmoidFocalLoss fl = SigmoidFocalLoss.builder().gamma(2).alpha(0.25).build();
        double expected = 0;
        for (int i = 0; i < 6; i++) {
            expected += fl.loss(z[i], t[i]);
        }
        TrainOptions o = TrainOptions.builder().focal(2, 0.25).precision(Precision.EXACT).build();
        assertEquals(expected / 2, Trainer.lossAndGradient(m, x, t, o, 0.3, new double[m.parameterCount()]), 1e-12);
    }

    @Test
    void fastFloatKernelsGiveTheExactGradientToSinglePrecision() {
        Mlp m = new Mlp(2, 16, 1).initialize(4, PriorInitialization.bias(0.01));
        double[] x = inputs(300, 8);
        float[] t = targets(300);
        TrainOptions exact = TrainOptions.builder().focal(2, 0.25).precision(Precision.EXACT).build();
        TrainOptions fast = exact.toBuilder().precision(Precision.FAST).build();
        double[] ge = new double[m.parameterCount()];
        double[] gf = new double[m.parameterCount()];
        double le = Trainer.lossAndGradient(m, x, t, exact, 0.3, ge);
        double lf = Trainer.lossAndGradient(m, x, t, fast, 0.3, gf);
        assertEquals(le, lf, 1e-5 * le);
        double scale = Arrays.stream(ge).map(Math::abs).max().orElseThrow();
        for (int k = 0; k < ge.length; k++) {
            assertEquals(ge[k], gf[k], 1e-5 * scale, "parameter " + k);
        }
    }

    @Test
    void priorInitialisationSetsTheOutputBiasSoEveryPointStartsNearPi() {
        TrainOptions o = TrainOptions.builder().hidden(64).build();
        assertEquals(-Math.log(99), o.initialBias(), 1e-12);
        Mlp m = new Mlp(o.layerSizes()).initialize(1, o.initialBias());
        assertEquals(-Math.log(99), m.outputBias(), 1e-12);
        DetectionData.DataSet data = DetectionData.generate();
        double[] z = m.logits(Arrays.copyOf(data.test().x(), 20_000));
        double mean = Arrays.stream(z).map(v -> 1 / (1 + Math.exp(-v))).average().orElseThrow();
        // output weights start at N(0, 0.01²): p stays within a few percent of π = 0.01 everywhere
        assertEquals(0.01, mean, 0.001);
        for (double v : z) {
            assertEquals(o.initialBias(), v, 0.2);
        }
        assertEquals(0, TrainOptions.builder().noPrior().build().initialBias(), 0);
    }

    @Test
    void withoutThePriorTheEasyNegativesCarryAlmostAllTheInitialLoss() {
        // the same numbers PriorInitialization computes in closed form, from a real model on the real data
        DetectionData.DataSet data = DetectionData.generate();
        TrainOptions ce = TrainOptions.builder().crossEntropy().noPrior().precision(Precision.EXACT).build();
        Mlp m = new Mlp(ce.layerSizes()).initialize(1, ce.initialBias());
        double[] x = data.train().x();
        float[] t = data.train().target();
        double loss = Trainer.lossAndGradient(m, x, t, ce, 0.001, new double[m.parameterCount()]);
        PriorInitialization.InitialLoss closed = PriorInitialization.initialLoss(100_000, 100, 0,
                SigmoidFocalLoss.builder().gamma(0).noAlpha().build());
        assertEquals(closed.total(), loss, 0.02 * closed.total());
        assertTrue(closed.negativeShare() > 0.99);
    }

    @Test
    void trainingIsDeterministicForASeedAndDiffersAcrossSeeds() {
        DetectionData.DataSet data = DetectionData.generate(DetectionData.Config.defaults().withSize(5_000, 5_000)
                .withImbalance(0.01, 5));
        TrainOptions o = TrainOptions.builder().hidden(8).epochs(2).batchSize(256).build();
        Trainer.Result a = Trainer.train(data.train(), o);
        Trainer.Result b = Trainer.train(data.train(), o);
        assertArrayEquals(a.model().parameters(), b.model().parameters(), 0);
        assertArrayEquals(a.epochLoss(), b.epochLoss(), 0);
        Trainer.Result c = Trainer.train(data.train(), o.toBuilder().seed(2).build());
        assertFalse(Arrays.equals(a.model().parameters(), c.model().parameters()));
    }

    @Test
    void trainingLowersTheLossAndLearnsToRankPositivesAboveChance() {
        DetectionData.DataSet data = DetectionData.generate(DetectionData.Config.defaults().withSize(20_000, 20_000)
                .withImbalance(0.01, 5));
        Experiment.Run r = Experiment.run(data, TrainOptions.builder().hidden(32).epochs(8).batchSize(512).build());
        double[] loss = r.training().epochLoss();
        assertTrue(loss[loss.length - 1] < 0.7 * loss[0], Arrays.toString(loss));
        assertTrue(r.ap() > 2 * 0.01, "AP " + r.ap() + " against 0.01 for a random ranking");
    }

    @Test
    void optionsOutOfRangeGetOneLine() {
        assertEquals("gamma = -1.0 is out of range [0, ∞)", assertThrows(InvalidArgumentException.class,
                () -> TrainOptions.builder().gamma(-1).build()).getMessage());
        assertEquals("prior = 1.0 is out of range (0, 1)", assertThrows(InvalidArgumentException.class,
                () -> TrainOptions.builder().prior(1).build()).getMessage());
        assertEquals("epochs = 0 is out of range [1, ∞)", assertThrows(InvalidArgumentException.class,
                () -> TrainOptions.builder().epochs(0).build()).getMessage());
        assertThrows(InvalidArgumentException.class, () -> new Mlp(2, 4, 2));
    }

    @Test
    void lossNamesSayWhatWasTrained() {
        assertEquals("FL (γ = 2, α = 0.25)", TrainOptions.builder().build().lossName());
        assertEquals("α-CE (α = 0.75)", TrainOptions.builder().balancedCrossEntropy(0.75).build().lossName());
        assertEquals("CE, no prior", TrainOptions.builder().crossEntropy().noPrior().build().lossName());
    }
}
