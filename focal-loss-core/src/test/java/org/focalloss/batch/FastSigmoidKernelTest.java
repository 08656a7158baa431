package org.focalloss.batch;

import static org.focalloss.batch.FastPathFixtures.ABS;
import static org.focalloss.batch.FastPathFixtures.REL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.focalloss.core.SigmoidFocalLoss;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-precision sigmoid kernels (scalar, and Vector API when its module is present) agree with the
 * exact double formulas to within 1e-5 relative / 1e-7 absolute, per element and summed, for hard and
 * soft targets, α on and off, ignore labels, γ from 0 to 7.3, every reduction, one and two threads, and
 * ranges whose lengths are not multiples of the vector width.
 */
@Tag("fast-path")
class FastSigmoidKernelTest {

    private static final float IGNORE = -1f;
    private static final double ALPHA = 0.25;

    static Stream<Arguments> kernelTable() {
        List<Arguments> rows = new ArrayList<>();
        for (FastKernels k : FastPathFixtures.kernels()) {
            for (double gamma : new double[] {0, 0.5, 1, 2, 3, 5, 7.3}) {
                for (boolean weighted : new boolean[] {true, false}) {
                    for (boolean soft : new boolean[] {false, true}) {
                        for (boolean ignore : new boolean[] {false, true}) {
                            rows.add(Arguments.of(Named.of(k.name(), k), gamma, weighted, soft, ignore));
                        }
                    }
                }
            }
        }
        return rows.stream();
    }

