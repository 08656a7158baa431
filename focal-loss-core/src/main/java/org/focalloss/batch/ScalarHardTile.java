package org.focalloss.batch;

import static org.focalloss.batch.FloatMath.EXP_BIAS_64;
import static org.focalloss.batch.FloatMath.EXP_MIN;
import static org.focalloss.batch.FloatMath.L0;
import static org.focalloss.batch.FloatMath.L1;
import static org.focalloss.batch.FloatMath.L2;
import static org.focalloss.batch.FloatMath.L3;
import static org.focalloss.batch.FloatMath.L4;
import static org.focalloss.batch.FloatMath.L5;
import static org.focalloss.batch.FloatMath.L6;
import static org.focalloss.batch.FloatMath.L7;
import static org.focalloss.batch.FloatMath.L8;
import static org.focalloss.batch.FloatMath.LN2_HI;
import static org.focalloss.batch.FloatMath.LN2_LO;
import static org.focalloss.batch.FloatMath.LOG2E;
import static org.focalloss.batch.FloatMath.MAGIC;
import static org.focalloss.batch.FloatMath.Q0;
import static org.focalloss.batch.FloatMath.Q1;
import static org.focalloss.batch.FloatMath.Q2;
import static org.focalloss.batch.FloatMath.Q3;
import static org.focalloss.batch.FloatMath.Q4;
import static org.focalloss.batch.FloatMath.Q5;
import static org.focalloss.batch.FloatMath.TWO_M64;

/**
 * The hard-target sigmoid path of {@link ScalarKernels}, evaluated over tiles of up to {@link #SIZE}
 * elements as a series of short, branch-free loops over scratch arrays. Each loop is small enough for
 * C2's superword pass to turn it into SIMD code by itself, so the fallback runs several times faster
 * than one long per-element loop, without the Vector API. The math is the per-element formula of
 * {@link ScalarKernels} (same polynomials, same selections written with min/max instead of branches):
 * <pre>
 *   z = (2t − 1)·x,  e = exp(−|z|),  l = log1p(e),  r = 1/(1 + e)
 *   u = 1 if z ≥ 0 else 0 (as min(max(z·2^40, 0), 1); for |z| &lt; 2^−40, e = 1 and both sides agree)
 *   p_t = u·r + (1−u)·e·r,  q = u·e·r + (1−u)·r,  CE = l − min(z, 0),  log q = −(l + max(z, 0))
 *   loss = α_t·q^γ·CE,  gradient = −α_t·y·q^γ·(γ·p_t·CE + q)·scale,  α_t = α·t + (1 − α)·(1 − t)
 * </pre>
 * Ignored elements enter as t = 0, x = 0 with weight 0, so their loss and gradient come out as +0.
 * Not thread-safe: one instance per kernel call.
 */
final class ScalarHardTile {

    /** Elements per tile: thirteen scratch arrays of this size stay in L1. */
    static final int SIZE = 256;
    private static final float SIGN_SCALE = 0x1p40f;

    private final float[] z = new float[SIZE];
    private final float[] tc = new float[SIZE];
    private final float[] w = new float[SIZE];
    private final float[] check = new float[SIZE];
    private final float[] s = new float[SIZE];
    private final float[] k = new float[SIZE];
    private final float[] e = new float[SIZE];
    private final float[] l = new float[SIZE];
    private final float[] r = new float[SIZE];
    private final float[] pt = new float[SIZE];
    private final float[] q = new float[SIZE];
    private final float[] ce = new float[SIZE];
    private final float[] mod = new float[SIZE];

    /**
     * Loads elements [from, end) (end − from ≤ SIZE) and returns how many of them, from the start, are
     * hard targets (or ignored) with finite logits; the caller evaluates that prefix with
     * {@link #finish} and handles the element after it (soft or invalid) on its own.
     */
    int load(float[] x, float[] t, int from, int end, boolean hasIgnore, float ignore) {
        int m = end - from;
        for (int j = 0; j < m; j++) {
            float ti = t[from + j];
            float xi = x[from + j];
            check[j] = ti * (1 - ti) + (xi - xi);       // 0 for a hard target and a finite logit
            z[j] = xi * (2 * ti - 1);
            tc[j] = ti;
            w[j] = 1;
        }
        if (hasIgnore) {
            for (int j = 0; j < m; j++) {
                if (tc[j] == ignore) {
                    check[j] = 0;
                    z[j] = 0;
                    tc[j] = 0;
                    w[j] = 0;
                }
            }
        }
        int n = 0;
        while (n < m && check[n] == 0) {
            n++;
        }
        return n;
    }

    /** exp(arg) for arg ≤ 0 over [0, n) into {@code e}: {@link FloatMath#expNonPositive} in three loops. */
    private void exp(float[] arg, int n) {
        expReduce(arg, s, k, n);
        expPolynomial(s, n);
        expScale(s, k, e, n);
    }

    // Each loop is its own small static method. The JIT then compiles each of them early and cheaply, on
    // its own counters, and the first call of a fresh JVM runs compiled loops after about a hundred tiles.
    // As one 800-byte method, the first C2 code came only after three on-stack-replacement compilations
    // of that method (one per loop the counters overflowed in) and a 170 ms compilation of the whole,
    // during which a cold call ran at a few M elements/s.

    private static void expReduce(float[] arg, float[] s, float[] k, int n) {
        for (int j = 0; j < n; j++) {
            float c = Math.max(arg[j], EXP_MIN);
            float kk = c * LOG2E + MAGIC;
            float nn = kk - MAGIC;
            s[j] = (c - nn * LN2_HI) - nn * LN2_LO;
            k[j] = kk;
        }
    }

