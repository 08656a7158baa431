package org.focalloss.experiment;

import java.util.Arrays;
import org.focalloss.core.Check;
import org.focalloss.core.InvalidArgumentException;

/**
 * Average precision and the precision–recall curve, exactly as scikit-learn's
 * {@code average_precision_score} and {@code precision_recall_curve} define them.
 *
 * <p>The scores are thresholded at each distinct value, from the highest down; at threshold t every
 * example with score ≥ t is predicted positive, so tied examples enter together. With P_n and R_n the
 * precision and recall at the n-th threshold (R_0 = 0),
 *
 * <pre>    AP = Σ_n (R_n − R_{n−1}) · P_n</pre>
 *
 * a step-wise sum without interpolation (not the trapezoid rule, which is optimistic). Limits: a
 * perfect ranking gives AP = 1; a constant score gives AP = the fraction of positives; at least one
 * positive is required, as recall is undefined otherwise.
 *
 * <pre>{@code
 * double ap = AveragePrecision.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
 * // 0.8333333333333333, as sklearn.metrics.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
 * }</pre>
 */
public final class AveragePrecision {

    private AveragePrecision() {
    }

    /**
     * The precision–recall curve at the distinct score thresholds, highest threshold first (scikit-learn
     * returns the same points in the opposite order, followed by the extra point recall 0, precision 1).
     *
     * @param precision precision at each threshold
     * @param recall recall at each threshold, non-decreasing
     * @param threshold the distinct scores, decreasing
     */
    public record Curve(double[] precision, double[] recall, double[] threshold) {

        /**
         * @return the number of thresholds
         */
        public int size() {
            return threshold.length;
        }

        /**
         * @return the area under the step-wise curve, Σ (R_n − R_{n−1}) · P_n
         */
        public double averagePrecision() {
            double ap = 0;
            double previous = 0;
            for (int n = 0; n < recall.length; n++) {
                ap += (recall[n] - previous) * precision[n];
                previous = recall[n];
            }
            return ap;
        }

        /**
         * A thinned copy for drawing: at most about {@code points} points, keeping the first and last and
         * the curve's shape (every point where recall moves by at least 1/points, and the last point of
         * each run).
         *
         * @param points the target number of points, at least 2
         * @return the thinned curve
         * @throws InvalidArgumentException if points &lt; 2
         */
        public Curve thinned(int points) {
            Check.atLeast("points", points, 2);
            if (size() <= points) {
                return this;
            }
            int[] keep = new int[size()];
            int m = 0;
            double lastRecall = -1;
            for (int n = 0; n < size(); n++) {
                boolean last = n == size() - 1;
                if (last || recall[n] - lastRecall >= 1.0 / points || n == 0) {
                    keep[m++] = n;
                    lastRecall = recall[n];
                }
            }
            double[] p = new double[m];
            double[] r = new double[m];
            double[] t = new double[m];
            for (int i = 0; i < m; i++) {
                p[i] = precision[keep[i]];
                r[i] = recall[keep[i]];
                t[i] = threshold[keep[i]];
            }
            return new Curve(p, r, t);
        }
    }

    /**
     * Average precision of a ranking.
     *
     * @param scores one score per example, higher = more likely positive; finite or infinite, not NaN
     * @param positive whether each example is positive
     * @return AP ∈ (0, 1]
     * @throws InvalidArgumentException if the lengths differ, the arrays are empty, a score is NaN, or no
     *                                  example is positive
     */
    public static double of(double[] scores, boolean[] positive) {
        return curve(scores, positive).averagePrecision();
    }

    /**
     * Average precision of float scores (e.g. a model's logits).
     *
     * @param scores one score per example
     * @param positive whether each example is positive
     * @return AP ∈ (0, 1]
     * @throws InvalidArgumentException as {@link #of(double[], boolean[])}
     */
    public static double of(float[] scores, boolean[] positive) {
        double[] s = new double[scores.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores[i];
        }
        return of(s, positive);
    }

    /**
     * The precision–recall curve at every distinct score.
     *
     * @param scores one score per example, not NaN
     * @param positive whether each example is positive
     * @return the curve, highest threshold first
     * @throws InvalidArgumentException if the lengths differ, the arrays are empty, a score is NaN, or no
     *                                  example is positive
     */
    public static Curve curve(double[] scores, boolean[] positive) {
        Check.sameLength("labels", positive.length, scores.length);
        if (scores.length == 0) {
            throw new InvalidArgumentException("scores are empty: give at least one example");
        }
        int total = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw Check.outOfRange("scores[" + i + "]", scores[i], "[-∞, ∞] (not NaN)");
            }
            total += positive[i] ? 1 : 0;
        }
        if (total == 0) {
            throw new InvalidArgumentException("labels have no positive example: average precision needs at least one");
        }
        // indices by score, descending; equal scores end up next to each other and count as one threshold
        int n = scores.length;
        int[] ix = sortDescending(scores);
        double[] p = new double[n];
        double[] r = new double[n];
        double[] t = new double[n];
        int m = 0;
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < n; k++) {
            int i = ix[k];
            if (positive[i]) {
                tp++;
            } else {
                fp++;
            }
            boolean endOfTie = k == n - 1 || scores[ix[k + 1]] != scores[i];
            if (endOfTie) {
                p[m] = (double) tp / (tp + fp);
                r[m] = (double) tp / total;
                t[m] = scores[i];
                m++;
            }
        }
        return new Curve(Arrays.copyOf(p, m), Arrays.copyOf(r, m), Arrays.copyOf(t, m));
    }

    /** Indices ordered by score, highest first (ties in index order; ties are grouped by the caller). */
    static int[] sortDescending(double[] scores) {
        int n = scores.length;
        // a stable merge sort of an index array: no boxing, fast enough for 200,000 points
        int[] ix = new int[n];
        for (int i = 0; i < n; i++) {
            ix[i] = i;
        }
        int[] tmp = new int[n];
        mergeSort(ix, tmp, 0, n, scores);
        return ix;
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, double[] s) {
        if (to - from < 24) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && s[a[j]] < s[v]) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, s);
        mergeSort(a, tmp, mid, to, s);
        if (s[a[mid - 1]] >= s[a[mid]]) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && s[tmp[i]] >= s[tmp[j]])) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
