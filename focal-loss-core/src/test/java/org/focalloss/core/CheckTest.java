package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad value gets one line that names the value and the allowed range. */
class CheckTest {

    @ParameterizedTest(name = "γ = {0}")
    @CsvSource(delimiter = '|', value = {
        "-1.0      | gamma = -1.0 is out of range [0, ∞)",
        "NaN       | gamma = NaN is out of range [0, ∞)",
        "Infinity  | gamma = Infinity is out of range [0, ∞)",
        "-1.0E-300 | gamma = -1.0E-300 is out of range [0, ∞)",
    })
    void badGammaIsNamedWithItsRange(double gamma, String message) {
        assertEquals(message, assertThrows(InvalidArgumentException.class, () -> FocalLoss.loss(0.5, gamma))
                .getMessage());
    }

    @ParameterizedTest(name = "α = {0}")
    @CsvSource(delimiter = '|', value = {
        "-0.1 | alpha = -0.1 is out of range [0, 1]",
        "1.5  | alpha = 1.5 is out of range [0, 1]",
        "NaN  | alpha = NaN is out of range [0, 1]",
    })
    void badAlphaIsNamedWithItsRange(double alpha, String message) {
        assertEquals(message, assertThrows(InvalidArgumentException.class,
                () -> FocalLoss.sigmoid(0, 1, 2, alpha)).getMessage());
        assertEquals(message, assertThrows(InvalidArgumentException.class,
                () -> Calculator.calculate("1, 2", 0, 2, alpha)).getMessage());
    }

    @Test
    void badPtAndTargetsAreNamed() {
        assertEquals("p_t = 1.5 is out of range [0, 1]",
                assertThrows(InvalidArgumentException.class, () -> FocalLoss.crossEntropy(1.5)).getMessage());
        assertEquals("target = 2.0 is out of range [0, 1]",
                assertThrows(InvalidArgumentException.class, () -> FocalLoss.sigmoid(0, 2, 2, 0.25)).getMessage());
        assertEquals("target = 3 is out of range [0, 2] for 3 classes",
                assertThrows(InvalidArgumentException.class,
                        () -> FocalLoss.softmax(new double[] {1, 2, 3}, 3, 2, 0.25)).getMessage());
        assertEquals("target = -1 is out of range [0, 2] for 3 classes",
                assertThrows(InvalidArgumentException.class,
                        () -> FocalLoss.softmax(new double[] {1, 2, 3}, -1, 2, 0.25)).getMessage());
        assertEquals("logit = NaN is out of range (-∞, ∞)",
                assertThrows(InvalidArgumentException.class, () -> FocalLoss.sigmoid(Double.NaN, 1, 2)).getMessage());
        assertEquals("logits[1] = Infinity is out of range (-∞, ∞)",
                assertThrows(InvalidArgumentException.class, () -> FocalLoss.softmax(
                        new double[] {1, Double.POSITIVE_INFINITY}, 0, 2, 0.25)).getMessage());
    }

    @ParameterizedTest(name = "ignore label {0}")
    @CsvSource(delimiter = '|', value = {
        "0.5                | ignore label = 0.5 is a valid target: choose a label outside [0, 1], e.g. -1 or 255",
        "0                  | ignore label = 0.0 is a valid target: choose a label outside [0, 1], e.g. -1 or 255",
        "1.00000001         | ignore label = 1.00000001 is a valid target: choose a label outside [0, 1], e.g. -1 or 255",
        "-1e-300            | ignore label = -1.0E-300 is a valid target: choose a label outside [0, 1], e.g. -1 or 255",
        "NaN                | ignore label = NaN is not a number: choose a label outside [0, 1], e.g. -1 or 255",
    })
    void anIgnoreLabelThatIsATargetOrRoundsToOneIsRefused(double label, String message) {
        assertEquals(message, assertThrows(InvalidArgumentException.class, () -> Check.ignoreLabel(label)).getMessage());
    }

    @ParameterizedTest(name = "ignore label {0} accepted")
    @CsvSource({"-1", "255", "1.0000001", "-1e-30", "-100"})
    void ignoreLabelsOutsideTheTargetRangeAreAccepted(double label) {
        assertEquals(label, Check.ignoreLabel(label), 0);
    }

    @ParameterizedTest(name = "whole number {0}")
    @CsvSource(delimiter = '|', value = {
        "-100        | -100", "255 | 255", "+7 | 7", "−100 | -100", "2147483647 | 2147483647",
        "-2147483648 | -2147483648",
    })
    void wholeNumbersParseWithAnySignAndMinusLookalikes(String text, int expected) {
        assertEquals(expected, Check.wholeNumber("ignore index", text));
    }

    @ParameterizedTest(name = "whole number {0} refused")
    @CsvSource(delimiter = '|', value = {
        "2.5        | ignore index = \"2.5\" is not a whole number (e.g. -100 or 255)",
        "''         | ignore index = \"\" is not a whole number (e.g. -100 or 255)",
        "2147483648 | ignore index = 2147483648 is out of range [-2147483648, 2147483647]",
        "-99999999999999999999 | ignore index = -99999999999999999999 is out of range [-2147483648, 2147483647]",
    })
    void nonWholeOrOutOfIntRangeNumbersAreOneLine(String text, String message) {
        assertEquals(message, assertThrows(InvalidArgumentException.class, () -> Check.wholeNumber("ignore index", text))
                .getMessage());
    }

    @Test
    void focalLossStarNeedsPositiveGamma() {
        assertEquals("gamma = 0.0 is out of range (0, ∞)",
                assertThrows(InvalidArgumentException.class, () -> new FocalLossStar(0, 1)).getMessage());
        assertEquals("target = 2 is out of range {0, 1}",
                assertThrows(InvalidArgumentException.class, () -> new FocalLossStar(2, 1).loss(0, 2)).getMessage());
    }

    @Test
    void gammaRangeMustBeOrderedAndNonNegative() {
        assertEquals("gamma range minimum = -1.0 is out of range [0, ∞)", assertThrows(
                InvalidArgumentException.class, () -> Check.gammaRange("gamma range", -1, 5)).getMessage());
        assertEquals("gamma range [5.0, 5.0] is empty: the minimum must be less than the maximum", assertThrows(
                InvalidArgumentException.class, () -> Check.gammaRange("gamma range", 5, 5)).getMessage());
    }

    @Test
    void perClassAlphaIsCheckedElementByElement() {
        assertEquals("alpha[1] = 2.0 is out of range [0, 1]", assertThrows(InvalidArgumentException.class,
                () -> SoftmaxFocalLoss.builder().alphaPerClass(0.5, 2.0).build()).getMessage());
        assertEquals("alpha has length 2 but 3 was expected", assertThrows(InvalidArgumentException.class,
                () -> SoftmaxFocalLoss.builder().alphaPerClass(0.5, 0.5).build().loss(new double[] {1, 2, 3}, 0))
                .getMessage());
    }
}
