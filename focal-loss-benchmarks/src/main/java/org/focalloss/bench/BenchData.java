package org.focalloss.bench;

import java.util.SplittableRandom;
import org.focalloss.batch.SigmoidBatch;

/** Seeded inputs shared by the benchmarks, and the fork check that the intended kernels are active. */
final class BenchData {

    /** RetinaNet-like sigmoid problem: 100,000 anchors × 80 classes. */
    static final int SIGMOID_ROWS = 100_000;
    static final int SIGMOID_CLASSES = 80;
    static final int SIGMOID_ELEMENTS = SIGMOID_ROWS * SIGMOID_CLASSES;

    /** Softmax problem: 8,000,000 logits, as (8,000,000 / C) rows × C classes. */
    static final int SOFTMAX_ELEMENTS = 8_000_000;

    private BenchData() {
    }

    /** Logits ~ N(0, 2²). */
    static float[] logits(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * rnd.nextGaussian());
        }
        return x;
    }

    /** Hard 0/1 targets with about 1% positives, as for dense detection. */
    static float[] sparseTargets(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(100) == 0 ? 1f : 0f;
        }
        return t;
    }

    /**
     * The softmax benchmarks' problem at C classes, the same for every kernel and for the copy ceiling:
     * SOFTMAX_ELEMENTS / C rows of logits (seed 3), their class targets (seed 4) and a gradient buffer.
     */
    record SoftmaxProblem(float[] logits, int[] targets, float[] grad) {
        static SoftmaxProblem of(int classes) {
            return of(classes, SOFTMAX_ELEMENTS);
        }

        /** As {@link #of(int)} with about {@code logits} logits: logits / C rows. */
        static SoftmaxProblem of(int classes, int logits) {
            int rows = logits / classes;
            return new SoftmaxProblem(BenchData.logits(rows * classes, 3), classTargets(rows, classes, 4),
                    new float[rows * classes]);
        }
    }

    /** Class indices uniform in [0, classes). */
    static int[] classTargets(int rows, int classes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] t = new int[rows];
        for (int r = 0; r < rows; r++) {
            t[r] = rnd.nextInt(classes);
        }
        return t;
    }

    /**
     * Fails the fork loudly when the fast path is not the one the benchmark claims to measure (for example
     * a "scalar" fork that inherited {@code --add-modules jdk.incubator.vector} from the host JVM).
     */
    static void requireKernels(boolean vector) {
        if (vector && !SigmoidBatch.awaitVectorKernels(java.time.Duration.ofMinutes(5))) {
            throw new IllegalStateException("the vector kernels did not finish their warm-up");
        }
        checkKernels(vector);
    }

    /** As {@link #requireKernels} without waiting for the vector warm-up: for cold-call benchmarks. */
    static void checkKernels(boolean vector) {
        String active = SigmoidBatch.fastPath();
        if (vector != active.startsWith("vector")) {
            throw new IllegalStateException("this benchmark measures the " + (vector ? "vector" : "scalar")
                    + " kernels but the fork runs \"" + active + "\": check the fork's JVM arguments"
                    + (vector ? " (--add-modules=jdk.incubator.vector)" : " (it must not add jdk.incubator.vector)"));
        }
    }
}
