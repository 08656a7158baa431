package org.focalloss.bench;

import java.util.concurrent.TimeUnit;
import org.focalloss.experiment.DetectionData;
import org.focalloss.experiment.Experiment;
import org.focalloss.experiment.Trainer;
import org.focalloss.experiment.TrainOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training epoch of notebook 04's limited-capacity model (2-64-1 MLP, FL γ = 2, α = 0.25, prior,
 * positives-per-batch normalisation, batches of 1,024, Adam) over the default 100,000-point training set, on
 * one thread: the Java side of the comparison with focal-loss-experiment/src/test/python/training_twin.py. The {@code jit} fork
 * parameter is the notebook kernel's C1-only flag or the JVM's default tiered compilation (C2).
 *
 * <p>{@code java -jar target/benchmarks.jar TrainingEpoch -f 3 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class TrainingEpochBenchmark {

    /** The model: "64" (2-64-1) or "32,32" (2-32-32-1). */
    @Param({"64", "32,32"})
    String hidden;

    private DetectionData.Split train;
    private TrainOptions options;

    @Setup
    public void setup() {
        train = DetectionData.generate().train();
        TrainOptions base = Experiment.limitedCapacity(1);
        options = base.toBuilder().hidden(java.util.Arrays.stream(hidden.split(",")).mapToInt(Integer::parseInt)
                .toArray()).build();
    }

    @Benchmark
    public Trainer.Result epoch() {
        return Trainer.train(train, options);
    }

    /** The same epoch with the notebook kernel's flag: C1 only. */
    @Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:TieredStopAtLevel=1"})
    @Benchmark
    public Trainer.Result epochC1Only() {
        return Trainer.train(train, options);
    }
}
