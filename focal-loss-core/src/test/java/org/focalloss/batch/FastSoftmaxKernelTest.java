package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-precision softmax kernels agree with the exact double algorithm (log-sum-exp, 1 − p_t from
 * the other classes) to within 1e-5 relative / 1e-7 absolute for 1 to 1,000 classes, γ from 0 to 7.3,
 * per-class α, ignored rows, every reduction, one and two threads, and row counts that leave tails.
 */
@Tag("fast-path")
class FastSoftmaxKernelTest {

    private static final int IGNORE = -100;

    static Stream<Arguments> kernelTable() {
        List<Arguments> rows = new ArrayList<>();
        for (FastKernels k : FastPathFixtures.kernels()) {
            for (double gamma : new double[] {0, 0.5, 1, 2, 3, 5, 7.3}) {
                for (int classes : new int[] {1, 2, 3, 8, 16, 17, 21, 31, 47, 100, 1000}) {
                    for (boolean ignore : new boolean[] {false, true}) {
                        rows.add(Arguments.of(Named.of(k.name(), k), gamma, classes, ignore));
                    }
                }
            }
        }
        return rows.stream();
    }

    /** Row-major logits and targets; ignored rows (10% when asked) get a NaN logit half of the time. */
    private static Object[] data(int rows, int classes, boolean ignore, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] z = new float[rows * classes];
        int[] t = new int[rows];
        for (int r = 0; r < rows; r++) {
            // Each row on its own scale, so some rows are saturated and some are close calls.
            double scale = new double[] {0.5, 3, 30, 1e4}[rnd.nextInt(4)];
            for (int j = 0; j < classes; j++) {
                z[r * classes + j] = (float) (rnd.nextGaussian() * scale);
            }
            t[r] = rnd.nextInt(classes);
            if (ignore && rnd.nextInt(10) == 0) {
                t[r] = IGNORE;
                if (rnd.nextBoolean()) {
                    z[r * classes + rnd.nextInt(classes)] = Float.NaN;
                }
            }
        }
        return new Object[] {z, t};
    }

    private static float[] alphas(int classes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[classes];
        for (int j = 0; j < classes; j++) {
            a[j] = (float) rnd.nextDouble();
        }
        return a;
    }

    @ParameterizedTest(name = "{0}: gamma={1} C={2} ignore={3}")
    @MethodSource("kernelTable")
    void kernelMatchesExactLossAndGradientPerRow(FastKernels kernel, double gamma, int classes, boolean ignore) {
        int rows = classes >= 100 ? 67 : 1003;
        Object[] d = data(rows, classes, ignore, classes * 131L + Double.hashCode(gamma));
        float[] z = (float[]) d[0];
        int[] t = (int[]) d[1];
        float[] alpha = alphas(classes, classes);
        float[] grad = new float[rows * classes];
        float[] loss = new float[rows];
        float scale = 1f / 3;
        double sum = kernel.softmax(z, t, classes, 0, rows, (float) gamma, alpha, ignore, IGNORE, scale, grad, loss);

        FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        double[] row = new double[classes];
        double[] g = new double[classes];
        double exactSum = 0;
        for (int r = 0; r < rows; r++) {
            if (t[r] == IGNORE) {
                assertEquals(0f, loss[r], "loss of ignored row " + r);
                for (int j = 0; j < classes; j++) {
                    assertEquals(0f, grad[r * classes + j], "gradient of ignored row " + r);
                }
                continue;
            }
            for (int j = 0; j < classes; j++) {
                row[j] = z[r * classes + j];
            }
            double e = SoftmaxFocalLoss.evaluateInto(row, 0, classes, t[r], gamma, alpha[t[r]], null, 0, g, 0, null);
            exactSum += e;
            worst.check(loss[r], e, 1, "loss of row " + r);
            for (int j = 0; j < classes; j++) {
                worst.check(grad[r * classes + j], g[j] * scale, scale, "gradient[" + r + "][" + j + "]");
            }
        }
        worst.check(sum, exactSum, rows, "sum");
        assertTrue(worst.ok(), worst::toString);
    }

    static Stream<Arguments> ranges() {
        List<Arguments> rows = new ArrayList<>();
        int[][] ranges = {{0, 1}, {0, 15}, {0, 16}, {0, 17}, {3, 20}, {5, 70}, {1, 100_003}};
        for (FastKernels k : FastPathFixtures.kernels()) {
            for (int classes : new int[] {2, 8, 21, 40}) {
                for (int[] r : ranges) {
                    if (classes * (long) r[1] <= 1_000_000) {
                        rows.add(Arguments.of(Named.of(k.name(), k), classes, r[0], r[1]));
                    }
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: C={1}, rows [{2}, {3})")
    @MethodSource("ranges")
    void kernelCoversExactlyItsRowsIncludingTails(FastKernels kernel, int classes, int from, int to) {
        int rows = to + 2;
        Object[] d = data(rows, classes, true, from * 17L + to);
        float[] z = (float[]) d[0];
        int[] t = (int[]) d[1];
        float[] alpha = new float[classes];
        Arrays.fill(alpha, 0.25f);
        float[] grad = new float[rows * classes];
        float[] loss = new float[rows];
        Arrays.fill(grad, 42f);
        Arrays.fill(loss, 42f);
        double sum = kernel.softmax(z, t, classes, from, to, 2f, alpha, true, IGNORE, 1f, grad, loss);

        FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        double[] row = new double[classes];
        double[] g = new double[classes];
        double exactSum = 0;
        for (int r = 0; r < rows; r++) {
            if (r < from || r >= to) {
                assertEquals(42f, loss[r], "loss outside the rows written at " + r);
                for (int j = 0; j < classes; j++) {
                    assertEquals(42f, grad[r * classes + j], "gradient outside the rows written at " + r);
                }
            } else if (t[r] != IGNORE) {
                for (int j = 0; j < classes; j++) {
                    row[j] = z[r * classes + j];
                }
                double e = SoftmaxFocalLoss.evaluateInto(row, 0, classes, t[r], 2, 0.25, null, 0, g, 0, null);
                exactSum += e;
                worst.check(loss[r], e, 1, "loss of row " + r);
                for (int j = 0; j < classes; j++) {
                    worst.check(grad[r * classes + j], g[j], 1, "gradient[" + r + "][" + j + "]");
                }
            }
        }
        worst.check(sum, exactSum, to - from, "sum");
        assertTrue(worst.ok(), worst::toString);
    }

    static Stream<Arguments> invalidTable() {
        List<Arguments> rows = new ArrayList<>();
        for (FastKernels k : FastPathFixtures.kernels()) {
            for (int classes : new int[] {2, 3, 8, 21, 32, 40, 150}) {
                for (String where : new String[] {"first", "target", "middle", "last"}) {
                    for (float value : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                        rows.add(Arguments.of(Named.of(k.name(), k), classes, where, value));
                    }
                }
                rows.add(Arguments.of(Named.of(k.name(), k), classes, "target index", -1f));
                rows.add(Arguments.of(Named.of(k.name(), k), classes, "target index", (float) classes));
            }
        }
        return rows.stream();
    }

    /**
     * The kernels' contract on invalid input: NaN, so that the caller recomputes the range exactly and names
     * the element. A non-finite logit anywhere in a row (first class, the target, the middle, the last class:
     * for C = 40 and 150 the last one is in the overlapping tail vector) and a target outside [0, C).
     */
    @ParameterizedTest(name = "{0}: C={1}, {2} = {3}")
    @MethodSource("invalidTable")
    void kernelReturnsNaNForANonFiniteLogitOrATargetOutOfRange(FastKernels kernel, int classes, String where,
                                                               float value) {
        int rows = 67;
        int bad = 37;
        Object[] d = data(rows, classes, false, classes * 7L + where.hashCode());
        float[] z = (float[]) d[0];
        int[] t = (int[]) d[1];
        int column = switch (where) {
            case "first" -> 0;
            case "target" -> t[bad];
            case "middle" -> classes / 2;
            default -> classes - 1;
        };
        if (where.equals("target index")) {
            t[bad] = (int) value;
        } else {
            z[bad * classes + column] = value;
        }
        float[] alpha = new float[classes];
        Arrays.fill(alpha, 0.25f);
        double sum = kernel.softmax(z, t, classes, 0, rows, 2f, alpha, false, IGNORE, 1f, new float[rows * classes],
                new float[rows]);
        assertTrue(Double.isNaN(sum), () -> "sum " + sum + " for " + where + " = " + value);
    }

    static Stream<Arguments> batchTable() {
        List<Arguments> rows = new ArrayList<>();
        for (int n : new int[] {1, 15, 17, 1003, 100_003}) {
            for (Reduction reduction : Reduction.values()) {
                for (int threads : new int[] {1, 2}) {
                    rows.add(Arguments.of(n, reduction, threads));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "rows={0} {1} threads={2}")
    @MethodSource("batchTable")
    void fastBatchMatchesExactBatch(int rows, Reduction reduction, int threads) {
        int classes = 8;
        Object[] d = data(rows, classes, true, rows * 7L + reduction.ordinal());
        float[] z = (float[]) d[0];
        int[] t = (int[]) d[1];
        SoftmaxBatch.Builder b = SoftmaxBatch.builder().gamma(2).alpha(0.25).reduction(reduction)
                .ignoreIndex(IGNORE).backgroundClass(0).threads(threads);
        FloatBatchResult fast = b.precision(Precision.FAST).build().compute(z, t, classes);
        FloatBatchResult exact = b.precision(Precision.EXACT).build().compute(z, t, classes);

        assertEquals(exact.divisor(), fast.divisor());
        double scale = 1 / exact.divisor();
        FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        worst.check(fast.loss(), exact.loss(), reduction == Reduction.NONE || reduction == Reduction.SUM ? rows : 1,
                "reduced loss");
        for (int r = 0; r < rows; r++) {
            worst.check(fast.losses()[r], exact.losses()[r], 1, "loss of row " + r);
        }
        for (int i = 0; i < rows * classes; i++) {
            worst.check(fast.gradient()[i], exact.gradient()[i], scale, "gradient at " + i);
        }
        assertTrue(worst.ok(), worst::toString);
    }

    @ParameterizedTest(name = "gamma={0}")
    @MethodSource("org.focalloss.batch.FastSigmoidKernelTest#gammas")
    void fastBatchWithPerClassAlphaMatchesExactBatch(double gamma) {
        int rows = 4001;
        int classes = 5;
        Object[] d = data(rows, classes, false, 99);
        SoftmaxBatch.Builder b = SoftmaxBatch.builder().gamma(gamma).alphaPerClass(0.1, 0.2, 0.3, 0.9, 1.0)
                .reduction(Reduction.MEAN).threads(2);
        FloatBatchResult fast = b.precision(Precision.FAST).build().compute((float[]) d[0], (int[]) d[1], classes);
        FloatBatchResult exact = b.precision(Precision.EXACT).build().compute((float[]) d[0], (int[]) d[1], classes);
        FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        worst.check(fast.loss(), exact.loss(), 1, "reduced loss");
        for (int i = 0; i < rows * classes; i++) {
            worst.check(fast.gradient()[i], exact.gradient()[i], 1.0 / rows, "gradient at " + i);
        }
        assertTrue(worst.ok(), worst::toString);
    }
}
