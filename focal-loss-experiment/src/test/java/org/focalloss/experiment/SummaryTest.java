package org.focalloss.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.focalloss.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** Mean ± sample standard deviation of per-seed results, against values worked by hand. */
class SummaryTest {

    @Test
    void meanAndSampleStandardDeviationOfThreeValues() {
        // 0.2, 0.3, 0.4: mean 0.3, squared deviations 0.01 + 0 + 0.01 over n − 1 = 2 → sd = 0.1
        Experiment.Summary s = Experiment.Summary.of(0.2, 0.3, 0.4);
        assertEquals(0.3, s.mean(), 1e-15);
        assertEquals(0.1, s.sd(), 1e-15);
        assertEquals(0.2, s.min(), 0);
        assertEquals(0.4, s.max(), 0);
        assertEquals(3, s.n());
        assertEquals("0.300 ± 0.100 (0.20–0.40, 3 seeds)", s.toString());
    }

    @Test
    void oneValueHasNoSpread() {
        Experiment.Summary s = Experiment.Summary.of(0.25);
        assertEquals(0, s.sd(), 0);
        assertEquals("0.250 ± 0.000 (0.25–0.25, 1 seed)", s.toString());
    }

    @Test
    void noValueIsRefusedInOneLine() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, Experiment.Summary::of);
        assertEquals("values are empty: give at least one value to summarise", e.getMessage());
    }
}
