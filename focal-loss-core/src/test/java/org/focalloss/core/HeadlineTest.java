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
    })
    void headlineStatesTheModulatorAndSuppression(double gamma, double pt, String expected) {
        assertEquals(expected, FocalLoss.headline(gamma, pt));
    }
}
