package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fast path of a fresh JVM starts on the scalar kernels and switches to the Vector API kernels once
 * their warm-up has them compiled, giving results within the tolerance on both sides of the switch.
 */
@Tag("fast-path")
class WarmingKernelsTest {

    @Test
    void theVectorKernelsTakeOverAfterTheirWarmUp() {
        assumeTrue(Kernels.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        WarmingKernels k = new WarmingKernels(FastPathFixtures.kernels().get(1));
        float[] x = {-3, -0.5f, 0, 0.5f, 3, 20, -20, 1e-30f, 7, -7, 1, -1, 2, -2, 4, -4, 0.25f};
        float[] t = {1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0.3f, 0.7f, 1, 0, 1, 0, 1};
        float[] before = new float[x.length];
        double sumBefore = k.sigmoid(x, t, 0, x.length, 2f, 0.25f, 0.75f, false, -1, 1f, before, null);
        assertTrue(k.awaitHot(300_000), "the warm-up did not finish");
        float[] after = new float[x.length];
        double sumAfter = k.sigmoid(x, t, 0, x.length, 2f, 0.25f, 0.75f, false, -1, 1f, after, null);
        assertEquals(sumBefore, sumAfter, 1e-5 * sumBefore);
        for (int i = 0; i < x.length; i++) {
            assertEquals(before[i], after[i], 1e-5 * Math.abs(before[i]) + 1e-7, "gradient " + i);
        }
        assertEquals(FastPathFixtures.kernels().get(1).name(), k.name());
    }

    @Test
    void theLaneCountIsReadFromTheKernelName() {
        assertEquals(16, VectorLanes.of(new ScalarKernels()));   // no lane count in "scalar": the default
        assumeTrue(Kernels.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        String name = FastPathFixtures.kernels().get(1).name();
        assertEquals(Integer.parseInt(name.replaceAll("\\D+", "")), VectorLanes.of(FastPathFixtures.kernels().get(1)));
    }
}