    private static void expPolynomial(float[] s, int n) {
        for (int j = 0; j < n; j++) {
            float sj = s[j];
            s[j] = 1 + sj * (Q0 + sj * (Q1 + sj * (Q2 + sj * (Q3 + sj * (Q4 + sj * Q5)))));
        }
    }

    private static void expScale(float[] s, float[] k, float[] e, int n) {
        for (int j = 0; j < n; j++) {
            e[j] = Float.intBitsToFloat(Float.floatToRawIntBits(s[j]) + (Float.floatToRawIntBits(k[j]) << 23)
                    + EXP_BIAS_64) * TWO_M64;
        }
    }

    private static void negativeAbs(float[] z, float[] out, int n) {
        for (int j = 0; j < n; j++) {
            out[j] = -Math.abs(z[j]);
        }
    }

    private static void log1pPolynomial(float[] e, float[] l, int n) {
        for (int j = 0; j < n; j++) {
            float ej = e[j];
            l[j] = ej * (L0 + ej * (L1 + ej * (L2 + ej * (L3 + ej * (L4 + ej * (L5 + ej * (L6 + ej * (L7
                    + ej * L8))))))));
        }
    }

    private static void reciprocalOnePlus(float[] e, float[] r, int n) {
        for (int j = 0; j < n; j++) {
            r[j] = 1 / (1 + e[j]);
        }
    }

    private static void probabilities(float[] z, float[] e, float[] r, float[] pt, float[] q, int n) {
        for (int j = 0; j < n; j++) {
            float u = Math.min(Math.max(z[j] * SIGN_SCALE, 0f), 1f);
            float sm = e[j] * r[j];
            pt[j] = u * r[j] + (1 - u) * sm;
            q[j] = u * sm + (1 - u) * r[j];
        }
    }

    private static void crossEntropy(float[] l, float[] z, float[] ce, int n) {
        for (int j = 0; j < n; j++) {
            ce[j] = l[j] - Math.min(z[j], 0f);
        }
    }

    private static void modulator(int gk, float[] q, float[] mod, int n) {
        switch (gk) {
            case ScalarKernels.GAMMA_0:
                for (int j = 0; j < n; j++) {
                    mod[j] = 1;
                }
                break;
            case ScalarKernels.GAMMA_1:
                System.arraycopy(q, 0, mod, 0, n);
                break;
            case ScalarKernels.GAMMA_2:
                for (int j = 0; j < n; j++) {
                    mod[j] = q[j] * q[j];
                }
                break;
            case ScalarKernels.GAMMA_3:
                for (int j = 0; j < n; j++) {
                    mod[j] = q[j] * q[j] * q[j];
                }
                break;
            case ScalarKernels.GAMMA_4:
                for (int j = 0; j < n; j++) {
                    float q2 = q[j] * q[j];
                    mod[j] = q2 * q2;
                }
                break;
            default:
                throw new AssertionError(gk);
        }
    }

    private static void gammaLogQ(float gamma, float[] l, float[] z, float[] out, int n) {
        for (int j = 0; j < n; j++) {
            out[j] = -gamma * (l[j] + Math.max(z[j], 0f));   // γ·log q
        }
    }

    private static void gradientFactor(float gamma, float[] pt, float[] ce, float[] q, float[] r, int n) {
        for (int j = 0; j < n; j++) {
            r[j] = gamma * pt[j] * ce[j] + q[j];
        }
    }

    private static void gradient(float hp, float hn, float[] tc, float[] mod, float[] r, float[] w, float[] gradOut,
                                 int from, int n) {
        for (int j = 0; j < n; j++) {
            gradOut[from + j] = (hp * tc[j] + hn * (1 - tc[j])) * mod[j] * r[j] * w[j] + 0f;   // −0 → +0
        }
    }

    private static void loss(float ap, float an, float[] tc, float[] mod, float[] ce, float[] w, float[] r,
                             float[] l, int n) {
        for (int j = 0; j < n; j++) {
            // r·0 is NaN if the gradient's one unbounded factor is not finite: the caller then recomputes.
            l[j] = (ap * tc[j] + an * (1 - tc[j])) * mod[j] * ce[j] * w[j] + r[j] * 0f;
        }
    }

    private static double sum(float[] l, int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += l[j];
        }
        return sum;
    }

    /**
     * Evaluates the first n loaded elements, writes their gradient and loss to the outputs at
     * [from, from + n) when those are not null, and returns the sum of their losses.
     */
    double finish(int from, int n, int gk, float gamma, float ap, float an, float hp, float hn, float[] gradOut,
                  float[] lossOut) {
        negativeAbs(z, check, n);
        exp(check, n);
        log1pPolynomial(e, l, n);
        reciprocalOnePlus(e, r, n);
        probabilities(z, e, r, pt, q, n);
        crossEntropy(l, z, ce, n);
        if (gk != ScalarKernels.GAMMA_GENERAL) {
            modulator(gk, q, mod, n);
        } else {
            gammaLogQ(gamma, l, z, check, n);
            exp(check, n);
            System.arraycopy(e, 0, mod, 0, n);
        }
        // The gradient first (it needs p_t and q), then the loss over the arrays no longer needed.
        if (gradOut != null) {
            gradientFactor(gamma, pt, ce, q, r, n);
            gradient(hp, hn, tc, mod, r, w, gradOut, from, n);
        }
        loss(ap, an, tc, mod, ce, w, r, l, n);
        if (lossOut != null) {
            System.arraycopy(l, 0, lossOut, from, n);
        }
        return sum(l, n);
    }
}
