package org.focalloss.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link SoftmaxPass} on the Vector API kernels: the forks add {@code jdk.incubator.vector}.
 *
 * <p>{@code java -jar target/benchmarks.jar SoftmaxFocalLoss -f 1 -wi 3 -i 5 -t 1}
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class SoftmaxFocalLossBenchmark extends SoftmaxPass {

    @Override
    protected boolean vectorKernels() {
        return true;
    }
}
