package org.focalloss.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.focalloss.core.InvalidArgumentException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DetectionDataTest {

    private static DetectionData.DataSet data;

    @BeforeAll
    static void generate() {
        data = DetectionData.generate();
    }

    @Test
    void defaultCountsAreExactOnePositivePerThousandAndTenHardNegativesEach() {
        DetectionData.Split train = data.train();
        assertEquals(100_000, train.size());
        assertEquals(100, train.count(DetectionData.POSITIVE));
        assertEquals(1_000, train.count(DetectionData.HARD_NEGATIVE));
        assertEquals(98_900, train.count(DetectionData.EASY_NEGATIVE));
        DetectionData.Split test = data.test();
        assertEquals(200_000, test.size());
        assertEquals(200, test.positives());
        assertEquals(2_000, test.count(DetectionData.HARD_NEGATIVE));
        float sum = 0;
        for (float t : train.target()) {
            sum += t;
        }
        assertEquals(100, sum, 0);
    }

    @Test
    void sameSeedGivesTheSamePointsAndAnotherSeedOthers() {
        DetectionData.DataSet again = DetectionData.generate(DetectionData.Config.defaults());
        assertArrayEquals(data.train().x(), again.train().x(), 0);
        assertArrayEquals(data.test().kind(), again.test().kind());
        assertArrayEquals(data.centres(), again.centres(), 0);
        DetectionData.DataSet other = DetectionData.generate(DetectionData.Config.defaults().withSeed(2));
        assertFalse(Arrays.equals(data.train().x(), other.train().x()));
        assertEquals(100, other.train().positives());
    }

    @Test
    void easyNegativesAreInTheBoxAndOutsideEveryClearanceDisc() {
        DetectionData.Split s = data.train();
        double d = data.config().clearance();
        double nearestEasy = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            if (s.kind()[i] == DetectionData.EASY_NEGATIVE) {
                assertTrue(Math.abs(s.x()[2 * i]) <= 1 && Math.abs(s.x()[2 * i + 1]) <= 1);
                nearestEasy = Math.min(nearestEasy, nearestCentre(s.x()[2 * i], s.x()[2 * i + 1]));
            }
        }
        assertTrue(nearestEasy >= d, "nearest easy negative at " + nearestEasy);
    }

    @Test
    void hardNegativesRingThePositivesAtTheConfiguredRadius() {
        DetectionData.Split s = data.train();
        double pos = 0;
        double hard = 0;
        for (int i = 0; i < s.size(); i++) {
            double r = nearestCentre(s.x()[2 * i], s.x()[2 * i + 1]);
            pos += s.kind()[i] == DetectionData.POSITIVE ? r : 0;
            hard += s.kind()[i] == DetectionData.HARD_NEGATIVE ? r : 0;
        }
        // E|x − c| for a 2-D Gaussian is σ√(π/2) ≈ 0.0627; the ring's mean radius is R = 0.14
        assertEquals(0.05 * Math.sqrt(Math.PI / 2), pos / 100, 0.01);
        assertEquals(0.14, hard / 1000, 0.005);
    }

    @Test
    void eachDensityIntegratesToOneOverThePlane() {
        // midpoint rule over [−1.3, 1.3]², which holds all the mass of the three components
        int n = 1300;
        double h = 2.6 / n;
        double[] total = new double[3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] f = data.densities(-1.3 + (i + 0.5) * h, -1.3 + (j + 0.5) * h);
                for (int k = 0; k < 3; k++) {
                    total[k] += f[k] * h * h;
                }
            }
        }
        assertEquals(1, total[0], 1e-3, "positives");
        assertEquals(1, total[1], 2e-3, "hard negatives");
        assertEquals(1, total[2], 5e-3, "easy negatives (the discs' edges cut grid cells)");
    }

    @Test
    void posteriorMatchesTheFrequencyOfPositivesAmongNearbyPoints() {
        // pool the test points by posterior decile of the positives' range: the observed fraction of positives
        // in a bin must agree with the mean posterior there (calibration of the exact posterior)
        double[] p = data.posteriors(data.test());
        boolean[] y = data.test().labels();
        double[] edges = {0.05, 0.2, 0.5, 1.0001};
        double lo = 0.0;
        for (double hi : edges) {
            double sumP = 0;
            int count = 0;
            int positives = 0;
            for (int i = 0; i < p.length; i++) {
                if (p[i] >= lo && p[i] < hi) {
                    sumP += p[i];
                    count++;
                    positives += y[i] ? 1 : 0;
                }
            }
            if (count > 50) {
                double expected = sumP / count;
                double se = Math.sqrt(expected * (1 - expected) / count);
                assertEquals(expected, (double) positives / count, 4 * se + 1e-3, "bin [" + lo + ", " + hi + ")");
            }
            lo = hi;
        }
    }

    @Test
    void bayesApEqualsRankingByDistanceToTheNearestCentreBecauseThePosteriorFallsWithIt() {
        double bayes = data.bayesAp();
        // with the clusters' discs apart, f_pos/f_hard = exp(−r²/2σ_p²)·r / exp(−(r − R)²/2σ_r²)·const falls
        // with the distance r to the nearest centre, and easy negatives only live beyond D: ranking by −r is the
        // Bayes ranking, computed without any density (up to far-away points whose posterior underflows to 0)
        double[] closeness = new double[data.test().size()];
        for (int i = 0; i < closeness.length; i++) {
            closeness[i] = -nearestCentre(data.test().x()[2 * i], data.test().x()[2 * i + 1]);
        }
        double rule = AveragePrecision.of(closeness, data.test().labels());
        assertEquals(rule, bayes, 1e-4, "Bayes vs distance rule");
        assertTrue(bayes > 0.5 && bayes < 1, "ceiling " + bayes);
    }

    @Test
    void configOutOfRangeGetsOneLine() {
        assertEquals("positiveRate = 0.0 is out of range (0, 0.5]", assertThrows(InvalidArgumentException.class,
                () -> DetectionData.Config.defaults().withImbalance(0, 10)).getMessage());
        assertThrows(InvalidArgumentException.class, () -> DetectionData.Config.defaults().withClusters(40));
        assertThrows(InvalidArgumentException.class, () -> DetectionData.Config.defaults().withSize(10, 1000));
    }

    private static double nearestCentre(double x0, double x1) {
        double best = Double.POSITIVE_INFINITY;
        double[] c = data.centres();
        for (int k = 0; k < c.length / 2; k++) {
            best = Math.min(best, Math.hypot(x0 - c[2 * k], x1 - c[2 * k + 1]));
        }
        return best;
    }
}
