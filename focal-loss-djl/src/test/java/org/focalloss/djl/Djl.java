package org.focalloss.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.function.Function;

/**
 * One engine and one manager for every test class of this JVM (surefire reuses the fork, so the PyTorch
 * native library is loaded once). The surefire configuration makes it offline with its cache under target/.
 */
final class Djl {

    static final NDManager MANAGER = NDManager.newBaseManager();

    private Djl() {
    }

    /** A float32 loss value and d loss / d logits from DJL's autograd. */
    record Eval(double loss, float[] lossElements, float[] grad) {
    }

    static Eval evaluate(Loss loss, float[] logits, long[] shape, NDArray labels) {
        return evaluate(x -> loss.evaluate(new NDList(labels), new NDList(x)), logits, shape);
    }

    static Eval evaluate(Function<NDArray, NDArray> f, float[] logits, long[] shape) {
        return evaluate(f, logits, shape, () -> { });
    }

    /**
     * As {@link #evaluate(Function, float[], long[])}, running {@code betweenForwardAndBackward} after the
     * forward pass and before {@code backward}: the window in which a training loop allocates and the JVM
     * collects garbage while autograd still holds the tensors the forward pass saved.
     */
    static Eval evaluate(Function<NDArray, NDArray> f, float[] logits, long[] shape,
            Runnable betweenForwardAndBackward) {
        try (NDManager m = MANAGER.newSubManager()) {
            NDArray x = m.create(logits, new ai.djl.ndarray.types.Shape(shape));
            x.setRequiresGradient(true);
            NDArray value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                value = f.apply(x);
                betweenForwardAndBackward.run();
                gc.backward(value);
            }
            float[] v = value.toFloatArray();
            double sum = 0;
            for (float e : v) {
                sum += e;
            }
            return new Eval(sum, v, x.getGradient().toFloatArray());
        }
    }
}
