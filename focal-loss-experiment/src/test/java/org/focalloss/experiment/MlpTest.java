package org.focalloss.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MlpTest {

    static Stream<Arguments> shapesAndBatches() {
        int[] hidden = {1, 2, 3, 6, 64};
        int[] batches = {1, 2, 3, 4, 5, 6, 7, 9, 672, 1024};
        return Stream.of(hidden).flatMapToInt(java.util.Arrays::stream).boxed()
                .flatMap(h -> Stream.of(batches).flatMapToInt(java.util.Arrays::stream).mapToObj(b -> Arguments.of(h, b)));
    }

    /**
     * The fused 2-H-1 passes (one loop per hidden unit) must give exactly the layer-by-layer passes' logits and
     * gradient: same accumulators, same order of additions, for every batch length modulo 4 (the fused loop's
     * step) and with some pre-activations exactly 0 (inputs 0 and zero weights), where the gate decides.
     */
    @ParameterizedTest(name = "2-{0}-1, batch {1}")
    @MethodSource("shapesAndBatches")
    void fusedPassesOfA2H1NetworkAreBitForBitTheLayerByLayerPasses(int hidden, int batch) {
        Mlp m = new Mlp(2, hidden, 1).initialize(7, -4.6);
        double[] p = m.parameters();
        SplittableRandom r = new SplittableRandom(31L * hidden + batch);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.3 * r.nextGaussian();
        }
        p[m.biasOffset(0)] = 0;         // unit 0 is exactly 0 wherever both inputs are 0
        double[][] act = m.buffers(batch);
        double[][] fused = m.buffers(batch);
        for (int b = 0; b < batch; b++) {
            boolean zero = b % 5 == 0;
            act[0][b] = zero ? 0 : r.nextGaussian();
            act[0][batch + b] = zero ? 0 : r.nextGaussian();
        }
        System.arraycopy(act[0], 0, fused[0], 0, 2 * batch);
        m.forwardLayers(act, batch);
        m.forward(fused, batch);
        assertArrayEquals(act[2], fused[2], 0.0, "logits");
        assertArrayEquals(act[1], fused[1], 0.0, "hidden activations");

        double[][] delta = m.buffers(batch);
        double[][] fusedDelta = m.buffers(batch);
        for (int b = 0; b < batch; b++) {
            delta[2][b] = r.nextGaussian() * Math.pow(10, -r.nextInt(40));   // dLoss/dz spans easy to hard points
        }
        System.arraycopy(delta[2], 0, fusedDelta[2], 0, batch);
        double[] g = new double[m.parameterCount()];
        double[] fusedG = new double[m.parameterCount()];
        java.util.Arrays.fill(g, 0.25);              // backward adds to what is there
        java.util.Arrays.fill(fusedG, 0.25);
        m.backwardLayers(act, delta, batch, g);
        m.backward(act, fusedDelta, batch, fusedG);
        assertArrayEquals(g, fusedG, 0.0, "gradient");
    }

    @ParameterizedTest(name = "relu({0}) = {1}")
    @CsvSource({"3.5, 3.5", "-3.5, 0", "0, 0", "-0.0, 0", "4.9E-324, 4.9E-324", "-4.9E-324, 0",
            "8.988465674311579E307, 8.988465674311579E307", "-1.7976931348623157E308, 0", "NaN, NaN",
            "-Infinity, NaN"})
    void branchFreeReluIsExactAndGivesPositiveZeroForNonPositiveInputs(double v, double expected) {
        double got = Mlp.relu(v);
        assertEquals(expected, got, 0.0);
        if (expected == 0) {
            assertEquals(0L, Double.doubleToRawLongBits(got), "+0, not −0, so that the gate closes");
        }
    }

    @ParameterizedTest(name = "gate at a = {0}")
    @ValueSource(doubles = {0.0, 4.9E-324, 1e-300, 0.5, 7, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN})
    void gatePassesTheDeltaExactlyWhereTheActivationIsPositiveAndGivesZeroElsewhere(double a) {
        for (double g : new double[] {-2.5, 1e-310, 3, Double.NEGATIVE_INFINITY}) {
            double got = Mlp.gate(a, g);
            if (a == 0) {
                assertEquals(0L, Double.doubleToRawLongBits(got), "closed gate at g = " + g);
            } else {
                assertEquals(Double.doubleToRawLongBits(g), Double.doubleToRawLongBits(got), "open gate at g = " + g);
            }
        }
        assertTrue(Double.isNaN(Mlp.gate(a, Double.NaN)) || a == 0);
    }
}
