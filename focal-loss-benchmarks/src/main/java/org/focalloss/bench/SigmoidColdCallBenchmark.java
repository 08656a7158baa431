package org.focalloss.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link SigmoidColdCall} on the Vector API kernels: each fresh fork adds the incubator module. */
@Fork(value = 5, jvmArgs = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class SigmoidColdCallBenchmark extends SigmoidColdCall {

    @Override
    protected boolean vectorKernels() {
        return true;
    }
}
