package org.focalloss.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every self-check against answers derived by hand from the formulas (not from the library): the right
 * answer gives ✓, typical wrong answers give ✗ with the hint that names their mistake, the placeholder gives
 * "not answered yet", and no hint contains the right answer.
 */
class ExercisesTest {

    private static final double LN2 = Math.log(2);

    /** The edit-me cell of notebook 02: the true class's logit at which 1/(α(1 − p_t)^γ) reaches r. */
    private static double editMeLogit(double alpha, double ratio) {
        double others = Math.exp(0.5) + Math.exp(-1.0) + Math.exp(0.1);
        double oneMinusPt = Math.sqrt(1 / (alpha * ratio));
        return Math.log(others * (1 - oneMinusPt) / oneMinusPt);
    }

    /** Worked example 2 (logits 1.5, −0.8, 0.2), γ = 2, α = 1, true class t, by hand. */
    private static double hardExample(int t) {
        double[] z = {1.5, -0.8, 0.2};
        double sum = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
        double pt = Math.exp(z[t]) / sum;
        return Math.pow(1 - pt, 2) * -Math.log(pt);
    }

    /** Negatives' share of the initial FL (γ = 2, α = 0.25), 100 positives among 100,000 anchors, all at p. */
    private static double share(double p) {
        double pos = 0.25 * Math.pow(1 - p, 2) * -Math.log(p);
        double neg = 0.75 * Math.pow(p, 2) * -Math.log(1 - p) * 99_900 / 100;
        return neg / (pos + neg);
    }

    /**
     * Keras' smoothed binary FL (γ = 2, s = 0.05) written out: t = 1 − s/2, p_t = t·p + (1 − t)(1 − p),
     * FL = (1 − p_t)^2 · −(t log p + (1 − t) log(1 − p)); its minimum over a grid of step 1e-6.
     */
    private static double smoothedMinimumByHand() {
        double t = 1 - 0.05 / 2;
        double best = Double.POSITIVE_INFINITY;
        double arg = Double.NaN;
        for (int i = 0; i < 100_000; i++) {
            double p = 0.95 + i * 1e-6 * 0.5;
            double pt = t * p + (1 - t) * (1 - p);
            double fl = Math.pow(1 - pt, 2) * -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
            if (fl < best) {
                best = fl;
                arg = p;
            }
        }
        return arg;
    }

    private static Verdict verdict(int notebook, int exercise, double answer) {
        return switch (notebook) {
            case 1 -> Exercises01.verdict(exercise, answer);
            case 2 -> Exercises02.verdict(exercise, answer);
            case 3 -> Exercises03.verdict(exercise, answer);
            case 4 -> Exercises04.verdict(exercise, answer);
            case 5 -> Exercises05.verdict(exercise, answer);
            case 6 -> Exercises06.verdict(exercise, answer);
            default -> throw new IllegalArgumentException("notebook " + notebook);
        };
    }

    /** notebook, exercise, the right answer, derived by hand. */
    static Stream<Arguments> rightAnswers() {
        double gamma031 = (Math.log(1e6) - Math.log(Math.log(0.1) / Math.log(0.9))) / Math.log(9);
        return Stream.of(
                Arguments.of(1, 1, 3.0),
                Arguments.of(1, 2, 10_000.0),
                Arguments.of(2, 1, editMeLogit(0.25, 1000)),
                Arguments.of(2, 1, editMeLogit(0.25, 1000) + 0.04),      // to 0.05, as read off the edit-me cell
                Arguments.of(2, 2, 4.0),
                Arguments.of(2, 3, 0.0625 * LN2),
                Arguments.of(2, 3, 0.0433),                               // copied with three digits
                Arguments.of(2, 4, hardExample(1)),
                Arguments.of(3, 1, gamma031),
                Arguments.of(3, 2, 0.5),
                Arguments.of(3, 3, share(0.001)),
                Arguments.of(5, 1, -Math.log(0.7) * (1 - Math.pow(0.3 / 0.7, 2))),
                Arguments.of(5, 2, 0.1 * 0.25 * LN2 / 0.125),
                Arguments.of(5, 4, smoothedMinimumByHand()));
    }

