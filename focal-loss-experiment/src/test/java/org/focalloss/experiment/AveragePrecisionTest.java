package org.focalloss.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.focalloss.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AP as scikit-learn defines it: hand-computed cases, then sklearn's own values on the same and random data. */
class AveragePrecisionTest {

    private static final double EXACT = 1e-15;

    static Stream<Arguments> handComputed() {
        return Stream.of(
                // thresholds 0.8: P 1, R ½; 0.4: P ½, R ½; 0.35: P ⅔, R 1 → ½·1 + 0 + ½·⅔ = 5/6
                Arguments.of("sklearn's docstring example", new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8},
                        5.0 / 6),
                Arguments.of("perfect ranking", new int[] {1, 1, 0, 0, 0}, new double[] {0.9, 0.8, 0.3, 0.2, 0.1}, 1.0),
                // positives 4th and 5th: ½·¼ + ½·⅖ = 0.325
                Arguments.of("worst ranking", new int[] {0, 0, 0, 1, 1}, new double[] {0.9, 0.8, 0.3, 0.2, 0.1}, 0.325),
                // one threshold, everything predicted positive: R 1, P = 2/6
                Arguments.of("constant score = positive fraction", new int[] {0, 1, 0, 0, 1, 0},
                        new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, 1.0 / 3),
                // tie at the top counts as one threshold: P ½, R ½; then P ⅔, R 1 → ¼ + ⅓ = 7/12
                Arguments.of("tied positive and negative at the top", new int[] {1, 0, 1, 0},
                        new double[] {0.9, 0.9, 0.5, 0.1}, 7.0 / 12),
                // 3: P 1, R ⅓; 2 (three tied): P 2/4, R ⅔; 1: P 3/6, R 1 → ⅓ + ⅙ + ⅙ = ⅔
                Arguments.of("ties inside", new int[] {1, 0, 0, 1, 1, 0, 0}, new double[] {3, 2, 2, 2, 1, 1, 0}, 2.0 / 3),
                // a single positive ranked k-th from the top gives AP = 1/k
                Arguments.of("one positive ranked third", new int[] {0, 0, 1, 0}, new double[] {9, 8, 7, 6}, 1.0 / 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handComputed")
    void averagePrecisionMatchesTheHandComputedStepSum(String name, int[] labels, double[] scores, double expected) {
        assertEquals(expected, AveragePrecision.of(scores, bools(labels)), EXACT, name);
    }

    @Test
    void tiedScoresFormOneThresholdWhateverTheOrderOfTheTiedExamples() {
        double[] scores = {0.9, 0.9, 0.9, 0.1};
        assertEquals(AveragePrecision.of(scores, bools(new int[] {1, 0, 0, 1})),
                AveragePrecision.of(scores, bools(new int[] {0, 0, 1, 1})), EXACT);
        assertEquals(2, AveragePrecision.curve(scores, bools(new int[] {1, 0, 0, 1})).size());
    }

    @Test
    void rankingIsAllThatMattersSoAMonotoneTransformKeepsTheAp() {
        double[] logits = {-3, 1.5, 0.2, -0.1, 4, -7, 0.3};
        boolean[] y = bools(new int[] {0, 1, 0, 1, 1, 0, 0});
        double[] probabilities = Arrays.stream(logits).map(z -> 1 / (1 + Math.exp(-z))).toArray();
        assertEquals(AveragePrecision.of(logits, y), AveragePrecision.of(probabilities, y), EXACT);
    }

    /** One line of the reference file: name, ap, labels, scores, precision, recall, thresholds. */
    record Reference(String name, double ap, boolean[] labels, double[] scores, double[] precision, double[] recall,
                     double[] thresholds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Reference> sklearn() throws IOException {
        try (InputStream in = AveragePrecisionTest.class.getResourceAsStream("average-precision-sklearn.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .map(l -> l.split("\t")).map(f -> new Reference(f[0], Double.parseDouble(f[1]),
                            bools(Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray()),
                            doubles(f[3]), doubles(f[4]), doubles(f[5]), doubles(f[6])))
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sklearn")
    void averagePrecisionAndCurveEqualScikitLearns(Reference r) {
        assertEquals(r.ap(), AveragePrecision.of(r.scores(), r.labels()), 1e-12, r.name());
        AveragePrecision.Curve c = AveragePrecision.curve(r.scores(), r.labels());
        assertArrayEquals(r.thresholds(), c.threshold(), 0, r.name());
        assertArrayEquals(r.precision(), c.precision(), 1e-15, r.name());
        assertArrayEquals(r.recall(), c.recall(), 1e-15, r.name());
    }

    @Test
    void sklearnReferenceHasTheTiedAndRandomCases() throws IOException {
        assertTrue(sklearn().size() >= 10);
        assertTrue(sklearn().stream().anyMatch(r -> r.name().contains("ties")));
    }

    @Test
    void thinningKeepsTheEndsAndStaysOnTheCurve() {
        int n = 5000;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble() < 0.1;
            s[i] = random.nextGaussian() + (y[i] ? 1 : 0);
        }
        AveragePrecision.Curve c = AveragePrecision.curve(s, y);
        AveragePrecision.Curve t = c.thinned(100);
        assertTrue(t.size() <= 102, "size " + t.size());
        assertEquals(c.recall()[0], t.recall()[0], 0);
        assertEquals(1.0, t.recall()[t.size() - 1], 0);
        assertEquals(c.precision()[c.size() - 1], t.precision()[t.size() - 1], 0);
    }

    @Test
    void badInputGetsOneLineNamingTheProblem() {
        InvalidArgumentException none = assertThrows(InvalidArgumentException.class,
                () -> AveragePrecision.of(new double[] {0.1, 0.2}, new boolean[] {false, false}));
        assertEquals("labels have no positive example: average precision needs at least one", none.getMessage());
        InvalidArgumentException nan = assertThrows(InvalidArgumentException.class,
                () -> AveragePrecision.of(new double[] {0.1, Double.NaN}, new boolean[] {true, false}));
        assertEquals("scores[1] = NaN is out of range [-∞, ∞] (not NaN)", nan.getMessage());
        assertThrows(InvalidArgumentException.class, () -> AveragePrecision.of(new double[] {0.1}, new boolean[2]));
    }

    static boolean[] bools(int[] labels) {
        boolean[] b = new boolean[labels.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = labels[i] == 1;
        }
        return b;
    }

    private static double[] doubles(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
