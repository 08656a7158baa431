package org.focalloss.batch;

import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;

/** PLACEHOLDER (being replaced by the single-precision scalar kernels): delegates to the exact formulas. */
final class ScalarKernels implements FastKernels {

    @Override
    public double sigmoid(float[] x, float[] t, int from, int to, float gamma, float alpha, boolean weighted,
                          boolean hasIgnore, float ignore, float gradScale, float[] gradOut, float[] lossOut) {
        SigmoidFocalLoss fl = new SigmoidFocalLoss(gamma, alpha, weighted);
        double sum = 0;
        for (int i = from; i < to; i++) {
            float g = 0;
            float l = 0;
            if (!(hasIgnore && t[i] == ignore)) {
                if (!Float.isFinite(x[i]) || !(t[i] >= 0 && t[i] <= 1)) {
                    return Double.NaN;
                }
                SigmoidFocalLoss.Terms terms = fl.evaluate(x[i], t[i]);
                g = (float) (terms.gradient() * gradScale);
                l = (float) terms.loss();
                sum += terms.loss();
            }
            if (gradOut != null) {
                gradOut[i] = g;
            }
            if (lossOut != null) {
                lossOut[i] = l;
            }
        }
        return sum;
    }

    @Override
    public double softmax(float[] z, int[] targets, int classes, int fromRow, int toRow, float gamma, float[] alpha,
                          boolean hasIgnore, int ignoreIndex, float gradScale, float[] gradOut, float[] lossOut) {
        double[] row = new double[classes];
        double[] grad = new double[classes];
        double sum = 0;
        for (int r = fromRow; r < toRow; r++) {
            int t = targets[r];
            double loss = 0;
            java.util.Arrays.fill(grad, 0);
            if (!(hasIgnore && t == ignoreIndex)) {
                if (t < 0 || t >= classes) {
                    return Double.NaN;
                }
                for (int j = 0; j < classes; j++) {
                    row[j] = z[r * classes + j];
                    if (!Double.isFinite(row[j])) {
                        return Double.NaN;
                    }
                }
                loss = SoftmaxFocalLoss.evaluateInto(row, 0, classes, t, gamma, alpha[t], null, 0, grad, 0, null);
                sum += loss;
            }
            if (gradOut != null) {
                for (int j = 0; j < classes; j++) {
                    gradOut[r * classes + j] = (float) (grad[j] * gradScale);
                }
            }
            if (lossOut != null) {
                lossOut[r] = (float) loss;
            }
        }
        return sum;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
