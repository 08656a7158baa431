package org.focalloss.exercises;

import org.focalloss.core.FocalLoss;
import org.focalloss.core.Fmt;
import org.focalloss.core.PriorInitialization;
import org.focalloss.core.SigmoidFocalLoss;

/**
 * Self-checks for the exercises of notebook 03 (easy against hard examples, α), computed from the library
 * ({@link FocalLoss}, {@link SigmoidFocalLoss}, {@link PriorInitialization}). Usage as in {@link Exercises01}.
 */
public final class Exercises03 {

    static double hardOverEasy(double gamma) {
        return FocalLoss.loss(0.1, gamma) / FocalLoss.loss(0.9, gamma);
    }

    /** The negatives' share of the initial loss (100,000 anchors, 100 positives, γ = 2, α = 0.25) at bias b. */
    static double negativesShare(double bias) {
        PriorInitialization.InitialLoss l = PriorInitialization.initialLoss(100_000, 100, bias,
                SigmoidFocalLoss.builder().gamma(2).alpha(0.25).build());
        return l.fromNegatives() / (l.fromPositives() + l.fromNegatives());
    }

    private static final Sheet SHEET = new Sheet(3)
            .answer(1, () -> {
                double gamma = Solve.root(g -> Math.log(hardOverEasy(g)) - Math.log(1e6), 0, 20);
                double withoutCe = Math.log(1e6) / Math.log(0.9 / 0.1);
                return Answer.of(gamma, "the ratio is CE(0.1)/CE(0.9)·9^γ: cross-entropy already gives the hard example"
                                + " a lead of " + Fmt.value(hardOverEasy(0)) + "×, and each unit of γ multiplies it by 9.",
                        "solve FocalLoss.loss(0.1, γ) / FocalLoss.loss(0.9, γ) = 10^6 for γ (two decimals).",
                        Answer.Mistake.near(5, "the ratio passes 10^6 between the table's columns: at γ = 5 it is already "
                                + Fmt.grouped(hardOverEasy(5)) + "×; solve for the γ where it is exactly 10^6."),
                        Answer.Mistake.near(withoutCe, "you left out the cross-entropy ratio at γ = 0: the hard example"
                                + " already outweighs the easy one before any modulation."));
            })
            .answer(2, () -> {
                double alpha = Solve.root(a -> {
                    SigmoidFocalLoss l = SigmoidFocalLoss.builder().gamma(2).alpha(a).build();
                    return l.loss(1.0, 1) - l.loss(-1.0, 0);
                }, 0, 1);
                return Answer.of(alpha, "α_t is α for the positive and 1 − α for the negative; with the same p_t the"
                                + " losses are equal exactly when the two weights are.",
                        "build SigmoidFocalLoss.builder().gamma(2).alpha(a).build() and compare loss(1.0, 1) with loss(-1.0, 0).",
                        Answer.Mistake.near(0.25, "with RetinaNet's α = 0.25 the positive gets α_t = 0.25 and the negative"
                                + " 1 − α = 0.75: unequal."),
                        Answer.Mistake.near(0.75, "with α = 0.75 the positive gets 0.75 and the negative 1 − α = 0.25: unequal."));
            })
            .answer(3, () -> {
                double share = negativesShare(PriorInitialization.bias(0.001));
                return Answer.of(share, "with b = −log((1 − π)/π) every anchor starts at p = π; the smaller π, the less"
                                + " each easy negative contributes.",
                        "PriorInitialization.initialLoss(100_000, 100, PriorInitialization.bias(0.001), loss): the"
                                + " negatives' share is fromNegatives / (fromPositives + fromNegatives).",
                        Answer.Mistake.near(negativesShare(0), "that is the share without the prior (b = 0): set the bias"
                                + " to PriorInitialization.bias(0.001)."),
                        Answer.Mistake.near(100 * share, "percentage: give the share as a fraction between 0 and 1."),
                        Answer.Mistake.near(negativesShare(PriorInitialization.bias(0.01)), "that is the notebook's"
                                + " π = 0.01; the answer cell asks for π = 0.001."),
                        Answer.Mistake.near(negativesShare(PriorInitialization.bias(0.1)), "that is π = 0.1; the answer"
                                + " cell asks for π = 0.001."),
                        Answer.Mistake.near(share / (1 - share), "that is negatives / positives; the share divides by"
                                + " the total (positives + negatives)."));
            })
            .discussion(4, "the library's gradient at p_t = 1 is 0 for every γ > 0, also for γ < 1 where the naive"
                    + " chain rule multiplies (1 − p_t)^(γ − 1) = ∞ by 0 and gives NaN; look at the right end of your chart.");

    private Exercises03() {
    }

    /**
     * Prints the verdict on an answer: ✓ and why, ✗ and a hint, or a note.
     *
     * @param exercise the exercise's number
     * @param answer your answer (Double.NaN: not answered yet)
     */
    public static void check(int exercise, double answer) {
        System.out.println(verdict(exercise, answer).text());
    }

    /**
     * @param exercise the exercise's number
     * @param answer the answer
     * @return the verdict, without printing it
     */
    public static Verdict verdict(int exercise, double answer) {
        return SHEET.verdict(exercise, answer);
    }

    /**
     * Prints the note of an open question.
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
