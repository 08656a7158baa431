package org.focalloss.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
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
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.focalloss.djl.FocalLosses;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The price of the DJL adapters per training step: one forward pass, loss and backward pass (no optimiser
 * update) on a batch of 1,024, with the focal loss against DJL's built-in loss of the same form.
 * {@code sigmoid}: notebook 06's MLP, Linear(64) → ReLU → Linear(1) on 2 inputs, {@code FocalLosses.sigmoid(2,
 * 0.25)} against {@code SigmoidBinaryCrossEntropyLoss}; {@code softmax}: Linear(64) → ReLU → Linear(C) with
 * C = 8, {@code FocalLosses.softmax(2, 0.25)} against {@code SoftmaxCrossEntropyLoss} (sparse labels). The
 * score is microseconds per step; focal / built-in of the same model is the adapter's overhead.
 *
 * <p>Not in benchmarks.jar's class path: it runs offline on the PyTorch engine of {@code target/djl/} (one
 * intra-op and one inter-op thread, as focal-loss-djl's tests and notebook 06):
 * <pre>
 * java -cp 'target/benchmarks.jar:target/djl/*' org.openjdk.jmh.Main DjlStep -f 3 -wi 3 -i 5 -t 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
        "-DDJL_CACHE_DIR=target/djl-cache", "-DENGINE_CACHE_DIR=target/djl-cache",
        "-Dai.djl.default_engine=PyTorch", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1"})
public class DjlStepBenchmark {

    static final int BATCH = 1024;
    static final int SOFTMAX_CLASSES = 8;

    /** sigmoid-focal, sigmoid-bce, softmax-focal, softmax-ce. */
    @Param({"sigmoid-focal", "sigmoid-bce", "softmax-focal", "softmax-ce"})
    String loss;

    private NDManager manager;
    private Model model;
    private Trainer trainer;
    private Loss lossFunction;
    private NDArray x;
    private NDArray y;

    @Setup
    public void setup() {
        boolean softmax = loss.startsWith("softmax");
        int outputs = softmax ? SOFTMAX_CLASSES : 1;
        lossFunction = switch (loss) {
            case "sigmoid-focal" -> FocalLosses.sigmoid(2, 0.25);
            case "sigmoid-bce" -> new SigmoidBinaryCrossEntropyLoss();
            case "softmax-focal" -> FocalLosses.softmax(2, 0.25);
            case "softmax-ce" -> new SoftmaxCrossEntropyLoss();
            default -> throw new IllegalArgumentException("loss = " + loss + " is not one of sigmoid-focal, "
                    + "sigmoid-bce, softmax-focal, softmax-ce");
        };
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(64).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(outputs).build());
        model = Model.newInstance(loss);
        model.setBlock(net);
        trainer = model.newTrainer(new DefaultTrainingConfig(lossFunction));
        trainer.initialize(new Shape(BATCH, 2));
        SplittableRandom rnd = new SplittableRandom(11);
        float[] in = new float[2 * BATCH];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) rnd.nextGaussian();
        }
        float[] labels = new float[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = softmax ? rnd.nextInt(SOFTMAX_CLASSES) : rnd.nextInt(10) == 0 ? 1 : 0;
        }
        x = manager.create(in, new Shape(BATCH, 2));
        y = manager.create(labels, new Shape(BATCH, 1));
    }

    @TearDown
    public void tearDown() {
        trainer.close();
        model.close();
        manager.close();
    }

    @Benchmark
    public float step() {
        try (NDManager bm = manager.newSubManager(); GradientCollector gc = trainer.newGradientCollector()) {
            NDArray out = trainer.forward(new NDList(bm.create(x.toFloatArray(), x.getShape())))
                    .singletonOrThrow();
            NDArray l = lossFunction.evaluate(new NDList(y), new NDList(out));
            gc.backward(l);
            return l.getFloat();
        }
    }
}
