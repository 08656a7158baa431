package org.focalloss.bench;

import java.util.concurrent.TimeUnit;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
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
 * One fused forward+backward pass of the sigmoid focal loss (γ = 2, α = 0.25, sum reduction) over
 * 100,000 × 80 float logits with 1% positives, gradient into a preallocated buffer. The score is in
 * elements per second (8,000,000 elements per operation). Subclasses choose the fork's JVM arguments and
 * so which fast kernels run; the setup checks that the fork really runs them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchData.SIGMOID_ELEMENTS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public abstract class SigmoidPass {

    @Param({"1", "2"})
    int threads;

    private float[] logits;
    private float[] targets;
    private float[] grad;
    private SigmoidBatch loss;

    /** @return true to measure the Vector API kernels, false for the scalar fallback */
    protected abstract boolean vectorKernels();

    @Setup
    public void setup() {
        BenchData.requireKernels(vectorKernels());
        logits = BenchData.logits(BenchData.SIGMOID_ELEMENTS, 1);
        targets = BenchData.sparseTargets(BenchData.SIGMOID_ELEMENTS, 2);
        grad = new float[BenchData.SIGMOID_ELEMENTS];
        loss = SigmoidBatch.builder().gamma(2).alpha(0.25).reduction(Reduction.SUM).threads(threads).build();
    }

    @Benchmark
    public double forwardBackward() {
        return loss.computeInto(logits, targets, grad, null);
    }
}
