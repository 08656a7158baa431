package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A million seeded random inputs through the fast path of this JVM (Vector API or scalar), in batches
 * with their own γ ∈ [0, 8] and α ∈ [0, 1]: logits up to ±1e4 on mixed scales, soft targets, 2 to 1,000
 * classes. Nothing may be NaN or infinite, no loss may be negative, and each softmax row's gradient must
 * sum to zero (Σ_j dFL/dz_j = 0 because the softmax is invariant to adding a constant to every logit).
 */
@Tag("fast-path")
class FastPathPropertyTest {

    private static final int INPUTS = 1_000_000;
    private static final long SEED = 0xFA57_F0CAL;

    private static void require(boolean ok, String what) {
        if (!ok) {
            fail(what);
        }
    }

    @Test
    void sigmoidFastPathIsFiniteAndNonNegativeOnAMillionInputs() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int done = 0;
        while (done < INPUTS) {
            int n = Math.min(INPUTS - done, 1 + rnd.nextInt(20_000));
            float[] x = new float[n];
            float[] t = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = FastPathFixtures.logit(rnd);
                t[i] = FastPathFixtures.target(rnd, true);
            }
            double gamma = rnd.nextDouble(0, 8);
            double alpha = rnd.nextDouble();
            SigmoidBatch.Builder b = SigmoidBatch.builder().gamma(gamma).reduction(Reduction.SUM)
                    .threads(1 + rnd.nextInt(2));
            if (rnd.nextBoolean()) {
                b.alpha(alpha);
            } else {
                b.noAlpha();
            }
            FloatBatchResult r = b.build().compute(x, t);
            String batch = " (batch of " + n + ", gamma=" + gamma + ", alpha=" + alpha + ")";
            require(Double.isFinite(r.loss()) && r.loss() >= 0, "reduced loss " + r.loss() + batch);
            for (int i = 0; i < n; i++) {
                float l = r.losses()[i];
                float g = r.gradient()[i];
                require(Float.isFinite(l) && l >= 0, "loss " + l + " at x=" + x[i] + " t=" + t[i] + batch);
                require(Float.isFinite(g), "gradient " + g + " at x=" + x[i] + " t=" + t[i] + batch);
            }
            done += n;
        }
    }

    @Test
    void softmaxFastPathIsFiniteNonNegativeAndRowGradientsSumToZeroOnAMillionInputs() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        int done = 0;
        while (done < INPUTS) {
            int classes = 2 + rnd.nextInt(999);
            int rows = Math.max(1, Math.min((INPUTS - done) / classes, 1 + rnd.nextInt(40_000 / classes + 1)));
            float[] z = new float[rows * classes];
            int[] t = new int[rows];
            for (int r = 0; r < rows; r++) {
                double scale = new double[] {1, 10, 100, 1e4}[rnd.nextInt(4)];
                for (int j = 0; j < classes; j++) {
                    z[r * classes + j] = (float) rnd.nextDouble(-scale, scale);
                }
                t[r] = rnd.nextInt(classes);
            }
            double gamma = rnd.nextDouble(0, 8);
            double[] alpha = new double[classes];
            for (int j = 0; j < classes; j++) {
                alpha[j] = rnd.nextDouble();
            }
            FloatBatchResult res = SoftmaxBatch.builder().gamma(gamma).alphaPerClass(alpha).reduction(Reduction.SUM)
                    .threads(1 + rnd.nextInt(2)).build().compute(z, t, classes);
            String batch = " (" + rows + " rows × " + classes + " classes, gamma=" + gamma + ")";
            require(Double.isFinite(res.loss()) && res.loss() >= 0, "reduced loss " + res.loss() + batch);
            for (int r = 0; r < rows; r++) {
                float l = res.losses()[r];
                require(Float.isFinite(l) && l >= 0, "loss " + l + " of row " + r + batch);
                double sum = 0;
                double abs = 0;
                for (int j = 0; j < classes; j++) {
                    float g = res.gradient()[r * classes + j];
                    require(Float.isFinite(g), "gradient " + g + " in row " + r + batch);
                    sum += g;
                    abs += Math.abs(g);
                }
                // Each term carries a few float roundings; the row sum cancels to that level.
                require(Math.abs(sum) <= 1e-5 * abs, "row " + r + " gradient sums to " + sum + " (Σ|g| = " + abs
                        + ", row " + Arrays.toString(Arrays.copyOfRange(z, r * classes,
                        r * classes + Math.min(classes, 8))) + "…, target " + t[r] + ")" + batch);
            }
            done += rows * classes;
        }
    }
}
