package org.focalloss.experiment;

import java.util.SplittableRandom;
import org.focalloss.core.Check;
import org.focalloss.core.InvalidArgumentException;

/**
 * A seeded synthetic "dense detection" data set in the box [−1, 1]²: a
 * few small clusters of <b>positives</b>, each ringed tightly by <b>hard negatives</b>, and a sea of
 * <b>easy negatives</b> spread over the rest of the box, far from every positive. It imitates what a
 * one-stage detector sees (Lin et al., 2017, §3): about one positive anchor per thousand, a few
 * confusable background anchors next to each object and a vast, trivially separable background.
 *
 * <p>The generative model, for cluster centres c_1 … c_K (drawn once per seed, at least 2D apart and D
 * inside the box):
 * <ul>
 *   <li>positive: a cluster k uniformly, then x ~ N(c_k, σ_p² I);</li>
 *   <li>hard negative: a cluster k uniformly, an angle uniformly, a radius r ~ N(R, σ_r²) truncated to
 *       r &gt; 0; x = c_k + r (cos θ, sin θ);</li>
 *   <li>easy negative: uniform over the box minus the K discs of radius D around the centres.</li>
 * </ul>
 * Counts are exact, not random: positives = round(n · positiveRate), hard negatives =
 * round(positives · hardPerPositive), the rest easy. Because the densities are known in closed form,
 * {@link DataSet#posterior(double, double)} is the exact P(positive | x), and ranking the test points by
 * it gives the Bayes-optimal ranking: {@link DataSet#bayesAp()} is its average precision on the test set,
 * the ceiling every trained model is read against.
 *
 * <pre>{@code
 * DetectionData.DataSet data = DetectionData.generate(DetectionData.Config.defaults());
 * data.train().size();     // 100,000 points, 100 positives
 * data.bayesAp();          // AP of the exact posterior on the 200,000 test points
 * }</pre>
 */
public final class DetectionData {

    /** Label of a positive. */
    public static final byte POSITIVE = 0;
    /** Label of a hard negative (ringed around a cluster). */
    public static final byte HARD_NEGATIVE = 1;
    /** Label of an easy negative (far from every cluster). */
    public static final byte EASY_NEGATIVE = 2;

    private DetectionData() {
    }