    @ParameterizedTest(name = "notebook {0} exercise {1}: {2} is right")
    @MethodSource("rightAnswers")
    void theRightAnswerGetsATick(int notebook, int exercise, double answer) {
        Verdict v = verdict(notebook, exercise, answer);
        assertEquals(Verdict.Kind.RIGHT, v.kind(), v.text());
        assertTrue(v.text().startsWith("✓ Exercise 0" + notebook + "." + exercise + ": "), v.text());
    }

    /** notebook, exercise, a typical wrong answer, a fragment of the hint that must name its mistake. */
    static Stream<Arguments> wrongAnswers() {
        double gamma031 = (Math.log(1e6) - Math.log(Math.log(0.1) / Math.log(0.9))) / Math.log(9);
        return Stream.of(
                Arguments.of(1, 1, 2.0, "100×"),
                Arguments.of(1, 1, Math.log(1000), "log base"),
                Arguments.of(1, 1, 1000.0, "suppression itself"),
                Arguments.of(1, 1, 5.0, "smallest"),
                Arguments.of(1, 2, 100.0, "γ = 1"),
                Arguments.of(1, 2, 1e-4, "FL/CE"),
                Arguments.of(2, 1, editMeLogit(1, 1000), "factor of α"),
                Arguments.of(2, 1, 0.94, "probability"),
                Arguments.of(2, 1, 3.0, "not yet above 1,000×"),
                Arguments.of(2, 1, 6.0, "well past 1,000×"),
                Arguments.of(2, 2, 1.0, "factor of α"),
                Arguments.of(2, 2, 0.25, "FL/CE"),
                Arguments.of(2, 3, 0.25 * LN2, "factor of α"),
                Arguments.of(2, 3, -0.0625 * LN2, "sign"),
                Arguments.of(2, 3, 0.0625 * Math.log10(2), "log base"),
                Arguments.of(2, 3, 0.0625, "log base"),
                Arguments.of(2, 4, 0.25 * hardExample(1), "factor of α"),
                Arguments.of(2, 4, hardExample(0), "class index"),
                Arguments.of(2, 4, hardExample(2), "class index"),
                Arguments.of(3, 1, 5.0, "between the table's columns"),
                Arguments.of(3, 1, Math.log(1e6) / Math.log(9), "cross-entropy ratio"),
                Arguments.of(3, 1, gamma031 + 1, "FocalLoss.loss(0.1, γ)"),
                Arguments.of(3, 2, 0.25, "unequal"),
                Arguments.of(3, 2, 0.75, "unequal"),
                Arguments.of(3, 3, share(0.5), "without the prior"),
                Arguments.of(3, 3, 100 * share(0.001), "percentage"),
                Arguments.of(3, 3, share(0.01), "π = 0.01"),
                Arguments.of(5, 1, -Math.log(0.7) * (Math.pow(0.3 / 0.7, 2) - 1), "sign"),
                Arguments.of(5, 1, Math.pow(0.3 / 0.7, 2), "difference of two losses"),
                Arguments.of(5, 2, 0.1 * 0.25 * LN2 / 0.25, "exponent"),
                Arguments.of(5, 2, 0.1 * 0.25 * LN2 / 0.5, "exponent"),
                Arguments.of(5, 2, 0.25 * LN2 / 0.125, "10 %"),
                Arguments.of(5, 4, 0.975, "smoothed target 1 − s/2"),
                Arguments.of(5, 4, 0.95, "not to 1 − s"),
                Arguments.of(5, 4, 1.0, "infinite"));
    }

    @ParameterizedTest(name = "notebook {0} exercise {1}: {2} → hint \"{3}\"")
    @MethodSource("wrongAnswers")
    void aTypicalWrongAnswerGetsTheHintForItsMistake(int notebook, int exercise, double answer, String hint) {
        Verdict v = verdict(notebook, exercise, answer);
        assertEquals(Verdict.Kind.WRONG, v.kind(), v.text());
        assertTrue(v.text().startsWith("✗ Exercise 0" + notebook + "." + exercise + ": "), v.text());
        assertTrue(v.message().contains(hint), v.message() + " should contain " + hint);
    }

    @ParameterizedTest(name = "notebook {0} exercise {1}: the hint for {2} does not give away {3}")
    @MethodSource("hintsThatMustNotGiveTheAnswerAway")
    void noHintContainsTheAnswer(int notebook, int exercise, double wrong, String answerText) {
        assertFalse(verdict(notebook, exercise, wrong).message().contains(answerText));
    }

