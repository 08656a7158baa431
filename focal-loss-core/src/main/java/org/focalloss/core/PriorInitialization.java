package org.focalloss.core;

/**
 * RetinaNet's prior initialisation (Lin et al., 2017, Sec. 4.1): the final classification bias is set to
 * b = −log((1 − π)/π), so that at the start every anchor predicts foreground with probability π. With
 * π = 0.01, b = −4.595. Without it (b = 0, p = 0.5) the many easy background anchors swamp the loss in
 * the first iterations.
 *
 * <p>{@link #initialLoss} computes the loss at initialisation for a set of anchors of which some are
 * positive, normalised by the number of positives as RetinaNet does, split into what the positives and
 * what the negatives contribute.
 */
public final class PriorInitialization {

    private PriorInitialization() {
    }

    /**
     * b = −log((1 − π)/π), the logit whose sigmoid is π.
     *
     * @param prior π ∈ (0, 1)
     * @return b
     * @throws InvalidArgumentException if π is not strictly between 0 and 1
     */
    public static double bias(double prior) {
        if (!(prior > 0 && prior < 1)) {
            throw Check.outOfRange("prior", prior, "(0, 1)");
        }
        return -Math.log((1 - prior) / prior);
    }

    /**
     * The loss at initialisation when every anchor's logit is {@code logit}.
     *
     * @param anchors number of anchors, at least 1
     * @param positives number of positive anchors, in [1, anchors]
     * @param logit the initial logit of every anchor (0 without the prior, {@link #bias(double)} with it)
     * @param loss the loss (γ = 0 gives CE)
     * @return the loss split by positives and negatives, normalised by the number of positives
     * @throws InvalidArgumentException if the counts are out of range
     */
    public static InitialLoss initialLoss(int anchors, int positives, double logit, SigmoidFocalLoss loss) {
        Check.atLeast("anchors", anchors, 1);
        Check.atLeast("positives", positives, 1);
        if (positives > anchors) {
            throw new InvalidArgumentException("positives = " + positives + " is out of range [1, " + anchors + "]");
        }
        double fromPositives = positives * loss.loss(logit, 1) / positives;
        double fromNegatives = (double) (anchors - positives) * loss.loss(logit, 0) / positives;
        return new InitialLoss(fromPositives, fromNegatives);
    }

    /**
     * Loss at initialisation per positive anchor.
     *
     * @param fromPositives the positives' share
     * @param fromNegatives the negatives' share
     */
    public record InitialLoss(double fromPositives, double fromNegatives) {

        /**
         * @return the total per positive anchor
         */
        public double total() {
            return fromPositives + fromNegatives;
        }

        /**
         * @return the fraction of the total that comes from negatives
         */
        public double negativeShare() {
            return fromNegatives / total();
        }
    }
}
