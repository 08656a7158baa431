package org.focalloss.batch;

/**
 * The Vector API kernels behind a warm-up, so that the first call in a fresh JVM is not slower than the
 * scalar fallback. Vector API code runs fast only once C2 has compiled it; interpreted or C1-compiled it
 * boxes every vector (measured here: 0.005 M elements/s interpreted, 0.3 M/s in C1, against 8–12 M/s for
 * the scalar loops at the same tiers), so a cold call that starts on the vector kernels spends seconds
 * before the JIT catches up. Instead, the first call starts a daemon thread that runs the vector kernels
 * on one vector's worth of synthetic data (hard and soft sigmoid targets, integer and general γ, an ignore
 * label; a softmax block), one thread per kernel, started once the scalar kernels have served
 * {@code WARM_UP_AFTER} elements (so their own compilation is not delayed) and a processor is idle (see
 * {@link #spareProcessor()}; {@link SigmoidBatch#awaitVectorKernels} starts it in any case), until {@code HOT_ROUNDS} rounds in a row each take less
 * than {@value #HOT_ROUND_NANOS} ns, i.e. run C2 code; until then every call (and every tile of a running
 * call, see {@link FastPass}) uses the scalar kernels, then the vector kernels. If the
 * round never gets fast (a JVM without C2, e.g. {@code -XX:TieredStopAtLevel=1}) the scalar kernels stay,
 * which are the faster ones there. On a one-processor machine the warm-up thread would only compete with
 * the caller, so the vector kernels are used at once.
 */
final class WarmingKernels implements FastKernels {

    /** A warm-up round (three calls on one vector's worth of data) takes about 1 µs in C2 code, 150 µs in C1. */
    static final long HOT_ROUND_NANOS = 30_000;
    /**
     * Elements the scalar kernels process before the warm-up starts: by then the JIT has compiled the scalar
     * loops, and the vector code's large C2 compilations no longer delay them in the compile queue.
     */
    static final long WARM_UP_AFTER = 1 << 22;
    /** Consecutive fast rounds before the switch. */
    private static final int HOT_ROUNDS = 50;
    /** The warm-up gives up (and the scalar kernels stay) after this long. */
    private static final long GIVE_UP_NANOS = 60_000_000_000L;

    /** One kernel's warm-up: started by the first call, then hot once the vector code is compiled. */
    private final class Warm {
        private final Runnable round;
        private final String name;
        private volatile boolean hot;
        private volatile boolean started;
        private long served;   // elements given to the scalar kernels; races only delay the start a little

        Warm(String name, Runnable round) {
            this.name = name;
            this.round = round;
            this.hot = Runtime.getRuntime().availableProcessors() < 2;
        }

        boolean hot(long elements) {
            if (hot) {
                return true;
            }
            if (!started && (served += elements) >= WARM_UP_AFTER && spareProcessor()) {
                start();
            }
            return false;
        }

        private synchronized void start() {
            if (started) {
                return;
            }
            started = true;
            Thread t = new Thread(this::run, "focal-loss vector warm-up (" + name + ")");
            t.setDaemon(true);
            t.start();
        }

        private void run() {
            long deadline = System.nanoTime() + GIVE_UP_NANOS;
            int fast = 0;
            while (fast < HOT_ROUNDS && System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                round.run();
                fast = System.nanoTime() - t0 < HOT_ROUND_NANOS ? fast + 1 : 0;
            }
            hot = fast >= HOT_ROUNDS;
        }

        boolean await(long millis) {
            start();
            long end = System.nanoTime() + millis * 1_000_000L;
            while (!hot && System.nanoTime() < end) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return hot;
        }
    }

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
    private final Warm sigmoidWarm;
    private final Warm softmaxWarm;

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
        sigmoidWarm = new Warm("sigmoid", () -> {
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
        softmaxWarm = new Warm("softmax", () -> {
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
    public String name() {
        return vector.name();
    }
}
