package org.focalloss.bench;

import java.util.concurrent.TimeUnit;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One fused forward+backward pass of the sigmoid focal loss (γ = 2, α = 0.25, sum reduction) over
 * 100,000 × 80 float logits with 1% positives, on the scalar fallback kernels: the forks run without
 * {@code jdk.incubator.vector} ({@code jvmArgs} replaces, rather than appends to, the host JVM's arguments,
 * so a host started with the module cannot leak it in), and the setup fails if the vector kernels are
 * active anyway. Same problem and score unit as {@link SigmoidFocalLossBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchData.SIGMOID_ELEMENTS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class SigmoidFocalLossScalarBenchmark {

    @Param({"1", "2"})
    int threads;

    private float[] logits;
    private float[] targets;
    private float[] grad;
    private SigmoidBatch loss;

    @Setup
    public void setup() {
        BenchData.requireKernels(false);
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
