package org.focalloss.exercises;

import org.focalloss.core.FocalLoss;
import org.focalloss.core.Fmt;

/**
 * Self-checks for the exercises of notebook 01 (focal loss against cross-entropy). In a notebook:
 * <pre>{@code
 * double answer1 = 3;                       // your answer
 * Exercises01.check(1, answer1);            // prints ✓ and why, or ✗ and a hint
 * Exercises01.discuss(3);                   // an open question: prints what to look at
 * }</pre>
 * The right answers are computed from the library when a check runs, never stored; a hint names what is
 * off, never the value.
 */
public final class Exercises01 {

    private static final double PT = 0.9;

    private static final Sheet SHEET = new Sheet(1)
            .answer(1, () -> {
                double gamma = Solve.root(g -> 1 / FocalLoss.modulator(PT, g) - 1000, 0, 20);
                double gamma100 = Solve.root(g -> 1 / FocalLoss.modulator(PT, g) - 100, 0, 20);
                return Answer.of(gamma, "at p_t = 0.9 every unit of γ divides the modulator (1 − p_t)^γ by 1/(1 − p_t) = 10,"
                                + " so 1,000× takes three of them.",
                        "compute FocalLoss.headline(gamma, 0.9) for your γ and read the suppression it reports.",
                        Answer.Mistake.near(gamma100, "at this γ the headline reports 100×, not 1,000×: one more step of γ."),
                        Answer.Mistake.near(Math.log(1000), "log base: you solved e^γ = 1,000, but the suppression at"
                                + " p_t = 0.9 is (1/(1 − p_t))^γ, a power of 1/0.1, not of e."),
                        Answer.Mistake.near(1000, "that is the suppression itself; the exercise asks for the γ that gives it."),
                        Answer.Mistake.when(a -> a > gamma, "the headline reports more than 1,000× here, but a smaller γ"
                                + " already gets there: look for the smallest."),
                        Answer.Mistake.when(a -> a < gamma, "the headline reports less than 1,000× here: raise γ."));
            })
            .answer(2, () -> {
                double pt = 0.99;
                double ratio = FocalLoss.crossEntropy(pt) / FocalLoss.loss(pt, 2);
                return Answer.of(ratio, "CE/FL is 1/(1 − p_t)^γ exactly (FL is CE times the modulator), "
                                + Fmt.value(ratio) + " at p_t = 0.99 with γ = 2.",
                        "divide CE by FL at p_t = 0.99 with γ = 2 (FocalLoss.crossEntropy and FocalLoss.loss).",
                        Answer.Mistake.near(FocalLoss.crossEntropy(pt) / FocalLoss.loss(pt, 1),
                                "that is the ratio for γ = 1: with γ = 2 the modulator (1 − p_t) is squared."),
                        Answer.Mistake.near(FocalLoss.loss(pt, 2) / FocalLoss.crossEntropy(pt),
                                "that is FL/CE, the modulator itself; the exercise asks how many times CE exceeds FL."),
                        Answer.Mistake.near(FocalLoss.crossEntropy(0.5) / FocalLoss.loss(0.5, 2),
                                "that is the ratio at p_t = 0.5; the answer cell asks for p_t = 0.99."));
            })
            .discussion(3, "−log p_t grows without bound as p_t → 0, so near the left edge every curve climbs; a"
                    + " curve is cut where it passes the y ceiling, and a larger γ lowers a curve mostly where p_t is large.")
            .discussion(4, "run your cell: the headline should name p_t = 0.99, and at γ = 0 it should say the"
                    + " cross-entropy loss is left unchanged.")
            .discussion(5, "the chart's legend() lists the labels the chart now shows, in order: compare them with the labels"
                    + " you passed to labels(...) and with the default chart's.");

    private Exercises01() {
    }

    /**
     * Prints the verdict on an answer: ✓ and why, ✗ and a hint, or a note.
     *
     * @param exercise the exercise's number, 1 to 5
     * @param answer your answer (Double.NaN: not answered yet)
     */
    public static void check(int exercise, double answer) {
        System.out.println(verdict(exercise, answer).text());
    }

    /**
     * @param exercise the exercise's number, 1 to 5
     * @param answer the answer
     * @return the verdict, without printing it
     */
    public static Verdict verdict(int exercise, double answer) {
        return SHEET.verdict(exercise, answer);
    }

    /**
     * Prints the note of an open question (exercises 3 to 5).
     *
     * @param exercise the exercise's number
     */
    public static void discuss(int exercise) {
        System.out.println(SHEET.discuss(exercise).text());
    }

    /**
     * @param exercise the exercise's number
     * @return the note of an open question, or an INVALID verdict for a checked exercise
     */
    public static Verdict discussion(int exercise) {
        return SHEET.discuss(exercise);
    }
}
