package org.focalloss.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link SoftmaxPass} on the scalar fallback: the forks do not add {@code jdk.incubator.vector}. */
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class SoftmaxFocalLossScalarBenchmark extends SoftmaxPass {

    @Override
    protected boolean vectorKernels() {
        return false;
    }
}