    static Stream<Arguments> hintsThatMustNotGiveTheAnswerAway() {
        return Stream.of(
                Arguments.of(1, 2, 100.0, "10,000"), Arguments.of(1, 2, 100.0, "10000"),
                Arguments.of(2, 1, 3.0, "3.83"), Arguments.of(2, 1, 6.0, "3.83"),
                Arguments.of(2, 3, 0.0625, "0.0433"), Arguments.of(2, 4, 0.5621, "2.24"),
                Arguments.of(3, 1, 5.0, "4.8"), Arguments.of(3, 2, 0.25, "0.5 "),
                Arguments.of(5, 2, 0.0693, "0.138"), Arguments.of(5, 4, 0.975, "0.997"));
    }

    @ParameterizedTest(name = "notebook {0} exercise {1}: the placeholder is not answered yet")
    @MethodSource("rightAnswers")
    void thePlaceholderIsNotAnsweredYet(int notebook, int exercise, double ignored) {
        assertEquals(Verdict.Kind.NOT_ANSWERED, verdict(notebook, exercise, Double.NaN).kind());
    }

    @Test
    void exerciseFiveThreeTakesAName() {
        assertEquals(Verdict.Kind.RIGHT, Exercises05.verdict(3, "VFL").kind());
        assertEquals(Verdict.Kind.RIGHT, Exercises05.verdict(3, " vfl ").kind());
        assertTrue(Exercises05.verdict(3, "QFL").message().contains("divide each loss by plain BCE"));
        assertTrue(Exercises05.verdict(3, "same").message().contains("not the same loss"));
        assertEquals(Verdict.Kind.WRONG, Exercises05.verdict(3, "FL").kind());
        assertEquals(Verdict.Kind.NOT_ANSWERED, Exercises05.verdict(3, (String) null).kind());
        assertEquals(Verdict.Kind.NOT_ANSWERED, Exercises05.verdict(3, "").kind());
        assertEquals(Verdict.Kind.INVALID, Exercises05.verdict(3, 0.5).kind());
    }

    @Test
    void vflDampsAnEasyNegativeMoreThanQflByItsAlpha() {
        // by hand at p = 0.1, target 0: QFL = p^2·BCE, VFL = 0.75·p^2·BCE
        assertEquals(0.01, Exercises05.qflKeeps(), 1e-12);
        assertEquals(0.0075, Exercises05.vflKeeps(), 1e-12);
    }

    @ParameterizedTest(name = "notebook {0} exercise {1} is a discussion")
    @MethodSource("discussions")
    void openQuestionsGetANoteNotACheck(int notebook, int exercise) {
        Verdict v = verdict(notebook, exercise, 1.0);
        assertEquals(Verdict.Kind.DISCUSSION, v.kind(), v.text());
        assertTrue(v.text().startsWith("💬 Exercise 0" + notebook + "." + exercise + ": an open question, no check."));
    }

    static Stream<Arguments> discussions() {
        return Stream.of(Arguments.of(1, 3), Arguments.of(1, 4), Arguments.of(1, 5), Arguments.of(3, 4),
                Arguments.of(4, 1), Arguments.of(4, 2), Arguments.of(4, 3), Arguments.of(4, 4), Arguments.of(5, 5),
                Arguments.of(6, 1), Arguments.of(6, 2), Arguments.of(6, 3), Arguments.of(6, 4));
    }

    @Test
    void anExerciseThatDoesNotExistGetsOneLineWithItsRange() {
        Verdict v = Exercises01.verdict(7, 1.0);
        assertEquals(Verdict.Kind.INVALID, v.kind());
        assertEquals("⚠ Exercise 01.7: exercise = 7 is out of range [1, 5]: notebook 01 has 5 exercises.", v.text());
        assertEquals(Verdict.Kind.INVALID, Exercises02.discussion(1).kind());
    }

    @Test
    void checkPrintsTheVerdictOnOneLine() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Exercises02.check(2, 1.0);
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("✗ Exercise 02.2: a factor of α"), printed);
        assertEquals(1, printed.lines().count());
    }
}
