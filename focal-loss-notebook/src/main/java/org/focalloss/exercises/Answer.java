package org.focalloss.exercises;

import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;

/**
 * The check of one numeric answer: the expected value computed from the library, a tolerance that accepts a
 * value copied with three significant digits, the sentence saying why it is right, and the typical wrong
 * answers, each with its hint. An answer that matches none of them gets the general hint.
 *
 * @param expected the right value, computed from the library
 * @param tolerance the absolute tolerance, or 0 for the relative {@link #TOLERANCE}
 * @param why one sentence: why the right value is right (printed after ✓)
 * @param mistakes typical wrong answers, tried in order
 * @param otherwise the hint for an answer that matches no known mistake
 */
record Answer(double expected, double tolerance, String why, List<Mistake> mistakes, DoubleFunction<String> otherwise) {

    /** Relative tolerance: three significant digits copied from a printout pass. */
    static final double TOLERANCE = 5e-3;

    static Answer of(double expected, String why, String otherwise, Mistake... mistakes) {
        return new Answer(expected, 0, why, List.of(mistakes), a -> otherwise);
    }

    /**
     * A typical wrong answer.
     *
     * @param matches whether an answer is this mistake
     * @param hint what is off (a factor of α, a log base, a sign, ...), never the answer
     */
    record Mistake(DoublePredicate matches, DoubleFunction<String> hint) {

        /** A mistake that gives the value {@code wrong} (within the relative {@link #TOLERANCE}). */
        static Mistake near(double wrong, String hint) {
            return new Mistake(a -> close(a, wrong, 0), a -> hint);
        }

        static Mistake when(DoublePredicate matches, String hint) {
            return new Mistake(matches, a -> hint);
        }
    }

    static boolean close(double answer, double value, double tolerance) {
        double tol = tolerance > 0 ? tolerance : TOLERANCE * Math.abs(value) + 1e-12;
        return Math.abs(answer - value) <= tol;
    }

    Verdict judge(int notebook, int exercise, double answer) {
        if (Double.isNaN(answer)) {
            return new Verdict(Verdict.Kind.NOT_ANSWERED, notebook, exercise,
                    "not answered yet: put your number in place of Double.NaN and run the cell again.");
        }
        if (close(answer, expected, tolerance)) {
            return new Verdict(Verdict.Kind.RIGHT, notebook, exercise, why);
        }
        for (Mistake m : mistakes) {
            if (m.matches().test(answer)) {
                return new Verdict(Verdict.Kind.WRONG, notebook, exercise, m.hint().apply(answer));
            }
        }
        return new Verdict(Verdict.Kind.WRONG, notebook, exercise, otherwise.apply(answer));
    }
}
