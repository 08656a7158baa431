package org.focalloss.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.focalloss.core.Check;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;

/**
 * Training runs on a {@link DetectionData} set, scored by average precision on its test split, several
 * at a time; and the budget knob that lets CI run a short version of notebook 04.
 *
 * <pre>{@code
 * DetectionData.DataSet data = DetectionData.generate();
 * Experiment.Run fl = Experiment.run(data, TrainOptions.builder().focal(2, 0.25).build());
 * List<Experiment.Run> runs = Experiment.runAll(data, Experiment.seeds(options, 1, 2, 3));
 * Experiment.Summary s = Experiment.summary(runs);    // mean ± spread of the AP
 * }</pre>
 *
 * <p><b>The knob.</b> {@link #scale()} reads the system property {@value #SCALE_PROPERTY}, else the
 * environment variable {@value #SCALE_ENV}, else 1 (the full run). {@link #epochs(int)} multiplies an
 * epoch budget by it, so {@code FOCAL_EXPERIMENT_SCALE=0.25} trains every model for a quarter of the
 * epochs.
 */
public final class Experiment {

    /** The system property of the budget knob. */
    public static final String SCALE_PROPERTY = "focal.experiment.scale";
    /** The environment variable of the budget knob, read when the property is not set. */
    public static final String SCALE_ENV = "FOCAL_EXPERIMENT_SCALE";
    /** The scale CI's short run uses, and that the tests check the notebook's ordering at. */
    public static final double SHORT_SCALE = 0.5;

    private Experiment() {
    }

    /**
     * One trained model and its score.
     *
     * @param options what was trained
     * @param training the trained model and its cost
     * @param testLogits the model's logits on the test split
     * @param ap average precision on the test split
     */
    public record Run(TrainOptions options, Trainer.Result training, double[] testLogits, double ap) {

        /**
         * @param data the data set the run was scored on
         * @return the precision–recall curve on its test split
         */
        public AveragePrecision.Curve curve(DetectionData.DataSet data) {
            return AveragePrecision.curve(testLogits, data.test().labels());
        }

        @Override
        public String toString() {
            return options.lossName() + " (" + new Mlp(options.layerSizes()).name() + ", seed " + options.seed()
                    + "): AP " + Fmt.fixed(ap, 3);
        }
    }

    /**
     * Mean and spread of the AP over several runs (seeds).
     *
     * @param mean the mean AP
     * @param sd the sample standard deviation (0 for one run)
     * @param min the lowest AP
     * @param max the highest AP
     * @param n the number of runs
     */
    public record Summary(double mean, double sd, double min, double max, int n) {

        /**
         * Mean, sample standard deviation (n − 1 in the denominator; 0 for one value), minimum and maximum,
         * e.g. of the AP of one loss trained with several seeds on another engine (notebook 06's DJL runs).
         *
         * @param values at least one value, e.g. one AP per seed
         * @return their summary
         * @throws InvalidArgumentException if there is no value
         */
        public static Summary of(double... values) {
            if (values == null || values.length == 0) {
                throw new InvalidArgumentException("values are empty: give at least one value to summarise");
            }
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double mean = sum / values.length;
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            double sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
            return new Summary(mean, sd, min, max, values.length);
        }

        /**
         * @return e.g. "0.312 ± 0.041 (0.27–0.35, 3 seeds)"
         */
        @Override
        public String toString() {
            return Fmt.fixed(mean, 3) + " ± " + Fmt.fixed(sd, 3) + " (" + Fmt.fixed(min, 2) + "–" + Fmt.fixed(max, 2)
                    + ", " + n + (n == 1 ? " seed)" : " seeds)");
        }
    }

    /**
     * The limited-capacity setting of notebook 04, which the tests check at {@link #SHORT_SCALE}: a 2-64-1
     * MLP, FL with γ = 2 and α = 0.25, the π = 0.01 prior, normalisation by the positives of each
     * mini-batch, batches of 1,024, Adam with learning rate 0.01, seed 1. Change the loss with the builder.
     *
     * @param epochs the budget, e.g. {@code Experiment.epochs(20)}
     * @return the options
     * @throws InvalidArgumentException if epochs &lt; 1
     */
    public static TrainOptions limitedCapacity(int epochs) {
        return TrainOptions.builder().hidden(64).focal(2, 0.25).prior(0.01)
                .normalization(TrainOptions.Normalization.POSITIVES_IN_BATCH).batchSize(1024).learningRate(0.01)
                .epochs(epochs).seed(1).build();
    }

