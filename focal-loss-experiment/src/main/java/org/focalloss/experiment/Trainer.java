package org.focalloss.experiment;

import java.util.SplittableRandom;
import org.focalloss.batch.Precision;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
import org.focalloss.core.Check;
import org.focalloss.core.InvalidArgumentException;

/**
 * Trains an {@link Mlp} from scratch with Adam on mini-batches, the loss and its gradient with respect to
 * the logits coming from the library's batch API ({@link SigmoidBatch}: sigmoid focal loss, γ = 0 being
 * cross-entropy, α optional, normalised as {@link TrainOptions.Normalization} says). Back-propagation
 * through the network and Adam (Kingma and Ba, 2015; β₁ = 0.9, β₂ = 0.999, ε = 1e-8) are plain Java on
 * one thread. Deterministic: the same options and data give bit-identical parameters.
 *
 * <pre>{@code
 * Trainer.Result r = Trainer.train(data.train(), TrainOptions.builder().hidden(64).focal(2, 0.25).build());
 * double ap = AveragePrecision.of(r.model().logits(data.test().x()), data.test().labels());
 * }</pre>
 */
public final class Trainer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private Trainer() {
    }

    /**
     * A trained model and what training cost.
     *
     * @param model the trained network
     * @param options the options it was trained with
     * @param epochLoss mean mini-batch loss of each epoch
     * @param seconds wall-clock seconds spent training
     */
    public record Result(Mlp model, TrainOptions options, double[] epochLoss, double seconds) {

        /**
         * @return seconds per epoch
         */
        public double secondsPerEpoch() {
            return seconds / options.epochs();
        }
    }

    /**
     * The batch loss that a training run with these options uses on a mini-batch.
     *
     * @param options the options
     * @param batch the mini-batch's size
     * @param positiveRate the training set's fraction of positives (for
     *                     {@link TrainOptions.Normalization#EXPECTED_POSITIVES})
     * @return the batch loss
     */
    public static SigmoidBatch loss(TrainOptions options, int batch, double positiveRate) {
        SigmoidBatch.Builder b = SigmoidBatch.builder().gamma(options.gamma()).precision(options.precision());
        if (Double.isNaN(options.alpha())) {
            b.noAlpha();
        } else {
            b.alpha(options.alpha());
        }
        switch (options.normalization()) {
            case POSITIVES_IN_BATCH -> b.reduction(Reduction.MEAN_POSITIVE);
            case EXPECTED_POSITIVES -> b.reduction(Reduction.MEAN_POSITIVE).divisor(Math.max(1e-9, batch * positiveRate));
            case MEAN -> b.reduction(Reduction.MEAN);
            default -> throw new AssertionError(options.normalization());
        }
        return b.build();
    }

    /**
     * The loss of a model on a set of points taken as one mini-batch, and its gradient with respect to every
     * parameter (what one training step uses). With {@link Precision#EXACT} in the options the loss is
     * computed in double precision throughout, which is what a finite-difference check needs.
     *
     * @param model the model
     * @param x inputs, interleaved pairs
     * @param target targets in [0, 1], one per point
     * @param options the loss settings (γ, α, normalisation, precision)
     * @param positiveRate the positive rate for {@link TrainOptions.Normalization#EXPECTED_POSITIVES}
     * @param gradOut receives dLoss/dθ, length {@link Mlp#parameterCount()} (overwritten)
     * @return the loss
     * @throws InvalidArgumentException if the lengths do not match
     */
    public static double lossAndGradient(Mlp model, double[] x, float[] target, TrainOptions options,
                                         double positiveRate, double[] gradOut) {
        int n = target.length;
        Check.sameLength("inputs", x.length, 2 * n);
        Check.sameLength("gradient", gradOut.length, model.parameterCount());
        Step step = new Step(model, n, loss(options, n, positiveRate), options.precision());
        for (int b = 0; b < n; b++) {
            step.act[0][b] = x[2 * b];
            step.act[0][n + b] = x[2 * b + 1];
        }
        java.util.Arrays.fill(gradOut, 0);
        return step.run(target, gradOut);
    }

    /**
     * Trains a model.
     *
     * @param train the training split
     * @param options the options
     * @return the trained model
     * @throws InvalidArgumentException if the split has no positive
     */
    public static Result train(DetectionData.Split train, TrainOptions options) {
        long start = System.nanoTime();
        int n = train.size();
        int positives = train.positives();
        if (positives == 0) {
            throw new InvalidArgumentException("the training split has no positive: nothing to learn");
        }
        double rate = (double) positives / n;
        Mlp model = new Mlp(options.layerSizes()).initialize(options.seed(), options.initialBias());
        SplittableRandom random = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
        int bs = Math.min(options.batchSize(), n);
        Step full = new Step(model, bs, loss(options, bs, rate), options.precision());
        int rest = n % bs;
        Step tail = rest == 0 ? null : new Step(model, rest, loss(options, rest, rate), options.precision());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] p = model.parameters();
        double[] grad = new double[p.length];
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        float[][] targets = {new float[bs], new float[rest]};
        double[] epochLoss = new double[options.epochs()];
        double lr = options.learningRate();
        long t = 0;
        double[] x = train.x();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int s = order[i];
                order[i] = order[j];
                order[j] = s;
            }
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += bs) {
                int size = Math.min(bs, n - from);
                Step step = size == bs ? full : tail;
                float[] tg = size == bs ? targets[0] : targets[1];
                double[] in = step.act[0];
                for (int b = 0; b < size; b++) {
                    int i = order[from + b];
                    in[b] = x[2 * i];
                    in[size + b] = x[2 * i + 1];
                    tg[b] = train.target()[i];
                }
                java.util.Arrays.fill(grad, 0);
                sum += step.run(tg, grad);
                batches++;
                t++;
                double c1 = 1 - Math.pow(BETA1, t);
                double c2 = 1 - Math.pow(BETA2, t);
                double stepSize = lr / c1;
                for (int k = 0; k < p.length; k++) {
                    double g = grad[k];
                    m[k] = BETA1 * m[k] + (1 - BETA1) * g;
                    v[k] = BETA2 * v[k] + (1 - BETA2) * g * g;
                    p[k] -= stepSize * m[k] / (Math.sqrt(v[k] / c2) + EPSILON);
                }
            }
            epochLoss[epoch] = sum / batches;
        }
        return new Result(model, options, epochLoss, (System.nanoTime() - start) / 1e9);
    }

    /** One mini-batch step's buffers: forward, the batch loss on the logits, backward. */
    private static final class Step {
        final Mlp model;
        final int size;
        final SigmoidBatch loss;
        final boolean exact;
        final double[][] act;
        final double[][] delta;
        final float[] logitsF;
        final float[] gradF;
        final double[] targetsD;

        Step(Mlp model, int size, SigmoidBatch loss, Precision precision) {
            this.model = model;
            this.size = size;
            this.loss = loss;
            this.exact = precision == Precision.EXACT;
            act = model.buffers(size);
            delta = model.buffers(size);
            logitsF = exact ? null : new float[size];
            gradF = exact ? null : new float[size];
            targetsD = exact ? new double[size] : null;
        }

        /** Forward over act[0], loss and dLoss/dz from the batch API, backward into grad (added). */
        double run(float[] target, double[] grad) {
            double value;
            model.forward(act, size);
            double[] z = act[model.layers()];
            double[] dz = delta[model.layers()];
            if (exact) {
                for (int b = 0; b < size; b++) {
                    targetsD[b] = target[b];
                }
                value = loss.computeInto(z, targetsD, dz, null);
            } else {
                for (int b = 0; b < size; b++) {
                    logitsF[b] = (float) z[b];
                }
                value = loss.computeInto(logitsF, target, gradF, null);
                for (int b = 0; b < size; b++) {
                    dz[b] = gradF[b];
                }
            }
            model.backward(act, delta, size, grad);
            return value;
        }
    }
}
