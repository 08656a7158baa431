package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The softmax's vector exponential, {@link VectorKernels#expNegNormal}, against {@link Math#exp} in double:
 * within its documented 3.8e-7 relative error on [0, 86], e^−86 (a normal float) beyond, NaN kept. Runs
 * only where the Vector API module is present (the main test run).
 */
class VectorExpTest {

    private static final int L = FloatVector.SPECIES_PREFERRED.length();

    @BeforeAll
    static void needsTheVectorModule() {
        assumeTrue(Kernels.vectorModulePresent(), "no jdk.incubator.vector in this JVM");
    }

    private static float[] expNegNormal(float[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i += L) {
            VectorKernels.expNegNormal(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, a, i))
                    .intoArray(out, i);
        }
        return out;
    }

    @Test
    void relativeErrorIsBelow3point8eMinus7OnTheWholeRangeZeroTo86() {
        // Every float in [0, 86] whose bits are a multiple of 64 apart (about 17.5 million, spread evenly in
        // the exponent field so that small and large arguments are equally dense), plus 86 itself.
        int from = Float.floatToRawIntBits(0f);
        int to = Float.floatToRawIntBits(86f);
        int count = (to - from) / 64 + 1;
        float[] a = new float[(count + 1 + L - 1) / L * L];
        for (int i = 0; i < count; i++) {
            a[i] = Float.intBitsToFloat(from + 64 * i);
        }
        a[count] = 86f;
        float[] e = expNegNormal(a);
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i <= count; i++) {
            double exact = Math.exp(-(double) a[i]);
            double rel = Math.abs(e[i] - exact) / exact;
            if (rel > worst) {
                worst = rel;
                worstAt = a[i];
            }
        }
        assertTrue(worst <= 3.8e-7, "largest relative error " + worst + " at a = " + worstAt);
        assertEquals(1f, e[0], "e^0");
    }

    @Test
    void argumentsBeyond86GiveTheNormalFloatEToTheMinus86AndNaNStaysNaN() {
        float[] a = new float[L];
        float[] beyond = {86f, 86.5f, 100f, 104f, 1e4f, Float.MAX_VALUE, Float.POSITIVE_INFINITY};
        System.arraycopy(beyond, 0, a, 0, beyond.length);
        a[beyond.length] = Float.NaN;
        float[] e = expNegNormal(a);
        float e86 = e[0];
        assertTrue(e86 >= Float.MIN_NORMAL, "e^-86 = " + e86 + " is a normal float");
        assertTrue(Math.abs(e86 - Math.exp(-86)) < 5e-38, "absolute error of e^-86: " + e86);
        for (int i = 1; i < beyond.length; i++) {
            assertEquals(e86, e[i], "exp(-" + beyond[i] + ")");
        }
        assertTrue(Float.isNaN(e[beyond.length]), "exp(-NaN) = " + e[beyond.length]);
    }
}
