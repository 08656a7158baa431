package org.focalloss.batch;

/**
 * The Vector API kernels behind a warm-up, so that the first call in a fresh JVM is not slower than the
 * scalar fallback. Vector API code runs fast only once C2 has compiled it; interpreted or C1-compiled it
 * boxes every vector (measured here: 0.005 M elements/s interpreted, 0.3 M/s in C1, against 8–12 M/s for
 * the scalar loops at the same tiers), so a cold call that starts on the vector kernels spends seconds
 * before the JIT catches up. Instead the scalar kernels serve every call until a {@link WarmUp} thread,
 * one per kernel, has run the vector kernels on one vector's worth of synthetic data (hard and soft
 * sigmoid targets, integer and general γ, an ignore label; a softmax block) until they run C2 code; from
 * then on every call (and every tile of a running call, see {@link FastPass}) uses the vector kernels.
 *
 * <p>The warm-up starts when a call returns ({@link #passDone}), once the scalar kernels have served
 * {@link WarmUp#WARM_UP_AFTER} elements in all and a processor is idle ({@link #spareProcessor}), and it
 * pauses between its slow rounds ({@link WarmUp#IDLE_PER_BUSY}); {@link SigmoidBatch#awaitVectorKernels}
 * starts it at once and without pauses. So a call never shares the machine with the warm-up it would
 * trigger: a one-shot program's single call runs as on the scalar path, and a loop of calls switches
 * about 3 s (measured, 1M-element calls back to back on two processors) after the threshold. If the
 * rounds never get fast (a JVM without C2, e.g. {@code -XX:TieredStopAtLevel=1}) the warm-up gives up
 * after {@link WarmUp#GIVE_UP_NANOS} and the scalar kernels stay, which are the faster ones there. On a
 * one-processor machine the warm-up thread would only compete with the caller, so the vector kernels are
 * used at once.
 */
final class WarmingKernels implements FastKernels {

    /** When the system load was last read (nanoTime), and whether a processor was idle then. */
    private static volatile long loadCheckedAt = Long.MIN_VALUE;
    private static volatile boolean spare = true;

    /**
     * Whether a processor is likely idle, from the 1-minute load average in /proc/loadavg (read at most once
     * a second; true where it cannot be read). A warm-up thread on a machine without an idle processor only
     * takes time from the caller (the scheduler shares a session's CPU among its threads), so there the scalar
     * kernels keep serving and the first call stays as fast as on the scalar path.
     */
    static boolean spareProcessor() {
        long now = System.nanoTime();
        if (now - loadCheckedAt > 1_000_000_000L || loadCheckedAt == Long.MIN_VALUE) {
            loadCheckedAt = now;
            try {
                String text = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"));
                double load = Double.parseDouble(text.substring(0, text.indexOf(' ')));
                spare = load < Runtime.getRuntime().availableProcessors() - 0.5;
            } catch (java.io.IOException | RuntimeException e) {
                spare = true;
            }
        }
        return spare;
    }

    private final FastKernels vector;
    private final FastKernels scalar = new ScalarKernels();
    private final WarmUp sigmoidWarm;
    private final WarmUp softmaxWarm;

    WarmingKernels(FastKernels vector) {
        this.vector = vector;
        // One vector of data per call: the compile thresholds count calls and loop iterations, and every
        // element costs ~200 µs while the vector code is interpreted. Hard targets with γ = 2 and a general
        // γ with an ignore label, soft targets: the branches real data take, so C2 does not deoptimise.
        int n = VectorLanes.of(vector);
        float[] x = new float[n];
        float[] hard = new float[n];
        float[] soft = new float[n];
        float[] grad = new float[n];
        float[] loss = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 7 - 3) * 1.3f;
            hard[i] = i % 5 == 0 ? 1 : 0;
            soft[i] = (i % 9) / 8f;
        }
        hard[n - 1] = -1;   // ignored when the ignore label is on
        sigmoidWarm = WarmUp.of("sigmoid", () -> {
            vector.sigmoid(x, hard, 0, n, 2f, 0.25f, 0.75f, true, -1f, 1f, grad, null);
            vector.sigmoid(x, hard, 0, n, 2.5f, 0.25f, 0.75f, false, -1f, 0.5f, grad, loss);
            vector.sigmoid(x, soft, 0, n, 2f, 0.25f, 0.75f, false, -1f, 1f, grad, null);
        });
        int classes = 4;
        float[] z = new float[n * classes];
        int[] tz = new int[n];
        float[] gz = new float[z.length];
        float[] alpha = {0.25f, 0.25f, 0.25f, 0.25f};
        float[] alphas = {0.1f, 0.2f, 0.3f, 0.4f};
        for (int i = 0; i < z.length; i++) {
            z[i] = (i % 11 - 5) * 0.7f;
        }
        for (int r = 0; r < n; r++) {
            tz[r] = r % classes;
        }
        softmaxWarm = WarmUp.of("softmax", () -> {
            vector.softmax(z, tz, classes, 0, n, 2f, alpha, false, -100, 1f, gz, null);
            vector.softmax(z, tz, classes, 0, n, 2.5f, alphas, true, 3, 0.5f, gz, loss);
        });
    }

    /**
     * Waits until both vector kernels are in use (for tests and benchmarks that must measure them).
     *
     * @param millis how long to wait at most
     * @return whether the vector kernels are in use
     */
    boolean awaitHot(long millis) {
        return sigmoidWarm.await(millis) & softmaxWarm.await(millis);
    }

    @Override
    public double sigmoid(float[] x, float[] t, int from, int to, float gamma, float alphaPos, float alphaNeg,
                          boolean hasIgnore, float ignore, float gradScale, float[] gradOut, float[] lossOut) {
        return (sigmoidWarm.hot(to - from) ? vector : scalar).sigmoid(x, t, from, to, gamma, alphaPos, alphaNeg, hasIgnore,
                ignore, gradScale, gradOut, lossOut);
    }

    @Override
    public double softmax(float[] z, int[] targets, int classes, int fromRow, int toRow, float gamma, float[] alpha,
                          boolean hasIgnore, int ignoreIndex, float gradScale, float[] gradOut, float[] lossOut) {
        return (softmaxWarm.hot((long) (toRow - fromRow) * classes) ? vector : scalar).softmax(z, targets, classes, fromRow, toRow, gamma, alpha,
                hasIgnore, ignoreIndex, gradScale, gradOut, lossOut);
    }

    @Override
    public void passDone() {
        sigmoidWarm.passDone();
        softmaxWarm.passDone();
    }

    @Override
    public String name() {
        return vector.name();
    }
}
