package org.focalloss.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import org.focalloss.batch.Reduction;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reductions and the ignore label against sums of the core's per-element values computed by hand here:
 * NONE is element-wise, SUM the sum, MEAN the sum over the elements that are not ignored, MEAN_ALL over all, MEAN_POSITIVE the
 * sum over the number of positives; ignored elements have loss 0 and gradient 0. Plus the one-line messages
 * for bad input.
 */
class ReductionsAndIgnoreTest {

    static final float[] X = {2.5f, -1.2f, 0.3f, -4f, 7f, 0.9f, -0.2f, 3.3f};
    static final float[] Y = {1, 0, -1, 0, 1, 0, -1, 0};   // −1: ignored
    static final double TOL = 1e-5;

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void sigmoidReductionsDivideTheSumOfTheNonIgnoredLossesAsDocumented(Reduction reduction) {
        DjlSigmoidFocalLoss loss = DjlSigmoidFocalLoss.builder().gamma(2).alpha(0.25).ignoreLabel(-1)
                .reduction(reduction).build();
        Djl.Eval e = Djl.evaluate(loss, X, new long[] {2, 4}, Djl.MANAGER.create(Y, new ai.djl.ndarray.types.Shape(2, 4)));
        SigmoidFocalLoss exact = SigmoidFocalLoss.defaults();
        double sum = 0;
        int valid = 0;
        int positives = 0;
        double[] each = new double[X.length];
        double[] grad = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            if (Y[i] != -1) {
                each[i] = exact.loss(X[i], Y[i]);
                grad[i] = exact.gradient(X[i], Y[i]);
                sum += each[i];
                valid++;
                positives += Y[i] == 1 ? 1 : 0;
            }
        }
        double divisor = switch (reduction) {
            case NONE, SUM -> 1;
            case MEAN -> valid;
            case MEAN_ALL -> X.length;  // kornia: every element, ignored ones included
            case MEAN_POSITIVE -> positives;
        };
        if (reduction == Reduction.NONE) {
            for (int i = 0; i < X.length; i++) {
                assertEquals(each[i], e.lossElements()[i], TOL * each[i] + 1e-12, "loss[" + i + "]");
            }
        } else {
            assertEquals(1, e.lossElements().length);
            assertEquals(sum / divisor, e.loss(), TOL * sum / divisor);
        }
        for (int i = 0; i < X.length; i++) {
            assertEquals(grad[i] / divisor, e.grad()[i], TOL * Math.abs(grad[i] / divisor) + 1e-12, "grad[" + i + "]");
        }
    }

    @Test
    void sigmoidMeanPositiveOfABatchWithoutPositivesDividesByOne() {
        DjlSigmoidFocalLoss loss = DjlSigmoidFocalLoss.builder().reduction(Reduction.MEAN_POSITIVE).build();
        Djl.Eval e = Djl.evaluate(loss, new float[] {0.5f, -2f}, new long[] {2}, Djl.MANAGER.create(new float[] {0, 0}));
        SigmoidFocalLoss exact = SigmoidFocalLoss.defaults();
        assertEquals(exact.loss(0.5, 0) + exact.loss(-2, 0), e.loss(), 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void softmaxReductionsPerClassAlphaAndIgnoreIndexMatchTheCore(Reduction reduction) {
        float[] z = {2, -1, 0.5f, -3, 4, 1, 0.2f, 0.1f, -0.3f, 5, -5, 0};
        int[] t = {0, 1, -100, 2};
        double[] alpha = {0.25, 0.75, 0.5};
        DjlSoftmaxFocalLoss loss = DjlSoftmaxFocalLoss.builder().gamma(2).alphaPerClass(alpha).ignoreIndex(-100)
                .backgroundClass(0).reduction(reduction).build();
        Djl.Eval e = Djl.evaluate(loss, z, new long[] {4, 3}, Djl.MANAGER.create(t));
        SoftmaxFocalLoss exact = SoftmaxFocalLoss.builder().gamma(2).alphaPerClass(alpha).build();
        double sum = 0;
        double[][] g = new double[4][];
        for (int i = 0; i < 4; i++) {
            double[] row = {z[3 * i], z[3 * i + 1], z[3 * i + 2]};
            if (t[i] >= 0) {
                sum += exact.loss(row, t[i]);
                g[i] = exact.gradient(row, t[i]);
            } else {
                g[i] = new double[3];
            }
        }
        double divisor = switch (reduction) {
            case NONE, SUM -> 1;
            case MEAN -> 3;             // three rows not ignored
            case MEAN_ALL -> 4;         // kornia: every row, the ignored one included
            case MEAN_POSITIVE -> 2;    // rows of class 1 and 2; class 0 is the background
        };
        assertEquals(sum / divisor, e.loss(), TOL * sum / divisor);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(g[i][j] / divisor, e.grad()[3 * i + j], TOL * Math.abs(g[i][j] / divisor) + 1e-9,
                        "grad[" + i + "][" + j + "]");
            }
        }
        if (reduction == Reduction.NONE) {
            assertEquals(0f, e.lossElements()[2], "the ignored row's loss");
        }
    }

    @Test
    void badInputGetsOneLineNamingTheValue() {
        NDArray soft = Djl.MANAGER.create(new float[] {0.3f});
        assertMessage("label = 0.3", () -> Djl.evaluate(FocalLosses.sigmoid(2, 0.25), new float[] {1}, new long[] {1}, soft));
        assertMessage("label = 3 is out of range [0, 2] for 3 classes",
                () -> Djl.evaluate(FocalLosses.softmax(2), new float[] {1, 2, 3}, new long[] {1, 3},
                        Djl.MANAGER.create(new int[] {3})));
        assertMessage("gamma = -1.0 is out of range [0, ∞)", () -> FocalLosses.sigmoid(-1));
        assertMessage("alpha = 1.5 is out of range [0, 1]", () -> FocalLosses.softmax(2, 1.5));
        assertMessage("alpha has length 2", () -> Djl.evaluate(DjlSoftmaxFocalLoss.builder().alphaPerClass(0.5, 0.5)
                .build(), new float[] {1, 2, 3}, new long[] {1, 3}, Djl.MANAGER.create(new int[] {0})));
        assertMessage("background class", () -> DjlSoftmaxFocalLoss.builder().reduction(Reduction.MEAN_POSITIVE).build());
        assertMessage("ignore label = 1.0 is a class label", () -> DjlSigmoidFocalLoss.builder().ignoreLabel(1));
    }

    @Test
    void oneLineFactoriesCarryTheirOptions() {
        assertEquals("DjlSigmoidFocalLoss[gamma=2.0, alpha=0.25, reduction=MEAN_POSITIVE, ignoreLabel=none]",
                FocalLosses.retinaNet().toString());
        assertEquals(Double.NaN, FocalLosses.sigmoid(0.5).alpha());
        assertEquals(new SigmoidFocalLoss(1, 0.75, true), FocalLosses.sigmoid(1, 0.75).exact());
        assertArrayEquals(new double[] {0.1, 0.9}, DjlSoftmaxFocalLoss.builder().alphaPerClass(0.1, 0.9).build().exact()
                .perClassAlpha());
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        if (!e.getMessage().contains(fragment)) {
            throw new AssertionError("message \"" + e.getMessage() + "\" does not contain \"" + fragment + "\"");
        }
    }
}
