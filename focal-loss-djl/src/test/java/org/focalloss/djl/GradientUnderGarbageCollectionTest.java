package org.focalloss.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.focalloss.batch.Reduction;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The autograd gradient stays right when the JVM collects garbage and reuses the freed memory between the
 * forward pass and {@code backward}, as in a training loop. Regression test: DJL's {@code Number} overloads
 * ({@code x.mul(-gamma)}, {@code z.maximum(0)}, {@code sum.div(n)}) wrapped each constant in a tensor over a
 * Java direct buffer that the GC could free while autograd still held it; the gradient then read freed
 * memory (0.558 instead of 0.0654 in one of ~12 full test runs, 3 of 50 repetitions here) while the loss
 * was right. Each repetition: forward, {@code System.gc()}, direct buffers of the constants' sizes filled
 * with 1e6 (taking the freed blocks), backward; compared with focal-loss-core's exact double values at the
 * same float logits, tolerance as in {@link ReferenceCasesTest}.
 */
class GradientUnderGarbageCollectionTest {

    /** Repetitions per case; {@code -Dfocalloss.gc.repetitions=1000} for a longer soak. */
    static final int REPETITIONS = Integer.getInteger("focalloss.gc.repetitions", 25);
    static final int ROWS = 4;
    static final int CLASSES = 10;

    /** Collects garbage, lets the reference handler free unreachable direct buffers, then reuses that memory. */
    static void collectAndReuseFreedMemory() {
        System.gc();
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> reuse = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            for (int size : new int[] {4, 8, 8 * CLASSES}) {
                ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                while (b.remaining() >= 4) {
                    b.putFloat(1e6f);
                }
                reuse.add(b);
            }
        }
    }

    static Stream<Arguments> softmaxCases() {
        return Stream.of(
                Arguments.of("γ=2 SUM", DjlSoftmaxFocalLoss.builder().gamma(2).reduction(Reduction.SUM).build(),
                        new int[] {2, 0, 9, 5}),
                Arguments.of("γ=0.5 α=0.25 MEAN", DjlSoftmaxFocalLoss.builder().gamma(0.5).alpha(0.25).build(),
                        new int[] {2, 0, 9, 5}),
                Arguments.of("γ=2 per-class α MEAN ignore -100", DjlSoftmaxFocalLoss.builder().gamma(2)
                        .alphaPerClass(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0).ignoreIndex(-100).build(),
                        new int[] {2, 0, -100, 5}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softmaxCases")
    void softmaxGradientEqualsTheExactValuesWhenGarbageIsCollectedBeforeBackward(String name,
            DjlSoftmaxFocalLoss loss, int[] t) {
        Random random = new Random(20260901L);
        float[] z = new float[ROWS * CLASSES];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (3 * random.nextGaussian());
        }
        SoftmaxFocalLoss exact = loss.exact();
        int counted = 0;
        for (int label : t) {
            counted += label >= 0 ? 1 : 0;
        }
        double divisor = loss.reduction() == Reduction.MEAN ? counted : 1;
        double[] expected = new double[z.length];
        double expectedLoss = 0;
        double maxAbs = 0;
        for (int r = 0; r < ROWS; r++) {
            double[] row = new double[CLASSES];
            for (int j = 0; j < CLASSES; j++) {
                row[j] = z[r * CLASSES + j];
                maxAbs = Math.max(maxAbs, Math.abs(row[j]));
            }
            if (t[r] < 0) {
                continue;
            }
            expectedLoss += exact.loss(row, t[r]) / divisor;
            double[] g = exact.gradient(row, t[r]);
            for (int j = 0; j < CLASSES; j++) {
                expected[r * CLASSES + j] = g[j] / divisor;
            }
        }
        double tol = ReferenceCasesTest.REL * (1 + 2 * maxAbs * (1 + loss.gamma()));
        repeat(loss, z, new long[] {ROWS, CLASSES}, Djl.MANAGER.create(t), expectedLoss, expected, tol);
    }

    static Stream<Arguments> sigmoidCases() {
        return Stream.of(
                Arguments.of("γ=2 α=0.25 MEAN", DjlSigmoidFocalLoss.builder().gamma(2).alpha(0.25).build(), 0.25),
                Arguments.of("γ=0.5 no α SUM", DjlSigmoidFocalLoss.builder().gamma(0.5).noAlpha()
                        .reduction(Reduction.SUM).build(), -1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sigmoidCases")
    void sigmoidGradientEqualsTheExactValuesWhenGarbageIsCollectedBeforeBackward(String name,
            DjlSigmoidFocalLoss loss, double alpha) {
        Random random = new Random(20260902L);
        int n = 8;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (3 * random.nextGaussian());
            y[i] = i % 2;
        }
        SigmoidFocalLoss exact = alpha < 0 ? new SigmoidFocalLoss(loss.gamma(), 0.25, false)
                : new SigmoidFocalLoss(loss.gamma(), alpha, true);
        double divisor = loss.reduction() == Reduction.MEAN ? n : 1;
        double[] expected = new double[n];
        double expectedLoss = 0;
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            expectedLoss += exact.loss(x[i], (int) y[i]) / divisor;
            expected[i] = exact.gradient(x[i], (int) y[i]) / divisor;
            maxAbs = Math.max(maxAbs, Math.abs(x[i]));
        }
        double tol = ReferenceCasesTest.REL * (1 + maxAbs * (1 + loss.gamma()));
        repeat(loss, x, new long[] {n}, Djl.MANAGER.create(y), expectedLoss, expected, tol);
    }

    private static void repeat(Loss loss, float[] logits, long[] shape, NDArray labels, double expectedLoss,
            double[] expected, double tol) {
        double scale = 0;
        for (double g : expected) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int rep = 0; rep < REPETITIONS; rep++) {
            Djl.Eval e = Djl.evaluate(v -> loss.evaluate(new NDList(labels), new NDList(v)), logits, shape,
                    GradientUnderGarbageCollectionTest::collectAndReuseFreedMemory);
            int r = rep;
            assertTrue(Math.abs(e.loss() - expectedLoss) <= tol * Math.abs(expectedLoss) + ReferenceCasesTest.ABS,
                    () -> "repetition " + r + ": loss " + e.loss() + ", expected " + expectedLoss);
            for (int j = 0; j < expected.length; j++) {
                int k = j;
                // each partial within the tolerance of the largest one, as in ReferenceCasesTest
                assertTrue(Math.abs(e.grad()[j] - expected[j]) <= tol * scale + ReferenceCasesTest.ABS,
                        () -> "repetition " + r + ": gradient[" + k + "] = " + e.grad()[k] + ", expected "
                                + expected[k]);
            }
        }
    }
}
