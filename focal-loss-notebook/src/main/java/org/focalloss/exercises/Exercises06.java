package org.focalloss.exercises;

/**
 * Notes for the exercises of notebook 06 (training with DJL). All four are experiments on DJL's engine
 * (training runs, float32, thread counts), so they get a discussion note each, not a check; the notebook's
 * cells for them are the lead's to add ({@code Exercises06.discuss(n)}).
 */
public final class Exercises06 {

    private static final Sheet SHEET = new Sheet(6)
            .discussion(1, "compare the three α-CE runs' AP with focal loss's, over more than one seed; with γ > 0 the"
                    + " modulator already removes the easy negatives, so α has less left to balance.")
            .discussion(2, "a single NaN gradient turns every weight it reaches into NaN at the next update, and"
                    + " training never recovers; compare the naive formula's printout with the adapter's finite value.")
            .discussion(3, "for two classes softmax(z₀, z₁) is the sigmoid of z₁ − z₀, so the losses agree per"
                    + " example (up to α's convention); differences in AP come from the network and the seed.")
            .discussion(4, "read seconds per epoch for both settings; on a small model, synchronising threads can"
                    + " cost more than it saves, so do not expect two threads to halve the time.");

    private Exercises06() {
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