    /**
     * The generator's settings. Lengths are in the units of the box [−1, 1]².
     *
     * @param train training points, at least 1,000
     * @param test test points, at least 1,000
     * @param positiveRate fraction of positives, in (0, 0.5]
     * @param hardPerPositive hard negatives per positive, ≥ 0
     * @param clusters number of clusters K, at least 1
     * @param positiveSigma σ_p, the positives' spread around a centre, &gt; 0
     * @param ringRadius R, the hard negatives' mean distance from a centre, &gt; 0
     * @param ringSigma σ_r, the spread of that distance, &gt; 0
     * @param clearance D, the radius around each centre that easy negatives never enter, &gt; 0
     * @param seed the seed: the same seed gives the same data set, point for point
     */
    public record Config(int train, int test, double positiveRate, double hardPerPositive, int clusters,
                         double positiveSigma, double ringRadius, double ringSigma, double clearance, long seed) {

        /**
         * @throws InvalidArgumentException if a setting is out of range, or K discs of radius D do not fit
         *                                  into the box
         */
        public Config {
            Check.atLeast("train", train, 1000);
            Check.atLeast("test", test, 1000);
            if (!(positiveRate > 0 && positiveRate <= 0.5)) {
                throw Check.outOfRange("positiveRate", positiveRate, "(0, 0.5]");
            }
            if (!(hardPerPositive >= 0) || Double.isInfinite(hardPerPositive)) {
                throw Check.outOfRange("hardPerPositive", hardPerPositive, "[0, ∞)");
            }
            Check.atLeast("clusters", clusters, 1);
            Check.positive("positiveSigma", positiveSigma);
            Check.positive("ringRadius", ringRadius);
            Check.positive("ringSigma", ringSigma);
            Check.positive("clearance", clearance);
            if (clearance >= 0.5 || clusters * Math.PI * clearance * clearance > 0.5 * 4) {
                throw new InvalidArgumentException("clusters = " + clusters + " discs of clearance = " + clearance
                        + " do not fit into the box [-1, 1]²: use fewer clusters or a smaller clearance");
            }
            for (int n : new int[] {train, test}) {
                long positives = Math.round(n * positiveRate);
                if (positives < 1 || positives + Math.round(positives * hardPerPositive) >= n) {
                    throw new InvalidArgumentException("positiveRate = " + positiveRate + " and hardPerPositive = "
                            + hardPerPositive + " leave no easy negatives (or no positive) among " + n + " points");
                }
            }
        }

        /**
         * The data set of notebook 04: 100,000 training and 200,000 test points, one positive per 1,000,
         * ten hard negatives per positive, 6 clusters, σ_p = 0.05, R = 0.14, σ_r = 0.03, D = 0.3, seed 1.
         *
         * @return the default settings
         */
        public static Config defaults() {
            return new Config(100_000, 200_000, 0.001, 10, 6, 0.05, 0.14, 0.03, 0.3, 1);
        }

        /**
         * @param value the seed
         * @return a copy with that seed
         */
        public Config withSeed(long value) {
            return new Config(train, test, positiveRate, hardPerPositive, clusters, positiveSigma, ringRadius,
                    ringSigma, clearance, value);
        }

        /**
         * @param trainPoints training points
         * @param testPoints test points
         * @return a copy with those sizes
         * @throws InvalidArgumentException if a size is out of range
         */
        public Config withSize(int trainPoints, int testPoints) {
            return new Config(trainPoints, testPoints, positiveRate, hardPerPositive, clusters, positiveSigma,
                    ringRadius, ringSigma, clearance, seed);
        }

        /**
         * @param rate fraction of positives
         * @param hardPer hard negatives per positive
         * @return a copy with that imbalance
         * @throws InvalidArgumentException if a value is out of range
         */
        public Config withImbalance(double rate, double hardPer) {
            return new Config(train, test, rate, hardPer, clusters, positiveSigma, ringRadius, ringSigma,
                    clearance, seed);
        }

        /**
         * @param k number of clusters
         * @return a copy with that many clusters
         * @throws InvalidArgumentException if they do not fit
         */
        public Config withClusters(int k) {
            return new Config(train, test, positiveRate, hardPerPositive, k, positiveSigma, ringRadius, ringSigma,
                    clearance, seed);
        }
    }

    /**
     * One split of the data: n points with coordinates, binary targets and the kind of each point.
     *
     * @param x coordinates, interleaved: x[2i], x[2i + 1] is point i
     * @param target 1 for a positive, 0 for a negative
     * @param kind {@link #POSITIVE}, {@link #HARD_NEGATIVE} or {@link #EASY_NEGATIVE} per point
     */
    public record Split(double[] x, float[] target, byte[] kind) {

        /**
         * @return the number of points
         */
        public int size() {
            return target.length;
        }

        /**
         * @param k a kind
         * @return how many points are of that kind
         */
        public int count(byte k) {
            int c = 0;
            for (byte b : kind) {
                c += b == k ? 1 : 0;
            }
            return c;
        }

        /**
         * @return the number of positives
         */
        public int positives() {
            return count(POSITIVE);
        }

        /**
         * Writes the split as CSV ({@code x0,x1,target,kind}, a header line, coordinates in full double
         * precision) for another tool, e.g. the Python twin of the experiment. The file appears only when
         * complete (written to a temporary file, then moved into place).
         *
         * @param path the CSV file
         * @return the path
         * @throws java.io.UncheckedIOException if the file cannot be written
         */
        public java.nio.file.Path writeCsv(java.nio.file.Path path) {
            StringBuilder b = new StringBuilder(size() * 48).append("x0,x1,target,kind\n");
            for (int i = 0; i < size(); i++) {
                b.append(x[2 * i]).append(',').append(x[2 * i + 1]).append(',').append((int) target[i]).append(',')
                        .append(kind[i]).append('\n');
            }
            try {
                java.nio.file.Path dir = path.toAbsolutePath().getParent();
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Path tmp = dir.resolve("." + path.getFileName() + ".part");
                try {
                    java.nio.file.Files.writeString(tmp, b, java.nio.charset.StandardCharsets.UTF_8);
                    java.nio.file.Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    java.nio.file.Files.deleteIfExists(tmp);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
            }
            return path;
        }

        /**
         * @return the targets as booleans, as {@link AveragePrecision} takes them
         */
        public boolean[] labels() {
            boolean[] l = new boolean[target.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = target[i] > 0;
            }
            return l;
        }
    }

