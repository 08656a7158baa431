package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalculatorTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"1.5, -0.8, 0.2", "1.5,-0.8,0.2", " 1.5  −0.8  0.2 ", "[1.5, -0.8, 0.2]", "1.5; -0.8; .2",
        "+1.5,-8e-1,2E-1"})
    void logitsParseWithSpacesUnicodeMinusAndBrackets(String text) {
        assertArrayEquals(new double[] {1.5, -0.8, 0.2}, Calculator.parseLogits(text), 1e-15);
    }

    @Test
    void commaIsASeparatorNotADecimalMark() {
        assertArrayEquals(new double[] {1, 5}, Calculator.parseLogits("1,5"), 0);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "1.5, abc, 0.2 | logit 2 = \"abc\" is not a number (expected e.g. 1.5 or -0.8)",
        "1.5, NaN      | logit 2 = \"NaN\" is not a number (expected e.g. 1.5 or -0.8)",
        "1e400         | logit 1 = \"1e400\" is too large: numbers must lie within ±1.8e308 (Double.MAX_VALUE)",
        "0x10          | logit 1 = \"0x10\" is not a number (expected e.g. 1.5 or -0.8)",
        "1.5d          | logit 1 = \"1.5d\" is not a number (expected e.g. 1.5 or -0.8)",
    })
    void badLogitsAreNamedByPosition(String text, String message) {
        assertEquals(message, assertThrows(InvalidArgumentException.class, () -> Calculator.parseLogits(text))
                .getMessage());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   ", "[]", ", ,"})
    void emptyLogitsAreRejected(String text) {
        assertEquals("logits are empty: give numbers separated by commas, e.g. \"1.5, -0.8, 0.2\"",
                assertThrows(InvalidArgumentException.class, () -> Calculator.parseLogits(text)).getMessage());
    }

    @Test
    void targetOutOfRangeIsNamed() {
        assertEquals("target = 3 is out of range [0, 2] for 3 classes", assertThrows(InvalidArgumentException.class,
                () -> Calculator.calculate("1.5, -0.8, 0.2", 3)).getMessage());
    }

    @Test
    void resultListsEveryQuantity() {
        CalculatorResult r = WorkedExample.HARD.result();
        String text = r.toText();
        assertTrue(text.contains("0.562143"), text);
        assertTrue(text.contains("1 *"), text);
        String md = r.toMarkdown();
        assertTrue(md.contains("| **1 (true)** | -0.8 | 0.073033 |"), md);
        assertTrue(md.contains("| FL = α·(1 − p_t)^γ·CE | 0.562143 |"), md);
        assertTrue(md.contains("| CE / FL = 1 / (α·(1 − p_t)^γ) | 4.7× |"), md);
    }

    @Test
    void csvHasFullPrecisionAndReadsBack() {
        CalculatorResult r = WorkedExample.HARD.result();
        String[] lines = r.toCsv().split("\n");
        assertEquals("quantity,value", lines[0]);
        java.util.Map<String, Double> values = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] kv = lines[i].split(",");
            values.put(kv[0], Double.parseDouble(kv[1]));
        }
        assertEquals(r.loss(), values.get("fl"), 0);
        assertEquals(r.pt(), values.get("p_t"), 0);
        assertEquals(r.probabilities()[0], values.get("p_0"), 0);
        assertEquals(1.0, values.get("target"), 0);
        assertEquals(r.crossEntropy() / r.loss(), values.get("ce_over_fl"), 1e-14 * values.get("ce_over_fl"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "logits {0}, target {1}, α = {2}: CE / FL = {3}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        // p_t underflows to 0: CE and FL are both large, their ratio is the limit 1/α, never NaN
        "0, 1e6   | 0 | 0.25 | 4.0×",
        "0, 1e300 | 0 | 0.5  | 2.0×",
        // p_t = 1 in double precision: FL = 0, so CE / FL is infinite
        "1e6, 0   | 0 | 0.25 | ∞",
        // α = 0 silences every example
        "1.5, -0.8, 0.2 | 1 | 0 | ∞",
    })
    void ratioAtTheEdgesIsItsLimitNotNaN(String logits, int target, double alpha, String text) {
        CalculatorResult r = Calculator.calculate(logits, target, 2, alpha);
        assertEquals(text, r.quantities().get(4).text());
        assertTrue(r.toText().contains(text) && !r.toText().contains("NaN"), r.toText());
        assertTrue(!r.headline().contains("NaN"), r.headline());
    }

    @Test
    void suppressionIsCrossEntropyOverFocalLoss() {
        CalculatorResult r = Calculator.calculate("2, 0", 0, 2, 1);
        double pt = 1 / (1 + Math.exp(-2));
        assertEquals(1 / ((1 - pt) * (1 - pt)), r.suppression(), 1e-12);
    }
}