    /** Logits, targets (soft or hard, 10% ignore labels when asked, with a NaN logit on some of them). */
    private static float[][] data(int n, boolean soft, boolean ignore, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = FastPathFixtures.logit(rnd);
            t[i] = FastPathFixtures.target(rnd, soft);
            if (ignore && rnd.nextInt(10) == 0) {
                t[i] = IGNORE;
                if (rnd.nextBoolean()) {
                    x[i] = Float.NaN;     // ignored elements are not checked, as in the exact path
                }
            }
        }
        return new float[][] {x, t};
    }

    @ParameterizedTest(name = "{0}: gamma={1} alpha={2} soft={3} ignore={4}")
    @MethodSource("kernelTable")
    void kernelMatchesExactLossAndGradientPerElement(FastKernels kernel, double gamma, boolean weighted, boolean soft,
                                                     boolean ignore) {
        int n = 4099;
        float[][] d = data(n, soft, ignore, 11 + Double.hashCode(gamma) * 31L + (weighted ? 1 : 0) + (soft ? 2 : 0));
        float[] x = d[0];
        float[] t = d[1];
        float[] grad = new float[n];
        float[] loss = new float[n];
        float scale = 1f / 3;
        double sum = kernel.sigmoid(x, t, 0, n, (float) gamma, weighted ? (float) ALPHA : 1f, weighted ? (float) (1 - ALPHA) : 1f, ignore, IGNORE, scale, grad,
                loss);

        SigmoidFocalLoss exact = new SigmoidFocalLoss(gamma, ALPHA, weighted);
        FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        double exactSum = 0;
        for (int i = 0; i < n; i++) {
            if (ignore && t[i] == IGNORE) {
                assertEquals(0f, loss[i], "loss of ignored element " + i);
                assertEquals(0f, grad[i], "gradient of ignored element " + i);
                continue;
            }
            SigmoidFocalLoss.Terms e = exact.evaluate(x[i], t[i]);
            exactSum += e.loss();
            String at = "x=" + x[i] + " t=" + t[i];
            worst.check(loss[i], e.loss(), 1, "loss " + at);
            worst.check(grad[i], e.gradient() * scale, scale, "gradient " + at);
        }
        worst.check(sum, exactSum, n, "sum");
        assertTrue(worst.ok(), worst::toString);
    }

    static Stream<Arguments> ranges() {
        List<Arguments> rows = new ArrayList<>();
        int[][] ranges = {{0, 1}, {0, 15}, {0, 16}, {0, 17}, {3, 20}, {5, 38}, {0, 513}, {7, 1_000_003}};
        for (FastKernels k : FastPathFixtures.kernels()) {
            for (int[] r : ranges) {
                rows.add(Arguments.of(Named.of(k.name(), k), r[0], r[1]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: [{1}, {2})")
    @MethodSource("ranges")
    void kernelCoversExactlyItsRangeIncludingTails(FastKernels kernel, int from, int to) {
        int n = to + 3;
        float[][] d = data(n, true, true, from * 7919L + to);
        float[] x = d[0];
        float[] t = d[1];
        float[] grad = new float[n];
        float[] loss = new float[n];
        Arrays.fill(grad, 42f);
        Arrays.fill(loss, 42f);
        double sum = kernel.sigmoid(x, t, from, to, 2f, 0.25f, 0.75f, true, IGNORE, 1f, grad, loss);

        SigmoidFocalLoss exact = new SigmoidFocalLoss(2, 0.25, true);
        FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        double exactSum = 0;
        for (int i = 0; i < n; i++) {
            if (i < from || i >= to) {
                assertEquals(42f, grad[i], "gradient outside the range written at " + i);
                assertEquals(42f, loss[i], "loss outside the range written at " + i);
            } else if (t[i] != IGNORE) {
                SigmoidFocalLoss.Terms e = exact.evaluate(x[i], t[i]);
                exactSum += e.loss();
                worst.check(loss[i], e.loss(), 1, "loss at " + i);
                worst.check(grad[i], e.gradient(), 1, "gradient at " + i);
            }
        }
        worst.check(sum, exactSum, to - from, "sum");
        assertTrue(worst.ok(), worst::toString);
    }

    static Stream<Arguments> batchTable() {
        List<Arguments> rows = new ArrayList<>();
        for (int n : new int[] {1, 15, 17, 4099, 1_000_003}) {
            for (Reduction reduction : Reduction.values()) {
                for (int threads : new int[] {1, 2}) {
                    rows.add(Arguments.of(n, reduction, threads));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "n={0} {1} threads={2}")
    @MethodSource("batchTable")
    void fastBatchMatchesExactBatch(int n, Reduction reduction, int threads) {
        float[][] d = data(n, true, true, n * 31L + reduction.ordinal());
        SigmoidBatch.Builder b = SigmoidBatch.builder().gamma(2).alpha(ALPHA).reduction(reduction).ignoreLabel(IGNORE)
                .threads(threads);
        FloatBatchResult fast = b.precision(Precision.FAST).build().compute(d[0], d[1]);
        FloatBatchResult exact = b.precision(Precision.EXACT).build().compute(d[0], d[1]);

        assertEquals(exact.divisor(), fast.divisor());
        double scale = 1 / exact.divisor();
        FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        worst.check(fast.loss(), exact.loss(), reduction == Reduction.NONE || reduction == Reduction.SUM ? n : 1,
                "reduced loss");
        for (int i = 0; i < n; i++) {
            worst.check(fast.losses()[i], exact.losses()[i], 1, "loss at " + i);
            worst.check(fast.gradient()[i], exact.gradient()[i], scale, "gradient at " + i);
        }
        assertTrue(worst.ok(), worst::toString);
    }

    @ParameterizedTest(name = "gamma={0}")
    @MethodSource("gammas")
    void fastBatchWithoutAlphaMatchesExactBatch(double gamma) {
        int n = 10_007;
        float[][] d = data(n, true, false, 5);
        SigmoidBatch.Builder b = SigmoidBatch.builder().gamma(gamma).noAlpha().reduction(Reduction.MEAN).threads(2);
        FloatBatchResult fast = b.precision(Precision.FAST).build().compute(d[0], d[1]);
        FloatBatchResult exact = b.precision(Precision.EXACT).build().compute(d[0], d[1]);
        FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        worst.check(fast.loss(), exact.loss(), 1, "reduced loss");
        for (int i = 0; i < n; i++) {
            worst.check(fast.gradient()[i], exact.gradient()[i], 1.0 / n, "gradient at " + i);
        }
        assertTrue(worst.ok(), worst::toString);
    }

    static double[] gammas() {
        return new double[] {0, 0.5, 1, 2, 3, 5, 7.3};
    }
}
