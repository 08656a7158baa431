package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Formatting rules, which the explorer's script must follow to the letter (JavaScript's toFixed semantics). */
class FmtTest {

    @ParameterizedTest(name = "fixed({0}, {1}) = {2}")
    @CsvSource({
        "0.01, 3, 0.010", "2, 2, 2.00", "0.125, 2, 0.13", "0.0105, 3, 0.011", "1.005, 2, 1.00",
        "99.99999999999991, 0, 100", "-0.0001, 2, -0.00", "0.5, 0, 1",
    })
    void fixedRoundsTheExactBinaryValueHalfUp(double x, int digits, String expected) {
        assertEquals(expected, Fmt.fixed(x, digits));
    }

    @ParameterizedTest(name = "exponential({0}, {1}) = {2}")
    @CsvSource({"1e-5, 1, 1.0e-05", "2.5353610976403597e-05, 4, 2.5354e-05", "12345, 2, 1.23e+04",
        "0, 1, 0.0e+00", "1e-100, 1, 1.0e-100", "9.96e-5, 1, 1.0e-04"})
    void exponentialHasATwoDigitExponent(double x, int digits, String expected) {
        assertEquals(expected, Fmt.exponential(x, digits));
    }

    @ParameterizedTest(name = "grouped({0}) = {1}")
    @CsvSource(delimiter = '|', value = {"100 | 100", "1868.4 | 1,868", "100000 | 100,000", "999999.6 | 1,000,000"})
    void groupedUsesCommas(double x, String expected) {
        assertEquals(expected, Fmt.grouped(x));
    }

    @ParameterizedTest(name = "trimmed({0}) = {1}")
    @CsvSource({"0.9, 0.9", "1.0, 1", "0.99, 0.99", "0.123456, 0.1235", "0, 0"})
    void trimmedDropsTrailingZeros(double x, String expected) {
        assertEquals(expected, Fmt.trimmed(x, 4));
    }

    @Test
    void formattingIgnoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("0.562143", Fmt.value(0.5621429636521977));
            assertEquals("1,868", Fmt.grouped(1868.4));
            assertEquals("Focal loss with γ = 2.00. At p_t = 0.9 the modulating factor is 0.010, suppressing the"
                    + " cross-entropy loss by 100×.", Headline.sentence(2, 0.9));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
