package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The numbers quoted in Lin et al. (2017) for CE against FL with γ = 2, to the digits the paper gives. */
class PaperNumbersTest {

    @ParameterizedTest(name = "p_t = {0}: CE ≈ {1}, FL(γ=2) ≈ {2}")
    @CsvSource({
        // p_t,  CE,     FL(γ=2), tolerance CE, tolerance FL
        "0.9,   0.1054,  0.00105, 0.00005, 0.000005",
        "0.99,  0.01005, 1.0e-6,  0.000005, 0.05e-6",
        "0.5,   0.693,   0.173,   0.0005,  0.0005",
        "0.1,   2.303,   1.865,   0.0005,  0.0005",
    })
    void crossEntropyAndFocalLossMatchThePaper(double pt, double ce, double fl, double tolCe, double tolFl) {
        assertEquals(ce, FocalLoss.crossEntropy(pt), tolCe);
        assertEquals(fl, FocalLoss.loss(pt, 2.0), tolFl);
    }

    @ParameterizedTest(name = "p_t = {0}: FL is {1}× smaller than CE")
    @CsvSource({"0.9, 100", "0.968, 1000"})
    void easyExamplesAreDownWeightedAsThePaperSays(double pt, double factor) {
        // "with γ = 2, an example classified with p_t = 0.9 would have 100× lower loss compared with CE
        //  and with p_t ≈ 0.968 it would have 1000× lower loss"
        double ratio = FocalLoss.crossEntropy(pt) / FocalLoss.loss(pt, 2.0);
        assertEquals(factor, ratio, factor * 0.03); // the paper says "≈ 1000×" for p_t ≈ 0.968
    }
}
