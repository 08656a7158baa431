package org.focalloss.bench;

import java.util.concurrent.TimeUnit;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SoftmaxBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One fused forward+backward pass of the softmax focal loss (γ = 2, α = 0.25, mean reduction) over
 * 8,000,000 float logits as (8,000,000 / C) × C for each class count C, gradient into a preallocated buffer.
 * The score is in elements (logits) per second (8,000,000 per operation; at C = 21 the pass holds 7,999,992,
 * 1e-6 fewer). Subclasses choose the fork's JVM arguments and so the kernels. {@code workingSet} below
 * 8,000,000 makes each operation several passes over fewer logits (8,000,000 / workingSet of them, the score
 * still in logits per second): {@code -p workingSet=80000} keeps logits and gradient (640 KB) in the 1 MB
 * or larger L2 cache of current x86 cores, and so separates what the arithmetic costs from what the memory
 * does. {@link CopyCeilingBenchmark}
 * moves the same bytes without computing: run them in one JMH invocation for the bandwidth fraction
 * ({@code java -jar target/benchmarks.jar 'SoftmaxFocalLoss|CopyCeiling' -rf json}), and
 * {@code focal-loss-benchmarks/src/test/python/peers_softmax.py} for torch and jax on the same shapes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchData.SOFTMAX_ELEMENTS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public abstract class SoftmaxPass {

    @Param({"1", "2"})
    int threads;

    @Param({"2", "8", "21", "150", "1000"})
    int classes;

    /** Logits per pass (8,000,000 / workingSet passes per operation). */
    @Param({"8000000"})
    int workingSet;

    private float[] logits;
    private int[] targets;
    private float[] grad;
    private SoftmaxBatch loss;
    private int passes;

    /** @return true to measure the Vector API kernels, false for the scalar fallback */
    protected abstract boolean vectorKernels();

    @Setup
    public void setup() {
        BenchData.requireKernels(vectorKernels());
        if (workingSet <= 0 || BenchData.SOFTMAX_ELEMENTS % workingSet != 0) {   // a divisor is at most the whole
            throw new IllegalArgumentException("workingSet = " + workingSet + " must be a positive divisor of "
                    + BenchData.SOFTMAX_ELEMENTS);
        }
        passes = BenchData.SOFTMAX_ELEMENTS / workingSet;
        BenchData.SoftmaxProblem problem = BenchData.SoftmaxProblem.of(classes, workingSet);
        logits = problem.logits();
        targets = problem.targets();
        grad = problem.grad();
        loss = SoftmaxBatch.builder().gamma(2).alpha(0.25).reduction(Reduction.MEAN).threads(threads).build();
    }

    @Benchmark
    public double forwardBackward() {
        double sum = 0;
        for (int p = 0; p < passes; p++) {
            sum += loss.computeInto(logits, targets, classes, grad, null);
        }
        return sum;
    }
}
