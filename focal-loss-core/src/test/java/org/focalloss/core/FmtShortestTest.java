package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Fmt#plain} and {@link Fmt#full} print the shortest digits that read back to the same double, as
 * JDK 19+ and JavaScript do, on every JDK (JDK 17's {@code Double.toString} prints extra digits for some values).
 */
class FmtShortestTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "1e23,                    1.0E23",          // JDK 17: 9.999999999999999E22
        "8.41e21,                 8.41E21",         // JDK 17: 8.409999999999999E21
        "9.9e-324,                9.9E-324",        // JDK 17: 1.0E-323
        "4.9e-324,                4.9E-324",        // two digits, the closer: not 5.0E-324
        "-1.0,                    -1.0",
        "0.25,                    0.25",
        "2,                       2.0",
        "0.001,                   0.001",
        "9.99e-4,                 9.99E-4",
        "1e7,                     1.0E7",
        "9999999.5,               9999999.5",
        "0.5621429636521977,      0.5621429636521977",
        "1.7976931348623157e308,  1.7976931348623157E308",
    })
    void plainPrintsTheShortestDigitsInJavasLayout(double x, String expected) {
        assertEquals(expected, Fmt.plain(x));
        assertEquals(expected.startsWith("-") ? expected : expected, Fmt.full(x));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"10000, 10000", "1e-5, 0.00001", "-0.8, -0.8", "1.50, 1.5", "0, 0", "-0.0, 0", "1e23, 100000000000000000000000"})
    void decimalHasNoExponentAndNoTrailingZeros(double x, String expected) {
        assertEquals(expected, Fmt.decimal(x));
    }

    @Test
    void randomDoublesReadBackAndAreNeverLongerThanDoubleToString() {
        Random rnd = new Random(17);
        for (int i = 0; i < 100_000; i++) {
            double x = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(x) || x == 0) {
                continue;
            }
            String s = Fmt.plain(x);
            assertEquals(x, Double.parseDouble(s), 0, s);
            assertTrue(digits(s) <= digits(Double.toString(x)), s + " vs " + Double.toString(x));
        }
    }

    private static int digits(String s) {
        String m = s.contains("E") ? s.substring(0, s.indexOf('E')) : s;
        return new BigDecimal(m).stripTrailingZeros().precision();
    }
}
