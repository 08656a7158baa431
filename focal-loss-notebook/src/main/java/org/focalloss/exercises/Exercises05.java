package org.focalloss.exercises;

import java.util.Locale;
import org.focalloss.core.Fmt;
import org.focalloss.core.QualityFocalLoss;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.StableMath;
import org.focalloss.core.VarifocalLoss;

/**
 * Self-checks for the exercises of notebook 05 (the focal family), computed from the library's losses
 * (smp's reduced FL, Poly-1, QFL, VFL, Keras' label smoothing). Exercise 3 takes a name, "QFL" or "VFL":
 * {@link #check(int, String)}. Usage otherwise as in {@link Exercises01}.
 */
public final class Exercises05 {

    /** The reduced FL's jump at p_t = th: the loss just left of th minus the loss just right of it. */
    static double reducedJump(double th) {
        SigmoidFocalLoss l = SigmoidFocalLoss.smp(2, Double.NaN, th);
        double x = Solve.logit(th);
        double eps = 1e-9;
        return l.loss(x - eps, 1) - l.loss(x + eps, 1);
    }

    static double poly(double epsilon) {
        return SigmoidFocalLoss.builder().gamma(2).noAlpha().polyEpsilon(epsilon).build().loss(0.0, 1);
    }

    /** loss / BCE for a negative (target 0) at p = 0.1: how much each loss keeps of cross-entropy. */
    static double qflKeeps() {
        double x = Solve.logit(0.1);
        return new QualityFocalLoss(2).loss(x, 0) / StableMath.softplus(x);
    }

    static double vflKeeps() {
        double x = Solve.logit(0.1);
        return VarifocalLoss.defaults().loss(x, 0) / StableMath.softplus(x);
    }

    static double smoothedMinimum(double s) {
        SigmoidFocalLoss l = SigmoidFocalLoss.builder().gamma(2).noAlpha().labelSmoothing(s).build();
        return Solve.argmin(p -> l.loss(Solve.logit(p), 1), 0.5, 1 - 1e-9);
    }

    private static final Sheet SHEET = new Sheet(5)
            .answer(1, () -> {
                double jump = reducedJump(0.7);
                return Answer.of(Math.abs(jump), "left of th the reduced FL is plain CE, right of it CE times"
                                + " ((1 − p_t)/th)^γ, which is not 1 at p_t = th unless th = 0.5: the loss drops by the difference.",
                        "evaluate SigmoidFocalLoss.smp(2, Double.NaN, 0.7).loss(x, 1) just left and just right of"
                                + " x = log(0.7/0.3) and subtract.",
                        Answer.Mistake.near(-Math.abs(jump), "sign: give the size of the jump, a positive number."),
                        Answer.Mistake.near(Math.pow(0.3 / 0.7, 2), "that is the factor ((1 − p_t)/th)^γ right of th;"
                                + " the jump is a difference of two losses."),
                        Answer.Mistake.near(Math.abs(reducedJump(0.3)), "that is the jump at th = 0.3; the answer cell"
                                + " asks for th = 0.7."));
            })
            .answer(2, () -> {
                double fl = poly(0);
                double perEpsilon = poly(1) - fl;
                double eps = 0.1 * fl / perEpsilon;
                return Answer.of(eps, "Poly-1 adds ε·(1 − p_t)^(γ+1) to FL, so ε = 0.1·FL(0.5)/0.5^3.",
                        "SigmoidFocalLoss.builder().gamma(2).noAlpha().polyEpsilon(ε).build().loss(0.0, 1) is Poly-1 at"
                                + " p_t = 0.5; it is linear in ε.",
                        Answer.Mistake.near(0.1 * fl / Math.pow(0.5, 2), "exponent: Poly-1's term is ε·(1 − p_t)^(γ+1),"
                                + " one power more than the modulator's."),
                        Answer.Mistake.near(0.1 * fl / 0.5, "exponent: Poly-1's term is ε·(1 − p_t)^(γ+1) with γ = 2,"
                                + " not ε·(1 − p_t)."),
                        Answer.Mistake.near(0.1 * fl / Math.log(2) * Math.log10(2) / Math.pow(0.5, 3), "log base: FL uses"
                                + " the natural logarithm, not log10."),
                        Answer.Mistake.near(fl / perEpsilon, "10 %: FL plus 10 % means adding 0.1·FL, not FL."));
            })
            .answer(3, () -> {
                throw new IllegalStateException("exercise 3 takes a name: check(3, \"QFL\") or check(3, \"VFL\")");
            })
            .answer(4, () -> {
                double s = 0.05;
                double p = smoothedMinimum(s);
                return new Answer(p, 2e-4, "the smoothed target 1 − s/2 is where cross-entropy alone is smallest, but the"
                                + " modulator (1 − p_t)^γ keeps shrinking beyond it, so focal loss's minimum lies closer to 1;"
                                + " at p = 1 the term (s/2)·(−log(1 − p)) sends it back up.",
                        java.util.List.of(
                                Answer.Mistake.near(1 - s / 2, "that is the smoothed target 1 − s/2, where smoothed"
                                        + " cross-entropy is smallest; the modulator moves focal loss's minimum: evaluate it around there."),
                                Answer.Mistake.near(1 - s, "Keras' binary smoothing moves the target 1 to 1 − s/2, not to 1 − s;"
                                        + " and the modulator moves the minimum further."),
                                Answer.Mistake.when(a -> a >= 1 - 1e-6, "at p = 1 the smoothed loss is infinite: the target"
                                        + " 1 − s/2 leaves a term (s/2)·(−log(1 − p)).")),
                        a -> "evaluate the smoothed loss just left and right of your p (4 decimals): it is smaller on one side.");
            })
            .discussion(5, "read the table's columns row by row: an option with one mark only, and the column with the fewest marks.");

