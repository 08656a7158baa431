package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.focalloss.core.InvalidArgumentException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid input on the fast path (a non-finite logit, a sigmoid target outside [0, 1], a softmax target
 * outside [0, C)) is rejected with an InvalidArgumentException that names the offending index, wherever
 * it sits (vector body or tail, first or second thread's chunk); ignored elements are not checked.
 */
@Tag("fast-path")
class FastPathInvalidInputTest {

    private static final int N = 4099;

    static Stream<Arguments> sigmoidCases() {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (int index : new int[] {0, 37, 2500, N - 1}) {
            for (int threads : new int[] {1, 2}) {
                rows.add(Arguments.of("logit", Float.NaN, index, threads, "logits[" + index + "]"));
                rows.add(Arguments.of("logit", Float.POSITIVE_INFINITY, index, threads, "logits[" + index + "]"));
                rows.add(Arguments.of("logit", Float.NEGATIVE_INFINITY, index, threads, "logits[" + index + "]"));
                rows.add(Arguments.of("target", 1.5f, index, threads, "targets[" + index + "]"));
                rows.add(Arguments.of("target", -0.5f, index, threads, "targets[" + index + "]"));
                rows.add(Arguments.of("target", Float.NaN, index, threads, "targets[" + index + "]"));
            }
        }
        return rows.build();
    }

    @ParameterizedTest(name = "{0} = {1} at {2}, threads={3}")
    @MethodSource("sigmoidCases")
    void sigmoidRejectsInvalidElementNamingItsIndex(String which, float value, int index, int threads,
                                                    String expected) {
        float[] x = new float[N];
        float[] t = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (i % 7) - 3f;
            t[i] = i % 5 == 0 ? 1 : i % 11 == 0 ? 0.3f : 0;
        }
        if (which.equals("logit")) {
            x[index] = value;
        } else {
            t[index] = value;
        }
        SigmoidBatch fl = SigmoidBatch.builder().threads(threads).precision(Precision.FAST).build();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> fl.computeInto(x, t, new float[N], null));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static Stream<Arguments> softmaxCases() {
        Stream.Builder<Arguments> rows = Stream.builder();
        int classes = 8;
        for (int row : new int[] {0, 21, 300, N - 1}) {
            for (int threads : new int[] {1, 2}) {
                rows.add(Arguments.of(classes, row, -1, threads, "targets[" + row + "]"));
                rows.add(Arguments.of(classes, row, classes, threads, "targets[" + row + "]"));
                rows.add(Arguments.of(classes, row, Integer.MIN_VALUE, threads, "targets[" + row + "]"));
            }
        }
        return rows.build();
    }

    @ParameterizedTest(name = "C={0}: target {2} at row {1}, threads={3}")
    @MethodSource("softmaxCases")
    void softmaxRejectsTargetOutOfRangeNamingItsRow(int classes, int row, int target, int threads, String expected) {
        float[] z = new float[N * classes];
        int[] t = new int[N];
        for (int r = 0; r < N; r++) {
            t[r] = r % classes;
            for (int j = 0; j < classes; j++) {
                z[r * classes + j] = (r + j) % 5 - 2f;
            }
        }
        t[row] = target;
        SoftmaxBatch fl = SoftmaxBatch.builder().threads(threads).precision(Precision.FAST).build();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> fl.computeInto(z, t, classes, new float[N * classes], null));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static Stream<Arguments> softmaxLogitCases() {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (int row : new int[] {0, 21, N - 1}) {
            for (int column : new int[] {0, 3, 7}) {
                for (float value : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    rows.add(Arguments.of(row, column, value));
                }
            }
        }
        return rows.build();
    }

    @ParameterizedTest(name = "logit {2} at [{0}][{1}]")
    @MethodSource("softmaxLogitCases")
    void softmaxRejectsNonFiniteLogitNamingRowAndColumn(int row, int column, float value) {
        int classes = 8;
        float[] z = new float[N * classes];
        int[] t = new int[N];
        for (int r = 0; r < N; r++) {
            t[r] = (r * 3) % classes;
        }
        z[row * classes + column] = value;
        SoftmaxBatch fl = SoftmaxBatch.builder().threads(2).precision(Precision.FAST).build();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> fl.computeInto(z, t, classes, new float[N * classes], null));
        assertTrue(e.getMessage().contains("logits[" + row + "][" + column + "]"), e.getMessage());
    }

    @ParameterizedTest(name = "threads={0}")
    @MethodSource("threadCounts")
    void ignoredElementsAreNotCheckedAndGetZeroGradient(int threads) {
        float[] x = new float[N];
        float[] t = new float[N];
        Arrays.fill(t, 1f);
        x[100] = Float.NaN;
        t[100] = -1f;
        x[N - 1] = Float.POSITIVE_INFINITY;
        t[N - 1] = -1f;
        float[] grad = new float[N];
        SigmoidBatch.builder().ignoreLabel(-1).threads(threads).build().computeInto(x, t, grad, null);
        assertEquals(0f, grad[100]);
        assertEquals(0f, grad[N - 1]);

        int classes = 3;
        float[] z = new float[N * classes];
        int[] targets = new int[N];
        z[7 * classes + 1] = Float.NaN;
        targets[7] = -100;
        float[] g = new float[N * classes];
        Arrays.fill(g, 9f);
        SoftmaxBatch.builder().ignoreIndex(-100).threads(threads).build().computeInto(z, targets, classes, g, null);
        for (int j = 0; j < classes; j++) {
            assertEquals(0f, g[7 * classes + j]);
        }
    }

    static int[] threadCounts() {
        return new int[] {1, 2};
    }
}
