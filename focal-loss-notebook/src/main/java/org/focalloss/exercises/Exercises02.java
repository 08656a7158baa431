package org.focalloss.exercises;

import org.focalloss.core.Calculator;
import org.focalloss.core.CalculatorResult;
import org.focalloss.core.FocalLoss;
import org.focalloss.core.Fmt;
import org.focalloss.core.WorkedExample;

/**
 * Self-checks for the exercises of notebook 02 (the softmax focal-loss calculator), computed from the
 * library's {@link Calculator} on the notebook's edit-me cell (logits 2.0, 0.5, −1.0, 0.1, true class 0,
 * γ = 2, α = 0.25). Usage as in {@link Exercises01}.
 */
public final class Exercises02 {

    /** The edit-me cell's logits after the first, its true class, γ and α. */
    static final double[] EDIT_ME_REST = {0.5, -1.0, 0.1};
    static final int EDIT_ME_TARGET = 0;
    static final double EDIT_ME_GAMMA = 2.0;
    static final double EDIT_ME_ALPHA = 0.25;

    static CalculatorResult editMe(double firstLogit, double gamma, double alpha) {
        double[] z = {firstLogit, EDIT_ME_REST[0], EDIT_ME_REST[1], EDIT_ME_REST[2]};
        return Calculator.calculate(z, EDIT_ME_TARGET, gamma, alpha);
    }

    private static final Sheet SHEET = new Sheet(2)
            .answer(1, () -> {
                double x = Solve.root(z -> editMe(z, EDIT_ME_GAMMA, EDIT_ME_ALPHA).suppression() - 1000, 2, 50);
                double xNoAlpha = Solve.root(z -> editMe(z, EDIT_ME_GAMMA, 1).suppression() - 1000, 2, 50);
                return new Answer(x, 0.05, "CE/FL = 1/(α·(1 − p_t)^γ) passes 1,000× there: the modulator alone gives "
                        + Fmt.grouped(1 / editMe(x, EDIT_ME_GAMMA, 1).terms().modulator()) + "×, α = 0.25 the other 4×.",
                        java.util.List.of(
                                Answer.Mistake.near(xNoAlpha, "a factor of α: that is where the modulator alone reaches 1,000×;"
                                        + " the calculator's CE/FL = 1/(α·(1 − p_t)^γ) counts α = 0.25 too."),
                                Answer.Mistake.when(a -> a > 0 && a < 1, "that looks like a probability; the exercise asks"
                                        + " for the logit of the true class (the first of the four numbers)."),
                                new Answer.Mistake(a -> a < x, a -> "at this logit CE/FL is "
                                        + Fmt.grouped(editMe(a, EDIT_ME_GAMMA, EDIT_ME_ALPHA).suppression())
                                        + "×, not yet above 1,000×: raise it further.")),
                        a -> "at this logit CE/FL is " + Fmt.grouped(editMe(a, EDIT_ME_GAMMA, EDIT_ME_ALPHA).suppression())
                                + "×, well past 1,000×: the headline crosses it at a smaller logit (to 0.05).");
            })
            .answer(2, () -> {
                CalculatorResult r = editMe(2.0, 0, EDIT_ME_ALPHA);
                return Answer.of(r.crossEntropy() / r.loss(), "with γ = 0 the modulator is 1, so FL = α·CE and CE/FL = 1/α.",
                        "run the edit-me cell with g = 0 and read CE/FL from the table.",
                        Answer.Mistake.near(1, "a factor of α: at γ = 0 the modulator is 1, but α = 0.25 still multiplies the loss."),
                        Answer.Mistake.near(r.loss() / r.crossEntropy(), "that is FL/CE; the exercise asks how many times CE exceeds FL."));
            })
            .answer(3, () -> {
                double pt = 0.5;
                double fl = FocalLoss.loss(pt, 2, 0.25);
                double modulated = 0.25 * FocalLoss.modulator(pt, 2);
                return Answer.of(fl, "FL = α·(1 − p_t)^γ·(−ln p_t) = 0.25 · 0.25 · ln 2 at p_t = 0.5, whatever the logits"
                                + " that give it (equal logits for three classes give 1/3, not 0.5).",
                        "FL = α·(1 − p_t)^γ·(−ln p_t) with p_t = 0.5, γ = 2, α = 0.25; check p_t in your calculator output.",
                        Answer.Mistake.near(FocalLoss.loss(pt, 2), "a factor of α: α = 0.25 multiplies the loss too."),
                        Answer.Mistake.near(-fl, "sign: focal loss is positive, because log p_t < 0 and the formula has a minus."),
                        Answer.Mistake.near(modulated * -Math.log10(pt), "log base: focal loss uses the natural logarithm, not log10."),
                        Answer.Mistake.near(modulated * 1.0, "log base: focal loss uses the natural logarithm, not log2."),
                        Answer.Mistake.near(FocalLoss.loss(1.0 / 3, 2, 0.25), "that is FL at p_t = 1/3 (three equal logits);"
                                + " the exercise wants logits that give p_t = 0.5."));
            })
            .answer(4, () -> {
                WorkedExample hard = WorkedExample.HARD;
                double fl = Calculator.calculate(hard.logitsText(), WorkedExample.TARGET, 2, 1).loss();
                String rest = "";
                return Answer.of(fl, "with α = 1 the calculator's FL is (1 − p_t)^γ·CE, exactly FocalLoss.loss(pt, 2) at"
                                + " the same p_t: α is a plain factor." + rest,
                        "Calculator.calculate(WorkedExample.HARD.logitsText(), WorkedExample.TARGET, 2, 1).loss().",
                        Answer.Mistake.near(hard.result().loss(), "a factor of α: that is the worked example with α = 0.25; set α = 1."),
                        Answer.Mistake.near(Calculator.calculate(hard.logitsText(), 0, 2, 1).loss(),
                                "class index: the true class is WorkedExample.TARGET = 1 (0-based), you used class 0."),
                        Answer.Mistake.near(Calculator.calculate(hard.logitsText(), 2, 2, 1).loss(),
                                "class index: the true class is WorkedExample.TARGET = 1 (0-based), you used class 2."));
            });

    private Exercises02() {
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
