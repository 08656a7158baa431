package org.focalloss.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link SigmoidPass} on the scalar fallback, the kernels a JVM without {@code jdk.incubator.vector} (such
 * as a notebook kernel) uses: the forks do not add the module.
 */
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class SigmoidFocalLossScalarBenchmark extends SigmoidPass {

    @Override
    protected boolean vectorKernels() {
        return false;
    }
}
