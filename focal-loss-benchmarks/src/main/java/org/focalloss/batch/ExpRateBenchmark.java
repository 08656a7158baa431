package org.focalloss.batch;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rate of the fast kernels' exponential alone, the yardstick for a softmax pass that is bound by its
 * exponentials (one per logit): the loop of the row-wise softmax's exp pass, E = exp(−a) stored and summed,
 * over 4,096 floats that stay in L1, with nothing else. {@code vector} is {@link VectorKernels#expNegNormal}
 * (the softmax's), {@code scalar} is {@link FloatMath#expNonPositive} (the scalar fallback's). Scores are
 * exponentials per second. This class sits in the kernels' package (on the benchmark's class path) to reach
 * them without making them public.
 *
 * <p>{@code java -jar target/benchmarks.jar ExpRate}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ExpRateBenchmark.N)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class ExpRateBenchmark {

    static final int N = 4096;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private float[] a;
    private float[] out;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(5);
        a = new float[N];
        out = new float[N];
        for (int i = 0; i < N; i++) {
            a[i] = (float) (rnd.nextDouble() * 20);   // z_j − m of a softmax row: 0 down to −20
        }
    }

    @Benchmark
    public float vector() {
        FloatVector s = FloatVector.zero(F);
        for (int j = 0; j < N; j += F.length()) {
            FloatVector e = VectorKernels.expNegNormal(FloatVector.fromArray(F, a, j));
            e.intoArray(out, j);
            s = s.add(e);
        }
        return s.reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    public float scalar() {
        float s = 0;
        for (int j = 0; j < N; j++) {
            float e = FloatMath.expNonPositive(-a[j]);
            out[j] = e;
            s += e;
        }
        return s;
    }
}
