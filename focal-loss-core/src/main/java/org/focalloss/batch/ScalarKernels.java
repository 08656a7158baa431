package org.focalloss.batch;

import static org.focalloss.batch.FloatMath.expNonPositive;
import static org.focalloss.batch.FloatMath.log;
import static org.focalloss.batch.FloatMath.log1pUnit;

/**
 * Single-precision scalar kernels: the fast path when the Vector API module is absent (for example inside
 * a notebook kernel started without {@code --add-modules jdk.incubator.vector}), and the tail loop of the
 * vector kernels. No {@code jdk.incubator.vector} types appear here, so this class always links.
 *
 * <h2>Sigmoid</h2>
 * Per element, with logit x, target t ∈ [0, 1], e = exp(−|x|), l = log1p(e), r = 1/(1 + e):
 * <pre>
 *   p = σ(x) = r (x ≥ 0) or e·r (x &lt; 0);   1−p likewise from the other side, never by subtraction
 *   softplus(±x) = max(±x, 0) + l;     −log p = softplus(−x),  −log(1−p) = softplus(x)
 *   CE = t·softplus(−x) + (1−t)·softplus(x),   q = 1−p_t = t·(1−p) + (1−t)·p
 *   FL = α_t·q^γ·CE,  α_t = α·t + (1−α)·(1−t) with α and 1−α passed separately (1 when unweighted)
 * </pre>
 * Hard targets (t ∈ {0, 1}, the common case) use the margin z = y·x with y = 2t − 1: p_t = σ(z),
 * q = σ(−z), CE = softplus(−z), log q = −softplus(z), and
 * dFL/dx = −α_t·y·q^γ·(γ·p_t·CE + q). Soft targets use
 * dFL/dx = α_t·[(p − t)·q^γ + γ(1−2t)·CE·exp((γ−1)·log q + log p + log(1−p))], with p − t formed as
 * p(1−t) − t(1−p) and log q = log(q) (or ∓softplus at t = 1 / 0). q^γ is 1, q, q², q³ or q⁴ for those γ,
 * exp(γ·log q) otherwise; every exp argument is ≤ 0, so nothing overflows and every value stays finite for
 * all γ ≥ 0 and all finite logits (a saturated logit gives q^γ → 0 and CE ≈ |x|, never 0·∞).
 *
 * <h2>Softmax</h2>
 * Per row, with m = max_{j≠t} z_j, E_j = exp(z_j − m) and S = Σ_{j≠t} E_j ∈ [1, C−1], the true class
 * against the rest is a sigmoid of the margin v = z_t − m − log S:
 * <pre>
 *   log p_t = −softplus(−v),  log(1−p_t) = −softplus(v),  p_j = (1−p_t)·E_j/S for j ≠ t
 *   FL = α_t·(1−p_t)^γ·CE,    G = dFL/dz_t = −α_t·(1−p_t)^γ·(γ·p_t·CE + (1−p_t)),   dFL/dz_j = −G·E_j/S
 * </pre>
 * This is the exact path's "other classes in log space" algorithm (r = log p_t/(1−p_t) → −1 is folded
 * into γ·p_t·CE + (1−p_t), which never divides), so 1−p_t never underflows into a 0·∞. C = 1 gives
 * loss 0 and gradient 0.
 *
 * <p>Elementary functions come from {@link FloatMath} (polynomials, no {@code Math.exp}/{@code Math.log}),
 * selections between the two sides of the sigmoid are done arithmetically, without data-dependent
 * branches, and losses are summed in double. Runs of hard sigmoid targets go through
 * {@link ScalarHardTile}, whose short loops the JIT vectorises on its own; everything else goes element
 * by element. Results agree with the exact double path to within about 1e-6 relative (the tests allow
 * 1e-5 relative / 1e-7 absolute; a soft-target gradient near its zero crossing is the worst case).
 */
final class ScalarKernels implements FastKernels {

    /** γ handled as 1 (γ = 0), q, q², q³, q⁴, or exp(γ·log q). */
    static final int GAMMA_0 = 0;
    static final int GAMMA_1 = 1;
    static final int GAMMA_2 = 2;
    static final int GAMMA_3 = 3;
    static final int GAMMA_4 = 4;
    static final int GAMMA_GENERAL = 5;

