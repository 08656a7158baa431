package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Saturated logits (±1e4, ±100, ±88 — where float exp under- or overflows — around them, and ±1e30) give finite
 * losses and gradients on the fast path for every γ including γ &lt; 1, with hard and soft targets, and
 * still agree with the exact path.
 */
@Tag("fast-path")
class FastPathExtremesTest {

    private static final float[] LOGITS = {1e4f, -1e4f, 100f, -100f, 88f, -88f, 87.5f, -87.5f, 104f, -104f,
        30f, -30f, 17f, -17f, 1e-3f, -1e-3f, 0f, -0f, 1e30f, -1e30f, Float.MIN_VALUE};
    private static final float[] TARGETS = {0f, 1f, 0.5f, 0.01f, 0.99f, 1e-30f, Float.MIN_VALUE, 0.99999994f};

    static Stream<Arguments> cases() {
        List<Arguments> rows = new ArrayList<>();
        for (FastKernels k : FastPathFixtures.kernels()) {
            for (double gamma : new double[] {0, 0.5, 1, 2, 5}) {
                rows.add(Arguments.of(Named.of(k.name(), k), gamma));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: gamma={1}")
    @MethodSource("cases")
    void sigmoidStaysFiniteAndExactAtSaturatedLogits(FastKernels kernel, double gamma) {
        // Every logit with every target, repeated so that both the vector body and the tail see them.
        int pairs = LOGITS.length * TARGETS.length;
        int n = 3 * pairs + 5;
        float[] x = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = LOGITS[i % LOGITS.length];
            t[i] = TARGETS[(i / LOGITS.length) % TARGETS.length];
        }
        float[] grad = new float[n];
        float[] loss = new float[n];
        double sum = kernel.sigmoid(x, t, 0, n, (float) gamma, 0.25f, 0.75f, false, -1f, 1f, grad, loss);
        assertTrue(Double.isFinite(sum), "sum " + sum);
        SigmoidFocalLoss exact = new SigmoidFocalLoss(gamma, 0.25, true);
        FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
        for (int i = 0; i < n; i++) {
            String at = "x=" + x[i] + " t=" + t[i];
            assertTrue(Float.isFinite(loss[i]) && loss[i] >= 0, "loss " + loss[i] + " at " + at);
            assertTrue(Float.isFinite(grad[i]), "gradient " + grad[i] + " at " + at);
            SigmoidFocalLoss.Terms e = exact.evaluate(x[i], t[i]);
            worst.check(loss[i], e.loss(), 1, "loss " + at);
            worst.check(grad[i], e.gradient(), 1, "gradient " + at);
        }
        assertTrue(worst.ok(), worst::toString);
    }

    @ParameterizedTest(name = "{0}: gamma={1}")
    @MethodSource("cases")
    void softmaxStaysFiniteAndExactAtSaturatedLogits(FastKernels kernel, double gamma) {
        float[] big = {1e4f, 100f, 88f, 30f};
        List<float[]> rowList = new ArrayList<>();
        List<Integer> targetList = new ArrayList<>();
        for (int classes : new int[] {2, 3, 8}) {
            for (float b : big) {
                for (int target = 0; target < classes; target++) {
                    for (int shape = 0; shape < 4; shape++) {
                        float[] row = new float[classes];
                        for (int j = 0; j < classes; j++) {
                            row[j] = switch (shape) {
                                case 0 -> j == 0 ? b : -b;            // one class far ahead
                                case 1 -> j == classes - 1 ? -b : b;  // one class far behind
                                case 2 -> (j % 2 == 0 ? b : -b);      // alternating extremes
                                default -> b;                          // all equal and large
                            };
                        }
                        rowList.add(row);
                        targetList.add(target);
                    }
                }
            }
        }
        // One batch per class count, each long enough for full vector blocks.
        for (int classes : new int[] {2, 3, 8}) {
            List<float[]> rows = new ArrayList<>();
            List<Integer> targets = new ArrayList<>();
            for (int r = 0; r < rowList.size(); r++) {
                if (rowList.get(r).length == classes) {
                    rows.add(rowList.get(r));
                    targets.add(targetList.get(r));
                }
            }
            int n = rows.size() * 2 + 3;
            float[] z = new float[n * classes];
            int[] t = new int[n];
            for (int r = 0; r < n; r++) {
                System.arraycopy(rows.get(r % rows.size()), 0, z, r * classes, classes);
                t[r] = targets.get(r % rows.size());
            }
            float[] alpha = new float[classes];
            java.util.Arrays.fill(alpha, 0.25f);
            float[] grad = new float[n * classes];
            float[] loss = new float[n];
            double sum = kernel.softmax(z, t, classes, 0, n, (float) gamma, alpha, false, -100, 1f, grad, loss);
            assertTrue(Double.isFinite(sum), "sum " + sum);
            FastPathFixtures.Worst worst = new FastPathFixtures.Worst();
            double[] row = new double[classes];
            double[] g = new double[classes];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < classes; j++) {
                    row[j] = z[r * classes + j];
                }
                String at = java.util.Arrays.toString(row) + " t=" + t[r];
                assertTrue(Float.isFinite(loss[r]) && loss[r] >= 0, "loss " + loss[r] + " at " + at);
                double e = SoftmaxFocalLoss.evaluateInto(row, 0, classes, t[r], gamma, 0.25, null, 0, g, 0, null);
                worst.check(loss[r], e, 1, "loss " + at);
                for (int j = 0; j < classes; j++) {
                    assertTrue(Float.isFinite(grad[r * classes + j]), "gradient at " + at);
                    worst.check(grad[r * classes + j], g[j], 1, "gradient[" + j + "] " + at);
                }
            }
            assertTrue(worst.ok(), worst::toString);
        }
    }
}
