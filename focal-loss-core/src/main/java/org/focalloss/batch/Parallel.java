package org.focalloss.batch;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.ArrayList;
import java.util.List;

/** Splits a range into equal chunks and runs them on a shared pool of daemon threads. */
final class Parallel {

    /** Pool sized to the machine; its worker threads are daemons, so it never keeps the JVM alive. */
    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));

    /** Chunk boundaries are multiples of this, so vector loops see aligned, full chunks. */
    static final int ALIGN = 64;

    interface Chunk {
        double run(int from, int to);
    }

    private Parallel() {
    }

    /**
     * Runs {@code chunk} over [0, n) split into {@code threads} pieces, and returns the sum of the
     * pieces' results in piece order (so the result does not depend on thread timing).
     */
    static double sum(int n, int threads, int align, Chunk chunk) {
        int pieces = Math.max(1, Math.min(threads, n / Math.max(align, 1)));
        if (pieces == 1) {
            return chunk.run(0, n);
        }
        int[] bounds = new int[pieces + 1];
        for (int k = 1; k < pieces; k++) {
            long b = (long) n * k / pieces;
            bounds[k] = (int) (b - b % align);
        }
        bounds[pieces] = n;
        List<ForkJoinTask<Double>> tasks = new ArrayList<>(pieces - 1);
        for (int k = 1; k < pieces; k++) {
            int from = bounds[k];
            int to = bounds[k + 1];
            tasks.add(POOL.submit(new RecursiveTask<Double>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected Double compute() {
                    return chunk.run(from, to);
                }
            }));
        }
        double total = chunk.run(bounds[0], bounds[1]);
        for (ForkJoinTask<Double> task : tasks) {
            total += task.join();
        }
        return total;
    }
}
