package org.focalloss.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bandwidth ceiling of a softmax pass: the bytes {@link SoftmaxPass} must move (the 8,000,000 float
 * logits and the int targets read, the float gradient written) moved without computing anything. Each
 * thread copies its share of the logits into the gradient buffer ({@code System.arraycopy}) and sums its
 * targets. Same shapes, thread counts and score unit (logits per second) as the softmax benchmarks, so
 * softmax / copy in one JMH run is the fraction of the ceiling a kernel reaches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchData.SOFTMAX_ELEMENTS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class CopyCeilingBenchmark {

    @Param({"1", "2"})
    int threads;

    @Param({"2", "8", "21", "150", "1000"})
    int classes;

    private float[] logits;
    private int[] targets;
    private float[] grad;
    private ExecutorService pool;

    @Setup
    public void setup() {
        BenchData.SoftmaxProblem problem = BenchData.SoftmaxProblem.of(classes);
        logits = problem.logits();
        targets = problem.targets();
        grad = problem.grad();
        pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
    }

    @TearDown
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Copies rows [from, to) and returns the sum of their targets (so the reads are not dead code). */
    private long copy(int from, int to) {
        System.arraycopy(logits, from * classes, grad, from * classes, (to - from) * classes);
        long s = 0;
        for (int r = from; r < to; r++) {
            s += targets[r];
        }
        return s;
    }

    @Benchmark
    public long copy() throws Exception {
        int rows = targets.length;
        if (pool == null) {
            return copy(0, rows);
        }
        int share = rows / threads;
        @SuppressWarnings("unchecked")
        Future<Long>[] parts = new Future[threads - 1];
        for (int k = 1; k < threads; k++) {
            int from = k * share;
            int to = k == threads - 1 ? rows : from + share;
            parts[k - 1] = pool.submit(() -> copy(from, to));
        }
        long s = copy(0, share);
        for (Future<Long> f : parts) {
            s += f.get();
        }
        return s;
    }
}