    private Exercises05() {
    }

    /**
     * Prints the verdict on a numeric answer (exercises 1, 2 and 4): ✓ and why, ✗ and a hint, or a note.
     *
     * @param exercise the exercise's number
     * @param answer your answer (Double.NaN: not answered yet)
     */
    public static void check(int exercise, double answer) {
        System.out.println(verdict(exercise, answer).text());
    }

    /**
     * Prints the verdict on exercise 3's answer, "QFL" or "VFL".
     *
     * @param exercise 3
     * @param answer "QFL" or "VFL" (null or empty: not answered yet)
     */
    public static void check(int exercise, String answer) {
        System.out.println(verdict(exercise, answer).text());
    }

    /**
     * @param exercise the exercise's number
     * @param answer the answer
     * @return the verdict, without printing it
     */
    public static Verdict verdict(int exercise, double answer) {
        if (exercise == 3) {
            return new Verdict(Verdict.Kind.INVALID, 5, 3, "exercise 3 takes a name: check(3, \"QFL\") or check(3, \"VFL\").");
        }
        return SHEET.verdict(exercise, answer);
    }

    /**
     * @param exercise 3 (the only exercise answered by a name)
     * @param answer "QFL" or "VFL"
     * @return the verdict, without printing it
     */
    public static Verdict verdict(int exercise, String answer) {
        if (exercise != 3) {
            return new Verdict(Verdict.Kind.INVALID, 5, exercise, "exercise " + exercise + " takes a number, not a name.");
        }
        if (answer == null || answer.isBlank()) {
            return new Verdict(Verdict.Kind.NOT_ANSWERED, 5, 3,
                    "not answered yet: put \"QFL\" or \"VFL\" in place of null and run the cell again.");
        }
        String a = answer.trim().toUpperCase(Locale.ROOT);
        double q = qflKeeps();
        double v = vflKeeps();
        String right = v < q ? "VFL" : "QFL";
        if (a.equals(right)) {
            return new Verdict(Verdict.Kind.RIGHT, 5, 3, "for a negative both multiply BCE by p^2 = 0.01 at p = 0.1"
                    + " (QFL's |y − p|^β, VFL's p^γ), and VFL also by its α = 0.75: it keeps "
                    + Fmt.value(v) + " of BCE, QFL " + Fmt.value(q) + ".");
        }
        if (a.equals("QFL") || a.equals("VFL")) {
            return new Verdict(Verdict.Kind.WRONG, 5, 3, "divide each loss by plain BCE at p = 0.1 (target 0): the"
                    + " smaller ratio damps more; look at every factor, α included.");
        }
        if (a.equals("SAME") || a.equals("BOTH") || a.equals("EQUAL") || a.equals("NEITHER")) {
            return new Verdict(Verdict.Kind.WRONG, 5, 3, "their modulators agree for a negative, but they are not the"
                    + " same loss: compare everything that multiplies BCE.");
        }
        return new Verdict(Verdict.Kind.WRONG, 5, 3, "answer with a name: \"QFL\" or \"VFL\".");
    }

    /**
     * Prints the note of an open question (exercise 5).
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
