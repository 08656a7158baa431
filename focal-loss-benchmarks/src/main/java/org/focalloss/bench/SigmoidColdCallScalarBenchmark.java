package org.focalloss.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link SigmoidColdCall} on the scalar fallback: the forks do not add the Vector API module. */
@Fork(value = 5, jvmArgs = {"-Xmx2g"})
public class SigmoidColdCallScalarBenchmark extends SigmoidColdCall {

    @Override
    protected boolean vectorKernels() {
        return false;
    }
}
