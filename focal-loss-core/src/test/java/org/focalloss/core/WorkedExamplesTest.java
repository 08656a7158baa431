package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The calculator's two worked examples: true class 1, γ = 2, α = 0.25. */
class WorkedExamplesTest {

    /** Hand-derived: softmax, then −α(1−p_t)²·log p_t, evaluated independently of the library's code path. */
    private static double byHand(double[] z, int t) {
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v);
        }
        double pt = Math.exp(z[t]) / sum;
        return -0.25 * (1 - pt) * (1 - pt) * Math.log(pt);
    }

    @Test
    void easyExampleGivesTheExactValue() {
        CalculatorResult r = WorkedExample.EASY.result();
        assertEquals(2.5354e-05, r.loss(), 0.00005e-05);
        assertEquals(byHand(new double[] {-1.0, 3.0, -0.5}, 1), r.loss(), 1e-18);
        assertEquals("2.5354e-05", Fmt.value(r.loss()));
    }

    @Test
    void hardExampleGivesTheExactValue() {
        CalculatorResult r = WorkedExample.HARD.result();
        assertEquals(0.562143, r.loss(), 0.0000005);
        assertEquals(byHand(new double[] {1.5, -0.8, 0.2}, 1), r.loss(), 1e-15);
        assertEquals("0.562143", Fmt.value(r.loss()));
    }

    @Test
    void easyExampleWithFourDecimalIntermediatesReproducesThePage() {
        CalculatorResult.Rounded rounded = WorkedExample.EASY.pageRounding();
        assertEquals(0.0021, rounded.modulator(), 0);
        assertEquals(0.0474, rounded.crossEntropy(), 0);
        // 0.25 × 0.0021 × 0.0474 = 0.000024885, the page's printed value
        assertEquals(0.000024885, rounded.loss(), 1e-15);
        assertEquals(4, WorkedExample.EASY.reproducingDecimals());
    }

    @Test
    void hardExamplesPrintedValueComesFromThreeDecimalIntermediates() {
        // 0.25 × 0.859 × 2.617 = 0.56200; four decimals would print 0.5622
        CalculatorResult.Rounded three = WorkedExample.HARD.result().roundedIntermediates(3);
        assertEquals(0.859, three.modulator(), 0);
        assertEquals(2.617, three.crossEntropy(), 0);
        assertEquals(0.25 * 0.859 * 2.617, three.loss(), 1e-15);
        assertEquals(3, WorkedExample.HARD.reproducingDecimals());
        assertTrue(WorkedExample.HARD.explanation().contains("0.25 × 0.859 × 2.617 = 0.562001"),
                WorkedExample.HARD.explanation());
    }

    @Test
    void hardExampleRoundingMovesOnlyTheFourthDecimal() {
        CalculatorResult.Rounded rounded = WorkedExample.HARD.pageRounding();
        assertEquals(0.8593, rounded.modulator(), 0);
        assertEquals(2.6168, rounded.crossEntropy(), 0);
        assertEquals(0.562, rounded.loss(), 0.0005);
        assertEquals(0.562, Double.parseDouble(WorkedExample.HARD.pagePrinted()), 0.0005);
        assertTrue(Math.abs(rounded.relativeError()) < 1e-3);
    }

    @Test
    void roundingHurtsTheSmallModulatorMost() {
        double easy = Math.abs(WorkedExample.EASY.pageRounding().relativeError());
        double hard = Math.abs(WorkedExample.HARD.pageRounding().relativeError());
        assertTrue(easy > 0.01, "easy example is off by " + easy);
        assertTrue(hard < 0.001, "hard example is off by " + hard);
    }

    @Test
    void probabilitiesOfTheHardExample() {
        double[] z = {1.5, -0.8, 0.2};
        double s = Math.exp(1.5) + Math.exp(-0.8) + Math.exp(0.2);
        assertArrayEquals(new double[] {Math.exp(1.5) / s, Math.exp(-0.8) / s, Math.exp(0.2) / s},
                Calculator.calculate(z, 1, 2, 0.25).probabilities(), 1e-15);
    }
}
