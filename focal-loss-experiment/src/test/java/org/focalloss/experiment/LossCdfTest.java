package org.focalloss.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.focalloss.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class LossCdfTest {

    @Test
    void equalLossesGiveTheDiagonal() {
        LossCdf c = LossCdf.of(new double[] {-1, -1, -1, -1}, new boolean[4], false, 2);
        for (int i = 0; i < c.fraction().length; i++) {
            assertEquals(c.fraction()[i], c.cumulative()[i], 1e-15);
        }
        assertEquals(0.25, c.shareOfHardest(0.25), 1e-15);
    }

    @Test
    void handComputedCumulativeSharesForCrossEntropy() {
        // negatives with p = σ(z): CE = softplus(z) = log 2 at z = 0 and log(1 + e) at z = 1, the latter larger
        LossCdf c = LossCdf.of(new double[] {1, 0}, new boolean[] {false, false}, false, 0);
        double small = Math.log(2);
        double large = Math.log(1 + Math.E);
        assertEquals(small / (small + large), c.cumulative()[1], 1e-12);
        assertEquals(1, c.cumulative()[2], 0);
        assertEquals(large / (small + large), c.shareOfHardest(0.5), 1e-12);
    }

    @Test
    void largerGammaConcentratesTheLossOnTheHardestExamples() {
        double[] z = new double[1000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < z.length; i++) {
            z[i] = -4 + 2 * r.nextGaussian();
        }
        boolean[] negatives = new boolean[z.length];
        double previous = 0;
        for (double g : new double[] {0, 0.5, 1, 2}) {
            double share = LossCdf.of(z, negatives, false, g).shareOfHardest(0.05);
            assertTrue(share > previous, "γ = " + g + ": " + share);
            previous = share;
        }
        LossCdf two = LossCdf.of(z, negatives, false, 2);
        assertTrue(two.hardestFractionCarrying(two.shareOfHardest(0.05)) <= 0.05 + 1e-12);
    }

    @Test
    void anEmptyClassIsRefused() {
        assertThrows(InvalidArgumentException.class, () -> LossCdf.of(new double[] {1}, new boolean[] {false}, true, 2));
        assertThrows(InvalidArgumentException.class, () -> LossCdf.of(new double[] {1}, new boolean[] {true}, true, -1));
    }
}
