package org.focalloss.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link SigmoidPass} on the Vector API kernels: the forks add {@code jdk.incubator.vector}.
 *
 * <p>{@code java -jar target/benchmarks.jar SigmoidFocalLoss -f 1 -wi 3 -i 5 -t 1}
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class SigmoidFocalLossBenchmark extends SigmoidPass {

    @Override
    protected boolean vectorKernels() {
        return true;
    }
}