    /**
     * A generated data set with the densities it was drawn from.
     *
     * @param config the settings
     * @param centres the cluster centres, interleaved (K pairs)
     * @param train the training split
     * @param test the test split
     * @param weights the mixing weights (see {@link #mixingWeights()})
     */
    public record DataSet(Config config, double[] centres, Split train, Split test, double[] weights) {

        /**
         * @param config the settings
         * @param centres the cluster centres, interleaved (K pairs)
         * @param train the training split
         * @param test the test split
         */
        public DataSet(Config config, double[] centres, Split train, Split test) {
            this(config, centres, train, test, new double[] {
                (double) train.count(POSITIVE) / train.size(),
                (double) train.count(HARD_NEGATIVE) / train.size(),
                (double) train.count(EASY_NEGATIVE) / train.size()});
        }

        /**
         * The exact posterior P(positive | x) under the generator's mixture, with the mixing weights of the
         * training split's counts (the test split has the same proportions up to rounding).
         *
         * @param x0 first coordinate
         * @param x1 second coordinate
         * @return P(positive | x) ∈ [0, 1]
         */
        public double posterior(double x0, double x1) {
            double[] d = densities(x0, x1);
            double p = weights[0] * d[0];
            double h = weights[1] * d[1];
            double e = weights[2] * d[2];
            double total = p + h + e;
            return total == 0 ? 0 : p / total;
        }

        /**
         * @return the mixing weights of positives, hard and easy negatives: the training split's fractions
         */
        public double[] mixingWeights() {
            return weights.clone();
        }

        /**
         * The three densities at a point: positives, hard negatives, easy negatives (each integrates to 1
         * over the plane).
         *
         * @param x0 first coordinate
         * @param x1 second coordinate
         * @return {f_pos(x), f_hard(x), f_easy(x)}
         */
        public double[] densities(double x0, double x1) {
            Config c = config;
            int k = centres.length / 2;
            double sp2 = c.positiveSigma() * c.positiveSigma();
            double zRing = normalCdf(c.ringRadius() / c.ringSigma());
            double fp = 0;
            double fh = 0;
            boolean inDisc = false;
            for (int j = 0; j < k; j++) {
                double dx = x0 - centres[2 * j];
                double dy = x1 - centres[2 * j + 1];
                double r2 = dx * dx + dy * dy;
                fp += Math.exp(-r2 / (2 * sp2)) / (2 * Math.PI * sp2);
                double r = Math.sqrt(r2);
                if (r > 0) {
                    double u = (r - c.ringRadius()) / c.ringSigma();
                    fh += Math.exp(-0.5 * u * u) / (Math.sqrt(2 * Math.PI) * c.ringSigma() * zRing) / (2 * Math.PI * r);
                }
                inDisc |= r2 < c.clearance() * c.clearance();
            }
            double easyArea = 4 - k * Math.PI * c.clearance() * c.clearance();
            boolean inBox = Math.abs(x0) <= 1 && Math.abs(x1) <= 1;
            return new double[] {fp / k, fh / k, inBox && !inDisc ? 1 / easyArea : 0};
        }

        /**
         * @param split a split of this data set
         * @return the exact posterior of each of its points
         */
        public double[] posteriors(Split split) {
            double[] p = new double[split.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = posterior(split.x()[2 * i], split.x()[2 * i + 1]);
            }
            return p;
        }

        /**
         * The Bayes-optimal AP: the average precision, on the test split, of ranking its points by the
         * exact posterior. No scorer does better in expectation; on one finite test set it is the
         * ceiling to read every trained model's AP against.
         *
         * @return AP ∈ [0, 1]
         */
        public double bayesAp() {
            return AveragePrecision.of(posteriors(test), test.labels());
        }
    }

