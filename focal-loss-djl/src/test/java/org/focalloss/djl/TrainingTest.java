package org.focalloss.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tiny MLP trained with DJL's Trainer and each adapter for a few full-batch Adam steps on seeded,
 * imbalanced, learnable data: the training loss falls, by at least half.
 */
class TrainingTest {

    static Stream<Loss> losses() {
        return Stream.of(FocalLosses.sigmoid(2, 0.25), FocalLosses.retinaNet(), FocalLosses.sigmoid(0.5),
                FocalLosses.softmax(2), DjlSoftmaxFocalLoss.builder().gamma(1).alphaPerClass(0.25, 0.75).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void aFewTrainingStepsLowerTheLoss(Loss loss) {
        boolean softmax = loss instanceof DjlSoftmaxFocalLoss;
        int n = 256;
        Random rnd = new Random(42);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble() < 0.1 ? 1 : 0;
            x[2 * i] = (float) (rnd.nextGaussian() + 2.5 * y[i]);
            x[2 * i + 1] = (float) rnd.nextGaussian();
        }
        try (Model model = Model.newInstance("tiny")) {
            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(Activation::relu)
                    .add(Linear.builder().setUnits(softmax ? 2 : 1).build()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build());
            try (Trainer trainer = model.newTrainer(config); NDManager m = Djl.MANAGER.newSubManager()) {
                trainer.initialize(new Shape(n, 2));
                NDArray features = m.create(x, new Shape(n, 2));
                NDArray labels = softmax ? m.create(y).toType(ai.djl.ndarray.types.DataType.INT32, false)
                        : m.create(y, new Shape(n, 1));
                float first = Float.NaN;
                float last = Float.NaN;
                for (int step = 0; step < 30; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray out = trainer.forward(new NDList(features)).singletonOrThrow();
                        NDArray l = loss.evaluate(new NDList(labels), new NDList(out));
                        gc.backward(l);
                        last = l.getFloat();
                        if (step == 0) {
                            first = last;
                        }
                    }
                    trainer.step();
                }
                float f = first;
                float l = last;
                assertTrue(Float.isFinite(l) && l < 0.5f * f, loss + ": loss " + f + " → " + l);
            }
        }
    }
}
