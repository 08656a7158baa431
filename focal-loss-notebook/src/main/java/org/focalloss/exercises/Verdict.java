package org.focalloss.exercises;

/**
 * What a self-check says about one answer: right (✓ and why), wrong (✗ and a hint that names what is off,
 * never the answer), not answered yet (the answer cell still holds its placeholder), or a discussion
 * question (no check: a note on what to look at).
 *
 * @param kind the kind of verdict
 * @param notebook the notebook's number, 1 to 6
 * @param exercise the exercise's number in that notebook
 * @param message one sentence: why (✓), a hint (✗), what to do (not answered) or the note (discussion)
 */
public record Verdict(Kind kind, int notebook, int exercise, String message) {

    /** The four kinds of verdict. */
    public enum Kind {
        /** The answer is right. */
        RIGHT("✓"),
        /** The answer is wrong; the message is a hint. */
        WRONG("✗"),
        /** The answer cell still holds its placeholder (NaN, null or an empty text). */
        NOT_ANSWERED("…"),
        /** An open question: no check, a note instead. */
        DISCUSSION("💬"),
        /** The call itself is wrong (an exercise number that does not exist). */
        INVALID("⚠");

        private final String mark;

        Kind(String mark) {
            this.mark = mark;
        }

        /**
         * @return the mark printed before the message
         */
        public String mark() {
            return mark;
        }
    }

    /**
     * @return true for {@link Kind#RIGHT}
     */
    public boolean right() {
        return kind == Kind.RIGHT;
    }

    /**
     * @return the printed line, e.g. {@code ✓ Exercise 01.2: ...}
     */
    public String text() {
        return kind.mark() + " Exercise " + String.format(java.util.Locale.ROOT, "%02d.%d", notebook, exercise) + ": "
                + message;
    }

    @Override
    public String toString() {
        return text();
    }
}
