package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadlineTest {

    @ParameterizedTest(name = "γ = {0}, p_t = {1}")
    @CsvSource(delimiter = '|', value = {
        "2   | 0.9  | Focal loss with γ = 2.00. At p_t = 0.9 the modulating factor is 0.010, suppressing the cross-entropy loss by 100×.",
        "5   | 0.9  | Focal loss with γ = 5.00. At p_t = 0.9 the modulating factor is 1.0e-05, suppressing the cross-entropy loss by 100,000×.",
        "0.5 | 0.9  | Focal loss with γ = 0.50. At p_t = 0.9 the modulating factor is 0.316, suppressing the cross-entropy loss by 3.2×.",
        "0   | 0.9  | Focal loss with γ = 0.00. At p_t = 0.9 the modulating factor is 1.000, leaving the cross-entropy loss unchanged.",
        "2   | 1    | Focal loss with γ = 2.00. At p_t = 1 the modulating factor is 0, silencing the loss completely.",
        "2   | 0.99 | Focal loss with γ = 2.00. At p_t = 0.99 the modulating factor is 1.0e-04, suppressing the cross-entropy loss by 10,000×.",
        "8   | 0.9  | Focal loss with γ = 8.00. At p_t = 0.9 the modulating factor is 1.0e-08, suppressing the cross-entropy loss by 1.0e+08×.",
        // 1/m = 1.0000000000023 would print as "suppressing … by 1.0×"
        "1e-12 | 0.9 | Focal loss with γ = 0.00. At p_t = 0.9 the modulating factor is 1.000, leaving the cross-entropy loss practically unchanged.",
        // 1/m = 1.049 still rounds to 1.0; 1/m = 1.051 is the first 1.1
        "0.0207 | 0.9 | Focal loss with γ = 0.02. At p_t = 0.9 the modulating factor is 0.953, leaving the cross-entropy loss practically unchanged.",
        "0.0216 | 0.9 | Focal loss with γ = 0.02. At p_t = 0.9 the modulating factor is 0.951, suppressing the cross-entropy loss by 1.1×.",
    })
    void headlineStatesTheModulatorAndSuppression(double gamma, double pt, String expected) {
        assertEquals(expected, FocalLoss.headline(gamma, pt));
        assertEquals(expected, Headline.sentence(gamma, pt, 1), "α = 1 adds nothing");
    }

    @ParameterizedTest(name = "γ = {0}, p_t = {1}, α = {2}")
    @CsvSource(delimiter = '|', value = {
        // 1/(0.25 · 0.01) = 400: the modulator's 100× and α's 4× multiply
        "2 | 0.9 | 0.25 | Focal loss with γ = 2.00. At p_t = 0.9 the modulating factor is 0.010, suppressing the cross-entropy loss by 100× (the modulator alone). With α = 0.25 as well, CE / FL = 400×.",
        // γ = 0: the modulator leaves CE alone, α alone makes the ratio 1/α = 4
        "0 | 0.9 | 0.25 | Focal loss with γ = 0.00. At p_t = 0.9 the modulating factor is 1.000, leaving the cross-entropy loss unchanged. With α = 0.25 as well, CE / FL = 4.0×.",
        "2 | 1   | 0.25 | Focal loss with γ = 2.00. At p_t = 1 the modulating factor is 0, silencing the loss completely. With α = 0.25 as well, CE / FL = ∞.",
    })
    void headlineWithAlphaSaysWhatEachRatioIncludes(double gamma, double pt, double alpha, String expected) {
        assertEquals(expected, Headline.sentence(gamma, pt, alpha));
    }
}
