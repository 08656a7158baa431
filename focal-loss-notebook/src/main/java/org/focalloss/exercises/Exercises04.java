package org.focalloss.exercises;

/**
 * Notes for the exercises of notebook 04 (training under imbalance). All four are experiments whose outcome
 * depends on the seeds, the scale and the capacity, so they get a discussion note each, not a check.
 */
public final class Exercises04 {

    private static final Sheet SHEET = new Sheet(4)
            .discussion(1, "compare CE's and FL's AP with the Bayes-optimal ceiling at both imbalances, as gaps to"
                    + " the ceiling, over several seeds (mean ± spread); a gap smaller than the spread is no gap.")
            .discussion(2, "read Table 1b along a row of fixed γ: the best α moves as γ grows, because γ already"
                    + " removes the easy negatives that a small α was down-weighting; compare with the paper's Table 1b.")
            .discussion(3, "CE catches up when the network can fit the Bayes posterior in the epochs given: watch the"
                    + " gap shrink as width and epochs grow, and say which of the two (capacity or budget) closes it.")
            .discussion(4, "more hard negatives lower the Bayes-optimal AP (the ceiling); judge each model by how far"
                    + " it stays below the new ceiling, not by its AP alone.");

    private Exercises04() {
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