    /**
     * Draws a data set. Deterministic: the same config (seed included) gives the same points.
     *
     * @param config the settings
     * @return the data set
     */
    public static DataSet generate(Config config) {
        SplittableRandom random = new SplittableRandom(config.seed());
        double[] centres = centres(config, random.split());
        Split train = split(config, config.train(), centres, random.split());
        Split test = split(config, config.test(), centres, random.split());
        return new DataSet(config, centres, train, test);
    }

    /** The default data set. @return {@code generate(Config.defaults())} */
    public static DataSet generate() {
        return generate(Config.defaults());
    }

    /** Centres uniformly in the box shrunk by D, at least 2D apart (random sequential placement, restarted if stuck). */
    private static double[] centres(Config c, SplittableRandom random) {
        int k = c.clusters();
        double[] xy = new double[2 * k];
        double lim = 1 - c.clearance();
        for (int restart = 0; restart < 1000; restart++) {
            int placed = 0;
            for (int attempt = 0; attempt < 1000 && placed < k; attempt++) {
                double a = (2 * random.nextDouble() - 1) * lim;
                double b = (2 * random.nextDouble() - 1) * lim;
                boolean apart = true;
                for (int i = 0; i < placed && apart; i++) {
                    double dx = a - xy[2 * i];
                    double dy = b - xy[2 * i + 1];
                    apart = dx * dx + dy * dy > 4 * c.clearance() * c.clearance();
                }
                if (apart) {
                    xy[2 * placed] = a;
                    xy[2 * placed + 1] = b;
                    placed++;
                }
            }
            if (placed == k) {
                return xy;
            }
        }
        throw new InvalidArgumentException("clusters = " + k + " with clearance = " + c.clearance()
                + " cannot be placed apart in the box: use fewer clusters or a smaller clearance");
    }

    private static Split split(Config c, int n, double[] centres, SplittableRandom random) {
        int positives = (int) Math.round(n * c.positiveRate());
        int hard = (int) Math.round(positives * c.hardPerPositive());
        int k = centres.length / 2;
        byte[] kind = new byte[n];
        for (int i = 0; i < n; i++) {
            kind[i] = i < positives ? POSITIVE : i < positives + hard ? HARD_NEGATIVE : EASY_NEGATIVE;
        }
        // shuffle the kinds so that the order of the points says nothing about them
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            byte t = kind[i];
            kind[i] = kind[j];
            kind[j] = t;
        }
        double[] x = new double[2 * n];
        float[] target = new float[n];
        double d2 = c.clearance() * c.clearance();
        for (int i = 0; i < n; i++) {
            double a;
            double b;
            if (kind[i] == EASY_NEGATIVE) {
                while (true) {
                    a = 2 * random.nextDouble() - 1;
                    b = 2 * random.nextDouble() - 1;
                    boolean clear = true;
                    for (int j = 0; j < k && clear; j++) {
                        double dx = a - centres[2 * j];
                        double dy = b - centres[2 * j + 1];
                        clear = dx * dx + dy * dy >= d2;
                    }
                    if (clear) {
                        break;
                    }
                }
            } else {
                int j = random.nextInt(k);
                if (kind[i] == POSITIVE) {
                    a = centres[2 * j] + c.positiveSigma() * random.nextGaussian();
                    b = centres[2 * j + 1] + c.positiveSigma() * random.nextGaussian();
                    target[i] = 1;
                } else {
                    double r;
                    do {
                        r = c.ringRadius() + c.ringSigma() * random.nextGaussian();
                    } while (r <= 0);
                    double theta = 2 * Math.PI * random.nextDouble();
                    a = centres[2 * j] + r * Math.cos(theta);
                    b = centres[2 * j + 1] + r * Math.sin(theta);
                }
            }
            x[2 * i] = a;
            x[2 * i + 1] = b;
        }
        return new Split(x, target, kind);
    }

    /** Φ(z), the standard normal CDF, via the complementary error function (|error| &lt; 1.2e-7). */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** erfc by Numerical Recipes' Chebyshev fit (fractional error &lt; 1.2e-7 everywhere). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
