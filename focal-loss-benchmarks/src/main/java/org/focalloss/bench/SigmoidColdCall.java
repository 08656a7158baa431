package org.focalloss.bench;

import java.util.concurrent.TimeUnit;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first call of the sigmoid pass in a fresh JVM, as a notebook cell or a one-shot program makes it:
 * one forward+backward pass (γ = 2, α = 0.25, sum, one thread) over 50,000,000 floats with 1 % positives,
 * with no warm-up ({@code -bm ss}, one iteration per fork, several fresh forks). The time includes the
 * kernels' compilation by the JIT; elements per second = 5e7 / time. Subclasses choose the kernels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public abstract class SigmoidColdCall {

    /** Elements of the one call. */
    static final int ELEMENTS = 50_000_000;

    private float[] logits;
    private float[] targets;
    private float[] grad;
    private SigmoidBatch loss;

    /** @return true to measure the Vector API kernels, false for the scalar fallback */
    protected abstract boolean vectorKernels();

    @Setup
    public void setup() {
        BenchData.checkKernels(vectorKernels());   // no waiting: the warm-up is part of the cold call
        logits = BenchData.logits(ELEMENTS, 1);
        targets = BenchData.sparseTargets(ELEMENTS, 2);
        grad = new float[ELEMENTS];
        loss = SigmoidBatch.builder().gamma(2).alpha(0.25).reduction(Reduction.SUM).threads(1).build();
    }

    @Benchmark
    public double firstCall() {
        return loss.computeInto(logits, targets, grad, null);
    }
}
