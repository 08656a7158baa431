package org.focalloss.experiment;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.focalloss.core.Check;
import org.focalloss.core.InvalidArgumentException;

/**
 * A small fully connected network with ReLU hidden layers and one output logit:
 * z = W_L · relu(… relu(W_1 x + b_1) …) + b_L. Layer sizes {2, 1} make it logistic regression,
 * {2, 64, 1} a one-hidden-layer MLP, {2, 32, 32, 1} a deeper one.
 *
 * <p>All parameters live in one flat array ({@link #parameters()}), layer by layer, each layer's weights
 * (row-major, out × in) followed by its biases; {@link #outputBias()} is the last element.
 * Hidden weights start He-normal (σ = √(2 / fan-in)), the output weights N(0, 0.01²) as in RetinaNet's
 * classification subnet, and the output bias at a given value (the π prior, or 0).
 */
public final class Mlp {

    private final int[] sizes;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final double[] params;

    /**
     * @param sizes layer sizes, input first, output (1) last, e.g. {@code 2, 64, 1}
     * @throws InvalidArgumentException if there are fewer than two layers, a size is below 1 or the last is not 1
     */
    public Mlp(int... sizes) {
        if (sizes.length < 2) {
            throw new InvalidArgumentException("layer sizes " + Arrays.toString(sizes)
                    + " need at least an input and an output, e.g. [2, 1]");
        }
        for (int s : sizes) {
            Check.atLeast("layer size", s, 1);
        }
        if (sizes[sizes.length - 1] != 1) {
            throw new InvalidArgumentException("output size = " + sizes[sizes.length - 1]
                    + " is out of range [1, 1]: the model has one logit");
        }
        this.sizes = sizes.clone();
        weightOffset = new int[sizes.length - 1];
        biasOffset = new int[sizes.length - 1];
        int o = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            weightOffset[l] = o;
            o += sizes[l] * sizes[l + 1];
            biasOffset[l] = o;
            o += sizes[l + 1];
        }
        params = new double[o];
    }

    /**
     * Initialises the parameters: He-normal hidden weights, N(0, 0.01²) output weights, zero hidden biases.
     *
     * @param seed the seed
     * @param outputBias the output bias, e.g. {@code PriorInitialization.bias(0.01)} or 0
     * @return this model
     */
    public Mlp initialize(long seed, double outputBias) {
        SplittableRandom random = new SplittableRandom(seed);
        Arrays.fill(params, 0);
        for (int l = 0; l < layers(); l++) {
            boolean output = l == layers() - 1;
            double sigma = output ? 0.01 : Math.sqrt(2.0 / sizes[l]);
            for (int i = 0; i < sizes[l] * sizes[l + 1]; i++) {
                params[weightOffset[l] + i] = sigma * random.nextGaussian();
            }
        }
        params[params.length - 1] = Check.finite("outputBias", outputBias);
        return this;
    }

    /**
     * @return the layer sizes, input first
     */
    public int[] sizes() {
        return sizes.clone();
    }

    /**
     * @return the number of weight layers (hidden layers + 1)
     */
    public int layers() {
        return sizes.length - 1;
    }

    /**
     * @return the parameters, live (not a copy): layer by layer, weights then biases
     */
    public double[] parameters() {
        return params;
    }

    /**
     * @return the number of parameters
     */
    public int parameterCount() {
        return params.length;
    }

    /**
     * @return the output bias
     */
    public double outputBias() {
        return params[params.length - 1];
    }

    /**
     * @param layer a weight layer, 0-based
     * @return the offset of its weights in {@link #parameters()}
     */
    public int weightOffset(int layer) {
        return weightOffset[layer];
    }

    /**
     * @param layer a weight layer, 0-based
     * @return the offset of its biases in {@link #parameters()}
     */
    public int biasOffset(int layer) {
        return biasOffset[layer];
    }

    /**
     * @return e.g. "2-64-1"
     */
    public String name() {
        StringBuilder b = new StringBuilder();
        for (int s : sizes) {
            b.append(b.length() == 0 ? "" : "-").append(s);
        }
        return b.toString();
    }

    /**
     * The logits of many points.
     *
     * @param x inputs, interleaved: point i is x[i·in … i·in + in − 1]
     * @return one logit per point
     * @throws InvalidArgumentException if x's length is not a multiple of the input size
     */
    public double[] logits(double[] x) {
        int in = sizes[0];
        if (x.length % in != 0) {
            throw new InvalidArgumentException("inputs have length " + x.length + ", not a multiple of " + in);
        }
        int n = x.length / in;
        double[] z = new double[n];
        int chunk = Math.max(1, Math.min(n, 1024));
        double[][] act = buffers(chunk);
        for (int from = 0; from < n; from += chunk) {
            int size = Math.min(chunk, n - from);
            double[][] a = size == chunk ? act : buffers(size);
            for (int b = 0; b < size; b++) {
                for (int k = 0; k < in; k++) {
                    a[0][k * size + b] = x[(from + b) * in + k];
                }
            }
            forward(a, size);
            System.arraycopy(a[layers()], 0, z, from, size);
        }
        return z;
    }

    /**
     * Activation (or delta) buffers for a batch, one array per layer, stored feature-major: unit j of
     * point b is at [j · batch + b], so that every inner loop runs over the batch, contiguously.
     */
    double[][] buffers(int batch) {
        double[][] a = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            a[l] = new double[batch * sizes[l]];
        }
        return a;
    }

    /**
     * Forward pass of a batch whose inputs are in act[0] (feature-major); fills the hidden activations and
     * leaves the logits in act[layers()][0 … batch − 1]. Each unit is one pass over the batch per input
     * (bias, and ReLU for hidden units, fused into the first and last pass).
     */
    void forward(double[][] act, int batch) {
        if (oneHiddenLayerIn2D()) {
            forwardOneHidden(act, batch);
        } else {
            forwardLayers(act, batch);
        }
    }

    /** {@link #forward} layer by layer, for any shape (the 2-H-1 shape's fused pass must agree with it bit for bit). */
    void forwardLayers(double[][] act, int batch) {
        double[] p = params;
        int last = layers() - 1;
        for (int l = 0; l <= last; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] a = act[l];
            double[] next = act[l + 1];
            int w = weightOffset[l];
            boolean relu = l < last;
            for (int j = 0; j < out; j++) {
                int row = j * batch;
                double bj = p[biasOffset[l] + j];
                if (in == 2) {
                    double w0 = p[w + 2 * j];
                    double w1 = p[w + 2 * j + 1];
                    if (relu) {
                        for (int b = 0; b < batch; b++) {
                            next[row + b] = relu(bj + w0 * a[b] + w1 * a[batch + b]);
                        }
                    } else {
                        for (int b = 0; b < batch; b++) {
                            next[row + b] = bj + w0 * a[b] + w1 * a[batch + b];
                        }
                    }
                    continue;
                }
                double w0 = p[w + j * in];
                for (int b = 0; b < batch; b++) {
                    next[row + b] = bj + w0 * a[b];
                }
                for (int k = 1; k < in - 1; k++) {
                    double wjk = p[w + j * in + k];
                    int src = k * batch;
                    for (int b = 0; b < batch; b++) {
                        next[row + b] += wjk * a[src + b];
                    }
                }
                if (in > 1) {
                    double wl = p[w + j * in + in - 1];
                    int src = (in - 1) * batch;
                    if (relu) {
                        for (int b = 0; b < batch; b++) {
                            next[row + b] = relu(next[row + b] + wl * a[src + b]);
                        }
                    } else {
                        for (int b = 0; b < batch; b++) {
                            next[row + b] += wl * a[src + b];
                        }
                    }
                } else if (relu) {
                    for (int b = row; b < row + batch; b++) {
                        next[b] = relu(next[b]);
                    }
                }
            }
        }
    }

    /**
     * Backward pass of a batch after {@link #forward}: adds dLoss/dθ to grad, given dLoss/dz of every point
     * in delta[layers()]; delta holds buffers shaped like the activations.
     */
    void backward(double[][] act, double[][] delta, int batch, double[] grad) {
        if (oneHiddenLayerIn2D()) {
            backwardOneHidden(act, delta, batch, grad);
        } else {
            backwardLayers(act, delta, batch, grad);
        }
    }

    /** {@link #backward} layer by layer, for any shape, storing every delta. */
    void backwardLayers(double[][] act, double[][] delta, int batch, double[] grad) {
        double[] p = params;
        for (int l = layers() - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] a = act[l];
            double[] d = delta[l + 1];
            int w = weightOffset[l];
            int bias = biasOffset[l];
            boolean propagate = l > 0;
            double[] prev = delta[l];
            for (int j = 0; j < out; j++) {
                int row = j * batch;
                if (in == 2 && !propagate) {
                    // the input layer of a 2-D problem: bias and both weights in one pass, two interleaved
                    // accumulators each so that the additions do not wait on one another
                    double gb = 0;
                    double g0 = 0;
                    double g1 = 0;
                    double hb = 0;
                    double h0 = 0;
                    double h1 = 0;
                    int b = 0;
                    for (; b + 1 < batch; b += 2) {
                        double d0 = d[row + b];
                        double d1 = d[row + b + 1];
                        gb += d0;
                        hb += d1;
                        g0 += d0 * a[b];
                        h0 += d1 * a[b + 1];
                        g1 += d0 * a[batch + b];
                        h1 += d1 * a[batch + b + 1];
                    }
                    for (; b < batch; b++) {
                        double db = d[row + b];
                        gb += db;
                        g0 += db * a[b];
                        g1 += db * a[batch + b];
                    }
                    grad[bias + j] += gb + hb;
                    grad[w + 2 * j] += g0 + h0;
                    grad[w + 2 * j + 1] += g1 + h1;
                    continue;
                }
                double gb = 0;
                double hb = 0;
                int e = row;
                for (; e + 1 < row + batch; e += 2) {
                    gb += d[e];
                    hb += d[e + 1];
                }
                for (; e < row + batch; e++) {
                    gb += d[e];
                }
                grad[bias + j] += gb + hb;
                boolean first = j == 0;
                boolean lastUnit = j == out - 1;
                for (int k = 0; k < in; k++) {
                    int src = k * batch;
                    double g = 0;
                    if (!propagate) {
                        g = dot(d, row, a, src, batch);
                    } else {
                        double wjk = p[w + j * in + k];
                        g = dot(d, row, a, src, batch);
                        // ReLU: a = 0 exactly when the pre-activation was ≤ 0, and then no gradient flows back
                        if (first && lastUnit) {
                            for (int b = 0; b < batch; b++) {
                                prev[src + b] = gate(a[src + b], wjk * d[row + b]);
                            }
                        } else if (first) {
                            for (int b = 0; b < batch; b++) {
                                prev[src + b] = wjk * d[row + b];
                            }
                        } else if (lastUnit) {
                            for (int b = 0; b < batch; b++) {
                                prev[src + b] = gate(a[src + b], prev[src + b] + wjk * d[row + b]);
                            }
                        } else {
                            for (int b = 0; b < batch; b++) {
                                prev[src + b] += wjk * d[row + b];
                            }
                        }
                    }
                    grad[w + j * in + k] += g;
                }
            }
        }
    }

    /** The shape of notebook 04's models, 2-H-1, which has a fused forward and backward pass. */
    private boolean oneHiddenLayerIn2D() {
        return sizes.length == 3 && sizes[0] == 2;
    }

    /**
     * {@link #forward} of a 2-H-1 network in one pass per hidden unit: its activation and its term of the
     * logit are computed together, so each activation is stored once and never read back. The logit's
     * terms are added in the general path's order (output bias, then unit 0, 1, …), so the result is
     * bit-for-bit the general path's.
     */
    private void forwardOneHidden(double[][] act, int batch) {
        double[] p = params;
        double[] x = act[0];
        double[] h = act[1];
        double[] z = act[2];
        int w = weightOffset[0];
        int bias = biasOffset[0];
        int out = weightOffset[1];
        double zb = p[biasOffset[1]];
        for (int j = 0; j < sizes[1]; j++) {
            double w0 = p[w + 2 * j];
            double w1 = p[w + 2 * j + 1];
            double bj = p[bias + j];
            double vj = p[out + j];
            int row = j * batch;
            if (j == 0) {
                for (int b = 0; b < batch; b++) {
                    double hb = relu(bj + w0 * x[b] + w1 * x[batch + b]);
                    h[row + b] = hb;
                    z[b] = zb + vj * hb;
                }
            } else {
                for (int b = 0; b < batch; b++) {
                    double hb = relu(bj + w0 * x[b] + w1 * x[batch + b]);
                    h[row + b] = hb;
                    z[b] += vj * hb;
                }
            }
        }
    }

    /**
     * {@link #backward} of a 2-H-1 network in one pass per hidden unit: the output weight's gradient, the
     * gated delta of the unit and the unit's three input-layer gradients in the same loop, the delta never
     * stored (delta[1] is left untouched). Every sum has the general path's accumulators and order (four
     * for the output weight as in {@link #dot}, two interleaved for the rest), so the gradient is bit-for-bit
     * the general path's.
     */
    private void backwardOneHidden(double[][] act, double[][] delta, int batch, double[] grad) {
        double[] p = params;
        double[] x = act[0];
        double[] h = act[1];
        double[] dz = delta[2];
        int w = weightOffset[0];
        int bias = biasOffset[0];
        int out = weightOffset[1];
        double zb = 0;
        double zh = 0;
        int e = 0;
        for (; e + 1 < batch; e += 2) {
            zb += dz[e];
            zh += dz[e + 1];
        }
        for (; e < batch; e++) {
            zb += dz[e];
        }
        grad[biasOffset[1]] += zb + zh;
        for (int j = 0; j < sizes[1]; j++) {
            int row = j * batch;
            double vj = p[out + j];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double gb = 0;
            double g0 = 0;
            double g1 = 0;
            double hb = 0;
            double h0 = 0;
            double h1 = 0;
            int b = 0;
            for (; b + 3 < batch; b += 4) {
                double a0 = h[row + b];
                double a1 = h[row + b + 1];
                double a2 = h[row + b + 2];
                double a3 = h[row + b + 3];
                double d0 = dz[b];
                double d1 = dz[b + 1];
                double d2 = dz[b + 2];
                double d3 = dz[b + 3];
                s0 += d0 * a0;
                s1 += d1 * a1;
                s2 += d2 * a2;
                s3 += d3 * a3;
                double e0 = gate(a0, vj * d0);
                double e1 = gate(a1, vj * d1);
                double e2 = gate(a2, vj * d2);
                double e3 = gate(a3, vj * d3);
                gb += e0;
                hb += e1;
                g0 += e0 * x[b];
                h0 += e1 * x[b + 1];
                g1 += e0 * x[batch + b];
                h1 += e1 * x[batch + b + 1];
                gb += e2;
                hb += e3;
                g0 += e2 * x[b + 2];
                h0 += e3 * x[b + 3];
                g1 += e2 * x[batch + b + 2];
                h1 += e3 * x[batch + b + 3];
            }
            for (int c = b; c < batch; c++) {
                s0 += dz[c] * h[row + c];
            }
            for (; b + 1 < batch; b += 2) {
                double e0 = gate(h[row + b], vj * dz[b]);
                double e1 = gate(h[row + b + 1], vj * dz[b + 1]);
                gb += e0;
                hb += e1;
                g0 += e0 * x[b];
                h0 += e1 * x[b + 1];
                g1 += e0 * x[batch + b];
                h1 += e1 * x[batch + b + 1];
            }
            for (; b < batch; b++) {
                double e0 = gate(h[row + b], vj * dz[b]);
                gb += e0;
                g0 += e0 * x[b];
                g1 += e0 * x[batch + b];
            }
            grad[out + j] += (s0 + s1) + (s2 + s3);
            grad[bias + j] += gb + hb;
            grad[w + 2 * j] += g0 + h0;
            grad[w + 2 * j + 1] += g1 + h1;
        }
    }

    /**
     * ReLU without a branch: (v + |v|)/2 is v for v > 0 and +0 for v ≤ 0, exactly (doubling and halving are
     * exact; only |v| > Double.MAX_VALUE/2, an activation no training survives, overflows to ∞); NaN stays NaN.
     * A compare-and-branch here mispredicts on about half of the units of a shuffled batch (the sign of a
     * pre-activation is a coin flip), and that cost the forward pass 4–6× its arithmetic; this form the JIT
     * also vectorises.
     */
    static double relu(double v) {
        return (v + Math.abs(v)) * 0.5;
    }

    /**
     * The ReLU gate of back-propagation without a branch: g where the activation a (≥ +0, as {@link #relu}
     * makes it) is positive, +0 where it is +0. a's bits are 0 exactly when a = +0, else a positive long, so
     * −bits >> 63 is all ones exactly when a > 0 (or NaN, which then passes g on).
     */
    static double gate(double a, double g) {
        long keep = -Double.doubleToRawLongBits(a) >> 63;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(g) & keep);
    }

    /** Σ_b x[xo + b]·y[yo + b] with four interleaved accumulators (the additions' latency, not their count, bounds a single sum). */
    private static double dot(double[] x, int xo, double[] y, int yo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int b = 0;
        for (; b + 3 < n; b += 4) {
            s0 += x[xo + b] * y[yo + b];
            s1 += x[xo + b + 1] * y[yo + b + 1];
            s2 += x[xo + b + 2] * y[yo + b + 2];
            s3 += x[xo + b + 3] * y[yo + b + 3];
        }
        for (; b < n; b++) {
            s0 += x[xo + b] * y[yo + b];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
