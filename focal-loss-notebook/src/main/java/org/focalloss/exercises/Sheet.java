package org.focalloss.exercises;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The exercises of one notebook: for each number either a numeric {@link Answer} (built lazily, from the
 * library) or a discussion note. The per-notebook classes ({@code Exercises01} ...) hold one sheet each and
 * offer {@code check(n, answer)}, which prints the verdict, and {@code verdict(n, answer)}, which returns it.
 */
final class Sheet {

    private final int notebook;
    private final Map<Integer, Supplier<Answer>> answers = new TreeMap<>();
    private final Map<Integer, String> discussions = new TreeMap<>();

    Sheet(int notebook) {
        this.notebook = notebook;
    }

    Sheet answer(int exercise, Supplier<Answer> answer) {
        answers.put(exercise, answer);
        return this;
    }

    Sheet discussion(int exercise, String note) {
        discussions.put(exercise, note);
        return this;
    }

    private int count() {
        int max = 0;
        for (int n : answers.keySet()) {
            max = Math.max(max, n);
        }
        for (int n : discussions.keySet()) {
            max = Math.max(max, n);
        }
        return max;
    }

    private Verdict invalid(int exercise) {
        if (exercise < 1 || exercise > count()) {
            return new Verdict(Verdict.Kind.INVALID, notebook, exercise, "exercise = " + exercise
                    + " is out of range [1, " + count() + "]: notebook " + String.format(java.util.Locale.ROOT, "%02d", notebook)
                    + " has " + count() + " exercises.");
        }
        return null;
    }

    Verdict verdict(int exercise, double answer) {
        Verdict bad = invalid(exercise);
        if (bad != null) {
            return bad;
        }
        if (discussions.containsKey(exercise)) {
            return discuss(exercise);
        }
        return answers.get(exercise).get().judge(notebook, exercise, answer);
    }

    Verdict discuss(int exercise) {
        Verdict bad = invalid(exercise);
        if (bad != null) {
            return bad;
        }
        if (!discussions.containsKey(exercise)) {
            return new Verdict(Verdict.Kind.INVALID, notebook, exercise,
                    "this exercise has a definite answer: check it with check(" + exercise + ", yourAnswer).");
        }
        return new Verdict(Verdict.Kind.DISCUSSION, notebook, exercise,
                "an open question, no check. " + capitalized(discussions.get(exercise)));
    }

    private static String capitalized(String note) {
        return note.isEmpty() ? note : Character.toUpperCase(note.charAt(0)) + note.substring(1);
    }

    /** True if the exercise has a numeric check (for the tests). */
    boolean checked(int exercise) {
        return answers.containsKey(exercise);
    }
}