    /**
     * The budget knob.
     *
     * @return the scale in (0, 1]: property {@value #SCALE_PROPERTY}, else env {@value #SCALE_ENV}, else 1
     * @throws InvalidArgumentException if the value set is not a number in (0, 1]
     */
    public static double scale() {
        String text = System.getProperty(SCALE_PROPERTY);
        String name = SCALE_PROPERTY;
        if (text == null || text.isBlank()) {
            text = System.getenv(SCALE_ENV);
            name = SCALE_ENV;
        }
        if (text == null || text.isBlank()) {
            return 1;
        }
        double s = Check.number(name, text);
        if (!(s > 0 && s <= 1)) {
            throw Check.outOfRange(name, s, "(0, 1]");
        }
        return s;
    }

    /**
     * @param full the epochs of the full run
     * @return {@code max(1, round(full · scale()))}
     * @throws InvalidArgumentException if full &lt; 1 or the knob is invalid
     */
    public static int epochs(int full) {
        return epochs(full, scale());
    }

    /**
     * @param full the epochs of the full run, at least 1
     * @param scale the scale in (0, 1]
     * @return {@code max(1, round(full · scale))}
     * @throws InvalidArgumentException if an argument is out of range
     */
    public static int epochs(int full, double scale) {
        Check.atLeast("epochs", full, 1);
        if (!(scale > 0 && scale <= 1)) {
            throw Check.outOfRange("scale", scale, "(0, 1]");
        }
        return Math.max(1, (int) Math.round(full * scale));
    }

    /**
     * The loss at initialisation (before any step) of a model built with these options, on the whole
     * training split taken as one batch, split by the kind of example and normalised by the number of
     * positives as RetinaNet does.
     *
     * @param fromPositives the positives' share of the loss per positive
     * @param fromHard the hard negatives' share
     * @param fromEasy the easy negatives' share
     */
    public record InitialLoss(double fromPositives, double fromHard, double fromEasy) {

        /**
         * @return the total loss per positive
         */
        public double total() {
            return fromPositives + fromHard + fromEasy;
        }

        /**
         * @return the fraction of the total carried by the easy negatives
         */
        public double easyShare() {
            return fromEasy / total();
        }
    }

    /**
     * @param data the data set
     * @param options the model and loss (its prior decides the initial output bias)
     * @return the initial loss per positive, by kind of example
     */
    public static InitialLoss initialLoss(DetectionData.DataSet data, TrainOptions options) {
        Mlp m = new Mlp(options.layerSizes()).initialize(options.seed(), options.initialBias());
        DetectionData.Split s = data.train();
        double[] z = m.logits(s.x());
        org.focalloss.core.SigmoidFocalLoss fl = Double.isNaN(options.alpha())
                ? org.focalloss.core.SigmoidFocalLoss.builder().gamma(options.gamma()).noAlpha().build()
                : org.focalloss.core.SigmoidFocalLoss.builder().gamma(options.gamma()).alpha(options.alpha()).build();
        double[] sum = new double[3];
        for (int i = 0; i < z.length; i++) {
            sum[s.kind()[i]] += fl.loss(z[i], s.target()[i]);
        }
        double p = s.positives();
        return new InitialLoss(sum[DetectionData.POSITIVE] / p, sum[DetectionData.HARD_NEGATIVE] / p,
                sum[DetectionData.EASY_NEGATIVE] / p);
    }

    /**
     * Trains one model and scores it on the test split.
     *
     * @param data the data set
     * @param options the run
     * @return the run
     */
    public static Run run(DetectionData.DataSet data, TrainOptions options) {
        Trainer.Result r = Trainer.train(data.train(), options);
        double[] logits = r.model().logits(data.test().x());
        return new Run(options, r, logits, AveragePrecision.of(logits, data.test().labels()));
    }

