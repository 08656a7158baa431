/**
 * Exact, numerically stable focal loss (Lin et al., 2017, arXiv 1708.02002): the scalar API
 * ({@link org.focalloss.core.FocalLoss}, sigmoid and softmax forms, FL*, gradients) and the float/double batch
 * kernels ({@link org.focalloss.batch.SigmoidBatch}, {@link org.focalloss.batch.SoftmaxBatch}).
 *
 * <p>JDK only. The Vector API kernels are loaded reflectively when {@code jdk.incubator.vector} is in the
 * module graph ({@code --add-modules jdk.incubator.vector}); without it the scalar kernels run, on the class
 * path and on the module path alike.
 */
module org.focalloss.core {
    exports org.focalloss.core;
    exports org.focalloss.batch;

    requires static jdk.incubator.vector;
}