    static int gammaKind(float gamma) {
        if (gamma == 0 || gamma == 1 || gamma == 2 || gamma == 3 || gamma == 4) {
            return (int) gamma;
        }
        return GAMMA_GENERAL;
    }

    @Override
    public double sigmoid(float[] x, float[] t, int from, int to, float gamma, float alphaPos, float alphaNeg,
                          boolean hasIgnore, float ignore, float gradScale, float[] gradOut, float[] lossOut) {
        return sigmoidRange(x, t, from, to, gamma, alphaPos, alphaNeg, hasIgnore, ignore, gradScale, gradOut,
                lossOut);
    }

    @Override
    public double softmax(float[] z, int[] targets, int classes, int fromRow, int toRow, float gamma, float[] alpha,
                          boolean hasIgnore, int ignoreIndex, float gradScale, float[] gradOut, float[] lossOut) {
        return softmaxRange(z, targets, classes, fromRow, toRow, gamma, alpha, hasIgnore, ignoreIndex, gradScale,
                gradOut, lossOut);
    }

    @Override
    public String name() {
        return "scalar";
    }

    /** Ranges shorter than this skip the tiles and go element by element. */
    private static final int MIN_TILED = 32;

    /**
     * {@link FastKernels#sigmoid}, also used by the vector kernels for their tails. Runs of hard targets
     * go through {@link ScalarHardTile} (short loops the JIT vectorises); a window that contains a soft
     * target or an invalid element is done element by element.
     */
    static double sigmoidRange(float[] x, float[] t, int from, int to, float gamma, float alphaPos, float alphaNeg,
                               boolean hasIgnore, float ignore, float gradScale, float[] gradOut, float[] lossOut) {
        if (to - from < MIN_TILED) {
            return elementRange(x, t, from, to, gamma, alphaPos, alphaNeg, hasIgnore, ignore, gradScale, gradOut,
                    lossOut);
        }
        int gk = gammaKind(gamma);
        // −α_t·y·gradScale = hp·t + hn·(1 − t) for hard targets: exact, no (2α − 1) that cancels for small α.
        float hp = -alphaPos * gradScale;
        float hn = alphaNeg * gradScale;
        ScalarHardTile tile = new ScalarHardTile();
        double sum = 0;
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + ScalarHardTile.SIZE);
            int n = tile.load(x, t, i, end, hasIgnore, ignore);
            if (n > 0) {
                sum += tile.finish(i, n, gk, gamma, alphaPos, alphaNeg, hp, hn, gradOut, lossOut);
                i += n;
            } else {
                sum += elementRange(x, t, i, end, gamma, alphaPos, alphaNeg, hasIgnore, ignore, gradScale, gradOut,
                        lossOut);
                i = end;
            }
        }
        return sum;
    }

    /**
     * The per-element loop: any mix of hard, soft and ignored targets; NaN on an invalid element or a
     * loss or gradient that is not finite.
     */
    static double elementRange(float[] x, float[] t, int from, int to, float gamma, float alphaPos, float alphaNeg,
                               boolean hasIgnore, float ignore, float gradScale, float[] gradOut, float[] lossOut) {
        int gk = gammaKind(gamma);
        // α_t = αp·t + αn·(1 − t); for hard targets −α_t·y·gradScale = hp·t + hn·(1 − t) (y = 2t − 1).
        float hp = -alphaPos * gradScale;
        float hn = alphaNeg * gradScale;
        float[] soft = null;
        double sum = 0;
        for (int i = from; i < to; i++) {
            float xi = x[i];
            float ti = t[i];
            float loss;
            float grad;
            if (hasIgnore && ti == ignore) {
                loss = 0;
                grad = 0;
            } else {
                float check = ti * (1 - ti) + (xi - xi);    // 0: hard, > 0: soft, < 0 or NaN: invalid
                if (check == 0) {
                    float z = xi * (2 * ti - 1);
                    float e = expNonPositive(-Math.abs(z));
                    float l = log1pUnit(e);
                    float r = 1 / (1 + e);
                    float sm = e * r;
                    float up = (Float.floatToRawIntBits(z) >> 31) + 1;   // 1 if z ≥ 0, 0 if z < 0
                    float down = 1 - up;
                    float pt = up * r + down * sm;
                    float q = up * sm + down * r;
                    float ce = l - down * z;                    // softplus(−z)
                    float mod = modulator(gk, q, gamma, l + up * z);   // log q = −softplus(z)
                    float at = alphaPos * ti + alphaNeg * (1 - ti);
                    loss = at * mod * ce;
                    grad = (hp * ti + hn * (1 - ti)) * mod * (gamma * pt * ce + q);
                } else if (check > 0) {
                    if (gamma > FastPass.MAX_GAMMA_SOFT) {
                        return Double.NaN;   // beyond the soft path's precision: the caller recomputes exactly
                    }
                    if (soft == null) {
                        soft = new float[2];
                    }
                    softElement(xi, ti, gamma, gk, alphaPos * ti + alphaNeg * (1 - ti), gradScale, soft);
                    loss = soft[0];
                    grad = soft[1];
                } else {
                    return Double.NaN;
                }
            }
            sum += loss + grad * 0f;    // NaN if the gradient is not finite: the caller recomputes exactly
            if (gradOut != null) {
                gradOut[i] = grad;
            }
            if (lossOut != null) {
                lossOut[i] = loss;
            }
        }
        return sum;
    }

    /** One soft-target element (0 &lt; t &lt; 1, or hard t through the general formula): {loss, gradient}. */
    static void softElement(float x, float t, float gamma, int gk, float at, float gradScale, float[] out) {
        float e = expNonPositive(-Math.abs(x));
        float l = log1pUnit(e);
        float r = 1 / (1 + e);
        float sm = e * r;
        float up = (Float.floatToRawIntBits(x) >> 31) + 1;
        float down = 1 - up;
        float p = up * r + down * sm;
        float omp = up * sm + down * r;
        float spNeg = l - down * x;      // −log p
        float spPos = l + up * x;        // −log(1−p)
        float omt = 1 - t;
        float ce = t * spNeg + omt * spPos;
        float q = t * omp + omt * p;
        float logQ = t == 1 ? -spPos : t == 0 ? -spNeg : log(q);
        float mod;
        switch (gk) {
            case GAMMA_0:
                mod = 1;
                break;
            case GAMMA_1:
                mod = q;
                break;
            case GAMMA_2:
                mod = q * q;
                break;
            default:
                mod = expNonPositive(gamma * logQ);
        }
        // CE·exp(…) first: CE ≈ |x| may be near Float.MAX, and γ(1−2t)·CE would overflow before the factor → 0.
        float focusing = gk == GAMMA_0 ? 0
                : ce * expNonPositive((gamma - 1) * logQ - spNeg - spPos) * (gamma * (1 - 2 * t));
        float pmt = p * omt - t * omp;   // p − t without cancellation against 1
        out[0] = at * mod * ce;
        out[1] = at * gradScale * (pmt * mod + focusing);
    }

    /** {@link FastKernels#softmax}, also used by the vector kernels for their tails and for C = 1. */
    static double softmaxRange(float[] z, int[] targets, int classes, int fromRow, int toRow, float gamma,
                               float[] alpha, boolean hasIgnore, int ignoreIndex, float gradScale, float[] gradOut,
                               float[] lossOut) {
        int gk = gammaKind(gamma);
        double sum = 0;
        for (int row = fromRow; row < toRow; row++) {
            int tgt = targets[row];
            int base = row * classes;
            float loss = 0;
            if (hasIgnore && tgt == ignoreIndex) {
                if (gradOut != null) {
                    java.util.Arrays.fill(gradOut, base, base + classes, 0f);
                }
            } else {
                if (tgt < 0 || tgt >= classes) {
                    return Double.NaN;
                }
                float zt = z[base + tgt];
                if (classes == 1) {
                    if (!Float.isFinite(zt)) {
                        return Double.NaN;
                    }
                    if (gradOut != null) {
                        gradOut[base] = 0;
                    }
                } else {
                    float m;
                    float s;
                    if (classes == 2) {
                        // S = exp(z_o − z_o) = 1 and log S = 0: the same bits as the general case, without them
                        int other = base + 1 - tgt;
                        m = z[other];
                        s = 1;
                        if (!Float.isFinite(m) || !Float.isFinite(zt)) {
                            return Double.NaN;
                        }
                        if (gradOut != null) {
                            gradOut[other] = 1;
                        }
                    } else {
                        // max_{j≠t} z_j and then S = Σ_{j≠t} E_j, each as two plain loops around t instead of
                        // one with a test per logit; S is summed in the same order as by a single loop.
                        m = Math.max(maxOf(z, base, base + tgt), maxOf(z, base + tgt + 1, base + classes));
                        s = expSum(z, base + tgt + 1, base + classes, m, gradOut,
                                expSum(z, base, base + tgt, m, gradOut, 0f));
                        if (Float.isNaN(s) || !Float.isFinite(zt)) {
                            return Double.NaN;
                        }
                    }
                    float v = (z[base + tgt] - m) - log(s);
                    float e = expNonPositive(-Math.abs(v));
                    float l = log1pUnit(e);
                    float r = 1 / (1 + e);
                    float sm = e * r;
                    float up = (Float.floatToRawIntBits(v) >> 31) + 1;
                    float down = 1 - up;
                    float pt = up * r + down * sm;
                    float q = up * sm + down * r;
                    float ce = l - down * v;
                    float mod = modulator(gk, q, gamma, l + up * v);
                    float at = alpha[tgt];
                    loss = at * mod * ce;
                    float g = -at * gradScale * mod * (gamma * pt * ce + q);
                    loss += g * 0f;   // NaN if g is not finite: the caller recomputes exactly
                    if (gradOut != null) {
                        float coef = -g / s;
                        for (int j = 0; j < classes; j++) {
                            gradOut[base + j] *= coef;
                        }
                        gradOut[base + tgt] = g;
                    }
                }
            }
            sum += loss;
            if (lossOut != null) {
                lossOut[row] = loss;
            }
        }
        return sum;
    }

    /**
     * max z_j over [from, to), −∞ if empty: a plain reduction, with two running maxima so that each step waits
     * for the one two elements back. A NaN logit gives NaN (Math.max), which {@link #expSum} then reports.
     */
    private static float maxOf(float[] z, int from, int to) {
        float m0 = Float.NEGATIVE_INFINITY;
        float m1 = Float.NEGATIVE_INFINITY;
        int j = from;
        for (; j + 1 < to; j += 2) {
            m0 = Math.max(m0, z[j]);
            m1 = Math.max(m1, z[j + 1]);
        }
        if (j < to) {
            m0 = Math.max(m0, z[j]);
        }
        return Math.max(m0, m1);
    }

    /**
     * {@code s} + Σ E_j over [from, to), E_j = exp(z_j − m) (into the gradient, if any, as scratch), added in
     * index order; NaN if an argument z_j − m is not finite (a logit that is not finite, or finite logits
     * more than about 3.4e38 apart, which then take the exact path).
     */
    private static float expSum(float[] z, int from, int to, float m, float[] gradOut, float s) {
        float check = 0;
        for (int j = from; j < to; j++) {
            float a = z[j] - m;
            check += a;
            float ej = expNonPositive(a);
            s += ej;
            if (gradOut != null) {
                gradOut[j] = ej;   // scratch until the coefficient is known
            }
        }
        return Float.isFinite(check) ? s : Float.NaN;
    }

    /**
     * (1 − p_t)^γ = q^γ: by multiplication for the common integer γ, else exp(−γ·softplus), which is exact in
     * log space and never forms 0^γ from a rounded q.
     *
     * @param gk the γ kind (GAMMA_0 … GAMMA_4, or general)
     * @param q 1 − p_t
     * @param gamma γ
     * @param minusLogQ −log q = softplus of the margin
     * @return the modulator
     */
    private static float modulator(int gk, float q, float gamma, float minusLogQ) {
        switch (gk) {
            case GAMMA_0:
                return 1;
            case GAMMA_1:
                return q;
            case GAMMA_2:
                return q * q;
            case GAMMA_3:
                return q * q * q;
            case GAMMA_4: {
                float q2 = q * q;
                return q2 * q2;
            }
            default:
                return expNonPositive(-gamma * minusLogQ);
        }
    }
}