    /**
     * Trains several models, {@link #threads()} at a time (each run is single-threaded and deterministic,
     * so the results do not depend on the number of threads), in the order given.
     *
     * @param data the data set
     * @param options the runs
     * @return the runs, in the same order
     */
    public static List<Run> runAll(DetectionData.DataSet data, List<TrainOptions> options) {
        int threads = Math.min(threads(), options.size());
        if (threads <= 1) {
            List<Run> out = new ArrayList<>();
            for (TrainOptions o : options) {
                out.add(run(data, o));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "focal-experiment");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (TrainOptions o : options) {
                futures.add(pool.submit(() -> run(data, o)));
            }
            List<Run> out = new ArrayList<>();
            for (Future<Run> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The runs of one data set, each trained once: asking again for the same options (equal
     * {@link TrainOptions}) returns the run already trained, so sweeps that share a setting share its run.
     */
    public static final class Runs {
        private final DetectionData.DataSet data;
        private final java.util.Map<TrainOptions, Run> done = new java.util.HashMap<>();

        /**
         * @param data the data set every run trains and is scored on
         */
        public Runs(DetectionData.DataSet data) {
            this.data = java.util.Objects.requireNonNull(data, "data");
        }

        /**
         * @param options runs
         * @return the runs, trained ({@link #threads()} at a time) where not trained before, in the order given
         */
        public List<Run> of(List<TrainOptions> options) {
            List<TrainOptions> missing = new ArrayList<>();
            for (TrainOptions o : options) {
                if (!done.containsKey(o) && !missing.contains(o)) {
                    missing.add(o);
                }
            }
            List<Run> trained = runAll(data, missing);
            for (int i = 0; i < missing.size(); i++) {
                done.put(missing.get(i), trained.get(i));
            }
            List<Run> out = new ArrayList<>();
            for (TrainOptions o : options) {
                out.add(done.get(o));
            }
            return out;
        }

        /**
         * @param options a run
         * @return it, trained if not trained before
         */
        public Run of(TrainOptions options) {
            return of(List.of(options)).get(0);
        }

        /**
         * @return how many distinct runs were trained
         */
        public int trained() {
            return done.size();
        }

        /**
         * @return the total training seconds of those runs (wall clock, summed over runs)
         */
        public double trainingSeconds() {
            return done.values().stream().mapToDouble(r -> r.training().seconds()).sum();
        }
    }

    /**
     * @return the number of runs trained at once: the available processors, at most 2
     */
    public static int threads() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param options a run
     * @param seeds seeds
     * @return the run once per seed
     */
    public static List<TrainOptions> seeds(TrainOptions options, long... seeds) {
        List<TrainOptions> out = new ArrayList<>();
        for (long s : seeds) {
            out.add(options.toBuilder().seed(s).build());
        }
        return out;
    }

    /**
     * @param runs at least one run
     * @return mean, sample standard deviation, minimum and maximum of their AP
     * @throws InvalidArgumentException if there is no run
     */
    public static Summary summary(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new InvalidArgumentException("runs are empty: give at least one run to summarise");
        }
        return Summary.of(runs.stream().mapToDouble(Run::ap).toArray());
    }

    /**
     * Groups consecutive runs: the first {@code perGroup} runs form the first group, and so on (the
     * order {@link #seeds} and {@link #runAll} produce).
     *
     * @param runs the runs
     * @param perGroup runs per group, at least 1, dividing the number of runs
     * @return one summary per group
     * @throws InvalidArgumentException if perGroup does not divide the number of runs
     */
    public static List<Summary> summaries(List<Run> runs, int perGroup) {
        Check.atLeast("perGroup", perGroup, 1);
        if (runs.size() % perGroup != 0) {
            throw new InvalidArgumentException(String.format(Locale.ROOT,
                    "perGroup = %d does not divide the %d runs", perGroup, runs.size()));
        }
        List<Summary> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i += perGroup) {
            out.add(summary(runs.subList(i, i + perGroup)));
        }
        return out;
    }
}
