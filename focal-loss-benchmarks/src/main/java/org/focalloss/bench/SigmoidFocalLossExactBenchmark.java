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
 * For reference: the same sigmoid problem as {@link SigmoidFocalLossBenchmark} on the exact path (double
 * data, {@code Math.exp}/{@code Math.log1p}, every element through the core formulas). Elements per
 * second, 8,000,000 per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchData.SIGMOID_ELEMENTS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SigmoidFocalLossExactBenchmark {

    @Param({"1", "2"})
    int threads;

    private double[] logits;
    private double[] targets;
    private double[] grad;
    private SigmoidBatch loss;

    @Setup
    public void setup() {
        float[] x = BenchData.logits(BenchData.SIGMOID_ELEMENTS, 1);
        float[] t = BenchData.sparseTargets(BenchData.SIGMOID_ELEMENTS, 2);
        logits = new double[x.length];
        targets = new double[t.length];
        for (int i = 0; i < x.length; i++) {
            logits[i] = x[i];
            targets[i] = t[i];
        }
        grad = new double[BenchData.SIGMOID_ELEMENTS];
        loss = SigmoidBatch.builder().gamma(2).alpha(0.25).reduction(Reduction.SUM).threads(threads).build();
    }

    @Benchmark
    public double forwardBackward() {
        return loss.computeInto(logits, targets, grad, null);
    }
}
