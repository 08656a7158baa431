package org.focalloss.batch;

import static org.focalloss.batch.FloatMath.EXP_BIAS_64;
import static org.focalloss.batch.FloatMath.EXP_MIN;
import static org.focalloss.batch.FloatMath.G0;
import static org.focalloss.batch.FloatMath.G1;
import static org.focalloss.batch.FloatMath.G2;
import static org.focalloss.batch.FloatMath.G3;
import static org.focalloss.batch.FloatMath.G4;
import static org.focalloss.batch.FloatMath.G5;
import static org.focalloss.batch.FloatMath.G6;
import static org.focalloss.batch.FloatMath.G7;
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
import static org.focalloss.batch.FloatMath.SQRT_HALF_BITS;
import static org.focalloss.batch.FloatMath.TWO_M64;
import static org.focalloss.batch.FloatMath.TWO_P23;
import static org.focalloss.batch.ScalarKernels.GAMMA_0;
import static org.focalloss.batch.ScalarKernels.GAMMA_1;
import static org.focalloss.batch.ScalarKernels.GAMMA_2;
import static org.focalloss.batch.ScalarKernels.GAMMA_3;
import static org.focalloss.batch.ScalarKernels.GAMMA_4;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels ({@code FloatVector.SPECIES_PREFERRED}: 16 float lanes with AVX-512, 8 with AVX2):
 * the same formulas, polynomials and limits as {@link ScalarKernels} (see there), evaluated lane-wise
 * with fused multiply-add, except the softmax's exponential ({@link #expNegNormal}: a shorter polynomial,
 * within 3.8e-7 relative, where the scalar fallback keeps its own). Loaded reflectively by
 * {@link Kernels} only when the {@code jdk.incubator.vector} module is in the boot layer.
 *
 * <p>Sigmoid: each tile of 512 elements takes the hard-target path (margin z = (2t − 1)·x, one exp, one
 * log1p, one division, q^γ by multiplication for γ ≤ 4, exp(γ·log q) otherwise) up to its first vector
 * that has a soft target, and the general soft-target path from there to the end of the tile. Validity
 * is checked per vector with one test:
 * t·(1−t) + (x − x) is 0 for a hard lane, positive for a soft one, and negative or NaN for a target
 * outside [0, 1] or a non-finite logit, in which case the kernel returns NaN.
 *
 * <p>Softmax: vectorised across rows. Each block of 16 rows is copied transposed into a scratch (lane k holds
 * row k), so the row-wise max, the sum S of the other classes' exponentials and the per-row sigmoid-of-margin
 * step are plain lane-wise operations for any C; the gradient is then written row-major, each lane taking its
 * row's values by a lane permutation (C = 2: the two columns are split and interleaved by permutations
 * alone). From C = 2·L
 * classes on, each row is instead read along its length (contiguous vectors): one pass for max_{j≠t} z_j,
 * one for E_j = exp(z_j − m) and S (E_j into the gradient row, with the finiteness check), the per-row
 * margin and loss of a block of L rows lane-wise as above, and one pass scaling the row by −G/S; a row's
 * last partial vector is handled as its last L logits, overlapping the vector before. Rows that do not
 * fill a block, and C = 1, go through the scalar kernel.
 *
 * <p>Losses are accumulated in float lanes over one tile (32 vectors for the sigmoid, up to 4,096 logits'
 * worth of rows for the softmax), then added into a double.
 *
 * <p>Each kernel is a chain of stage methods that exchange small scratch arrays, never vectors: C2 stops
 * inlining once a compilation exceeds a fixed node budget, and a Vector API call that is not inlined is
 * not intrinsified, so a single large loop body silently falls back to boxed vectors (10× slower, with
 * allocation). Constants are static final vectors for the same reason.
 */
final class VectorKernels implements FastKernels {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    // Constants as vectors: a broadcast per use costs the JIT many IR nodes, and the compiler's inlining
    // budget is what decides whether the Vector API calls are intrinsified at all.
    private static final FloatVector V_M1 = FloatVector.broadcast(F, -1f);
    private static final FloatVector V_NAN = FloatVector.broadcast(F, Float.NaN);
    private static final FloatVector V_MLOG2E = FloatVector.broadcast(F, -LOG2E);
    private static final FloatVector V_MQ0 = FloatVector.broadcast(F, -Q0);
    private static final FloatVector V_MQ2 = FloatVector.broadcast(F, -Q2);
    private static final FloatVector V_MQ4 = FloatVector.broadcast(F, -Q4);
    private static final FloatVector V_0 = FloatVector.broadcast(F, 0f);
    private static final FloatVector V_1 = FloatVector.broadcast(F, 1f);
    private static final FloatVector V_2 = FloatVector.broadcast(F, 2f);
    private static final FloatVector V_MAGIC = FloatVector.broadcast(F, MAGIC);
    private static final FloatVector V_LN2_HI = FloatVector.broadcast(F, LN2_HI);
    private static final FloatVector V_LN2_LO = FloatVector.broadcast(F, LN2_LO);
    private static final FloatVector V_Q1 = FloatVector.broadcast(F, Q1);
    private static final FloatVector V_Q3 = FloatVector.broadcast(F, Q3);
    private static final FloatVector V_Q5 = FloatVector.broadcast(F, Q5);
    private static final FloatVector V_G0 = FloatVector.broadcast(F, G0);
    private static final FloatVector V_G1 = FloatVector.broadcast(F, G1);
    private static final FloatVector V_G2 = FloatVector.broadcast(F, G2);
    private static final FloatVector V_G3 = FloatVector.broadcast(F, G3);
    private static final FloatVector V_G4 = FloatVector.broadcast(F, G4);
    private static final FloatVector V_G5 = FloatVector.broadcast(F, G5);
    private static final FloatVector V_G6 = FloatVector.broadcast(F, G6);
    private static final FloatVector V_G7 = FloatVector.broadcast(F, G7);
    private static final FloatVector V_L0 = FloatVector.broadcast(F, L0);
    private static final FloatVector V_L1 = FloatVector.broadcast(F, L1);
    private static final FloatVector V_L2 = FloatVector.broadcast(F, L2);
    private static final FloatVector V_L3 = FloatVector.broadcast(F, L3);
    private static final FloatVector V_L4 = FloatVector.broadcast(F, L4);
    private static final FloatVector V_L5 = FloatVector.broadcast(F, L5);
    private static final FloatVector V_L6 = FloatVector.broadcast(F, L6);
    private static final FloatVector V_L7 = FloatVector.broadcast(F, L7);
    private static final FloatVector V_L8 = FloatVector.broadcast(F, L8);

    private static final VectorOperators.Comparison EQ = VectorOperators.EQ;
    private static final VectorOperators.Comparison GE = VectorOperators.GE;
    private static final VectorOperators.Comparison LT = VectorOperators.LT;
    private static final VectorOperators.Comparison GT = VectorOperators.GT;

    /** Elements per sigmoid tile: the stages' scratch arrays stay in L1. */
    private static final int TILE = 512;
    /**
     * From this class count on, the softmax is vectorised along each row (contiguous loads and stores) instead
     * of across rows (a transposed copy in, the gradient out by lane permutations). Measured on AVX-512 (AMD
     * Zen 4, 1 thread, another build running): row-wise 555 against 518 M logits/s at C = 32 and 707 against
     * 525 at C = 48; across rows 471 against 352 at C = 16 and 482 against 332 at C = 21, where a row is one
     * vector and an overlapping one and the per-row reductions dominate.
     */
    private static final int ROW_WISE_MIN_CLASSES = 2 * L;
    /** Largest argument of {@link #expNegNormal}: e^−86 is still a normal float. */
    private static final float NORMAL_MAX_ARG = 86f;
    /**
     * e^−s ≈ 1 + s·M(s), M(s) = S0 + S1·s + … + S4·s⁴ on |s| ≤ ln2/2 (and 0.1 % beyond): the minimax fit of the
     * relative error (Lawson's iteratively reweighted least squares on 4,000 Chebyshev nodes, in double),
     * rounded to float; 9.2·10⁻⁸ relative in exact arithmetic. Used only by {@link #expNegNormal}.
     */
    private static final float S0 = -9.999997020e-01f;
    private static final float S1 = 4.999914467e-01f;
    private static final float S2 = -1.666764021e-01f;
    private static final float S3 = 4.189838842e-02f;
    private static final float S4 = -8.290229365e-03f;
    private static final FloatVector V_S0 = FloatVector.broadcast(F, S0);
    private static final FloatVector V_S1 = FloatVector.broadcast(F, S1);
    private static final FloatVector V_S2 = FloatVector.broadcast(F, S2);
    private static final FloatVector V_S3 = FloatVector.broadcast(F, S3);
    private static final FloatVector V_S4 = FloatVector.broadcast(F, S4);
    /** ln 2 rounded to float (0.693147182…, 1.9·10⁻⁹ above ln 2). */
    private static final FloatVector V_LN2 = FloatVector.broadcast(F, (float) Math.log(2));
    /** Lane indices 0, 1, …, L−1 as floats. */
    private static final FloatVector V_IOTA = (FloatVector) IntVector.zero(I).addIndex(1)
            .convert(VectorOperators.I2F, 0);
    // C = 2: lane permutations within one vector (a permutation across two vectors is not intrinsified by
    // JDK 17's C2), combined by a blend with a constant mask.
    /** Lane i of the result is lane 2i mod L: the even lanes, twice. */
    private static final VectorShuffle<Float> EVEN_LANES = VectorShuffle.fromOp(F, i -> 2 * i % L);
    /** Lane i of the result is lane 2i + 1 mod L: the odd lanes, twice. */
    private static final VectorShuffle<Float> ODD_LANES = VectorShuffle.fromOp(F, i -> (2 * i + 1) % L);
    /** Lane i of the result is lane i/2: the first half, each lane twice. */
    private static final VectorShuffle<Float> LOW_TWICE = VectorShuffle.fromOp(F, i -> i / 2);
    /** Lane i of the result is lane L/2 + i/2: the second half, each lane twice. */
    private static final VectorShuffle<Float> HIGH_TWICE = VectorShuffle.fromOp(F, i -> L / 2 + i / 2);
    /** The lanes of the second half. */
    private static final VectorMask<Float> SECOND_HALF = VectorMask.fromLong(F, -1L << (L / 2));
    /** The odd lanes. */
    private static final VectorMask<Float> ODD = VectorMask.fromLong(F, 0xAAAA_AAAA_AAAA_AAAAL);
    /** Floats of gathered logits per softmax tile (16 KB). */
    private static final int SOFTMAX_TILE_FLOATS = 4096;

    /**
     * @throws IllegalStateException if the preferred int and float species differ in length
     */
    public VectorKernels() {
        if (I.length() != L) {
            throw new IllegalStateException("int and float species differ: " + I + ", " + F);
        }
    }

    @Override
    public String name() {
        return "vector (" + L + " float lanes)";
    }

    /** e^−a lane-wise for a ≥ 0 (not NaN): {@link FloatMath#expNonPositive} with FMA. */
    static FloatVector expNeg(FloatVector a) {
        FloatVector c = a.blend(-EXP_MIN, a.compare(GT, -EXP_MIN));     // min(a, 104), cheaper than MIN
        FloatVector k = c.fma(V_MLOG2E, V_MAGIC);         // MAGIC + n, n = round(−c·log2 e)
        FloatVector n = k.sub(MAGIC);
        FloatVector s = n.fma(V_LN2_HI, c);                  // c + n·ln2 = −(reduced argument)
        s = n.fma(V_LN2_LO, s);
        // e^(−s) = 1 − s·Q(−s) = 1 + s·M(s), M(s) = −Q0 + Q1·s − Q2·s² + …
        FloatVector m = s.fma(V_Q5, V_MQ4);
        m = m.fma(s, V_Q3);
        m = m.fma(s, V_MQ2);
        m = m.fma(s, V_Q1);
        m = m.fma(s, V_MQ0);
        FloatVector p = s.fma(m, V_1);
        IntVector bits = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
                .add(p.reinterpretAsInts()).add(EXP_BIAS_64);
        return bits.reinterpretAsFloats().mul(TWO_M64);
    }

    /**
     * e^−a lane-wise for a ≥ 0 (or NaN, which stays NaN), without subnormal results, for the softmax's
     * E_j = exp(z_j − m), whose sum is at least 1 and whose gradient's tolerance is absolute at that scale:
     * <ul>
     *   <li>a is clamped to 86 by MIN, so every a &gt; 86 gives e^−86 ≈ 4.5·10⁻³⁸ (an absolute error below
     *       5·10⁻³⁸) and the result is always a normal float;</li>
     *   <li>n = round(−a·log2 e), and s = a + n·ln 2 by one fused multiply-add with ln 2 rounded to float
     *       (an error of |n|·1.9·10⁻⁹ ≤ 2.4·10⁻⁷ relative, largest where e^−a is tiny);</li>
     *   <li>e^−s = 1 + s·M(s) with M of degree 4 ({@link #S0} … {@link #S4}, relative error 9.2·10⁻⁸ on
     *       |s| ≤ ln2/2), then n is added to the exponent field.</li>
     * </ul>
     * Relative error at most 3.8·10⁻⁷ for every a in [0, 86] (VectorExpTest), against the 1e-5 the softmax
     * promises: 7 fused multiply-adds instead of {@link #expNeg}'s 9, and a 1-operation clamp instead of
     * 2, which makes it about 30 % faster than {@link #expNeg}'s structure on AVX-512 (Zen 4, JDK 17: about
     * 3.6 against 2.7 G exponentials/s with the data in L1). The scalar fallback keeps its own exponential,
     * so its results (and the notebooks, which run on it) do not change.
     */
    static FloatVector expNegNormal(FloatVector a) {
        FloatVector c = a.min(NORMAL_MAX_ARG);
        FloatVector k = c.fma(V_MLOG2E, V_MAGIC);         // MAGIC + n, n = round(−c·log2 e) ≥ −125
        FloatVector n = k.sub(MAGIC);
        FloatVector s = n.fma(V_LN2, c);                    // c + n·ln 2 = −(reduced argument)
        FloatVector m = s.fma(V_S4, V_S3);
        m = m.fma(s, V_S2);
        m = m.fma(s, V_S1);
        m = m.fma(s, V_S0);
        FloatVector p = s.fma(m, V_1);
        // bits(k) << 23 is n in the exponent field; p·2^n stays normal for n ≥ −125.
        return k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(p.reinterpretAsInts())
                .reinterpretAsFloats();
    }

    /** log(1 + e) lane-wise for e ∈ [0, 1]: {@link FloatMath#log1pUnit}. */
    static FloatVector log1pUnit(FloatVector e) {
        FloatVector h = e.fma(V_L8, V_L7);
        h = h.fma(e, V_L6);
        h = h.fma(e, V_L5);
        h = h.fma(e, V_L4);
        h = h.fma(e, V_L3);
        h = h.fma(e, V_L2);
        h = h.fma(e, V_L1);
        h = h.fma(e, V_L0);
        return h.mul(e);
    }

    /** log v lane-wise for v &gt; 0, subnormals included: {@link FloatMath#log}. */
    static FloatVector log(FloatVector v) {
        VectorMask<Float> tiny = v.compare(LT, Float.MIN_NORMAL);
        FloatVector w = v.blend(v.mul(TWO_P23), tiny);
        IntVector bits = w.reinterpretAsInts();
        IntVector e = bits.sub(SQRT_HALF_BITS).lanewise(VectorOperators.ASHR, 23);
        FloatVector f = bits.sub(e.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats().sub(1f);
        FloatVector k = ((FloatVector) e.convert(VectorOperators.I2F, 0)).sub(V_0.blend(23f, tiny));
        FloatVector g = f.fma(V_G7, V_G6);
        g = g.fma(f, V_G5);
        g = g.fma(f, V_G4);
        g = g.fma(f, V_G3);
        g = g.fma(f, V_G2);
        g = g.fma(f, V_G1);
        g = g.fma(f, V_G0);
        FloatVector tail = f.mul(f).fma(g, f).add(k.mul(LN2_LO));
        return k.fma(V_LN2_HI, tail);
    }

    // ---------------------------------------------------------------------------------------------
    // Sigmoid
    //
    // The work is split into stages, each a separate method looping over one tile and talking to the
    // next through small scratch arrays. This is deliberate: C2 stops inlining once a compilation grows
    // past a fixed node budget, and a Vector API call that is not inlined is not intrinsified either, so
    // one big loop body silently falls back to allocating boxed vectors. No vector crosses a method
    // boundary here, and each stage stays well inside the budget whatever the γ.
    // ---------------------------------------------------------------------------------------------

    @Override
    public double sigmoid(float[] x, float[] t, int from, int to, float gamma, float alphaPos, float alphaNeg,
                          boolean hasIgnore, float ignore, float gradScale, float[] gradOut, float[] lossOut) {
        int gk = ScalarKernels.gammaKind(gamma);
        float ignoreKey = hasIgnore ? ignore : Float.NaN;   // NaN never compares equal: no lane ignored
        int upper = from + F.loopBound(to - from);
        float[] zs = new float[Math.min(TILE, Math.max(upper - from, 0))];
        float[] es = new float[zs.length];
        SoftScratch soft = null;
        double sum = 0;
        for (int tile = from; tile < upper; tile += TILE) {
            int end = Math.min(upper, tile + TILE);
            int stop = hardExp(x, t, tile, end, ignoreKey, zs, es);
            if (stop > tile) {
                sum += hardFinish(t, tile, stop, ignoreKey, zs, es, gk, gamma, alphaPos, alphaNeg, gradScale, gradOut,
                        lossOut);
            }
            if (stop < end) {
                // A soft target (or an invalid element) in this tile: the rest of it takes the general path.
                if (gamma > FastPass.MAX_GAMMA_SOFT) {
                    return Double.NaN;   // beyond the soft path's precision: the caller recomputes exactly
                }
                if (soft == null) {
                    soft = new SoftScratch(zs.length);
                }
                if (!softPrepare(x, t, stop, end, ignoreKey, soft)) {
                    return Double.NaN;
                }
                softLog(stop, end, soft);
                sum += softFinish(t, stop, end, ignoreKey, soft, gk, gamma, alphaPos, alphaNeg, gradScale, gradOut,
                        lossOut);
            }
        }
        if (upper < to) {
            sum += ScalarKernels.sigmoidRange(x, t, upper, to, gamma, alphaPos, alphaNeg, hasIgnore, ignore,
                    gradScale, gradOut, lossOut);
        }
        return sum;
    }

    /**
     * Hard stage 1 over the vectors of [from, to): the margin z = (2t − 1)·x and e = exp(−|z|) into the
     * scratch arrays (index − from). Stops at the first vector that is not entirely hard targets or
     * ignored lanes with finite logits, and returns its index ({@code to} if none).
     */
    private static int hardExp(float[] x, float[] t, int from, int to, float ignoreKey, float[] zs, float[] es) {
        boolean hasIgnore = !Float.isNaN(ignoreKey);
        for (int i = from; i < to; i += L) {
            FloatVector xv = FloatVector.fromArray(F, x, i);
            FloatVector tv = FloatVector.fromArray(F, t, i);
            if (hasIgnore) {
                VectorMask<Float> ign = tv.compare(EQ, ignoreKey);
                tv = tv.blend(0f, ign);
                xv = xv.blend(0f, ign);
            }
            // t(1−t) + (x − x): 0 for a hard target with a finite logit, > 0 soft, < 0 or NaN invalid.
            FloatVector check = tv.fma(tv.neg(), tv).add(xv.sub(xv));
            if (!check.compare(EQ, 0f).allTrue()) {
                return i;
            }
            FloatVector z = xv.mul(tv.fma(V_2, V_M1));
            z.intoArray(zs, i - from);
            expNeg(z.abs()).intoArray(es, i - from);
        }
        return to;
    }

    /**
     * Hard stage 2: from z and e, the loss α_t·q^γ·CE and the gradient −α_t·y·q^γ·(γ·p_t·CE + q)·scale,
     * with p_t = σ(z), q = σ(−z), CE = softplus(−z). Returns the sum of the losses.
     */
    private static double hardFinish(float[] t, int from, int to, float ignoreKey, float[] zs, float[] es, int gk,
                                     float gamma, float ap, float an, float gradScale, float[] gradOut,
                                     float[] lossOut) {
        // α_t = αp·t + αn·(1 − t); −α_t·y·scale = hp·t + hn·(1 − t) for t ∈ {0, 1}: exact for hard targets.
        FloatVector vap = FloatVector.broadcast(F, ap);
        FloatVector van = FloatVector.broadcast(F, an);
        FloatVector vhp = FloatVector.broadcast(F, -ap * gradScale);
        FloatVector vhn = FloatVector.broadcast(F, an * gradScale);
        FloatVector vGamma = FloatVector.broadcast(F, gamma);
        boolean hasIgnore = !Float.isNaN(ignoreKey);
        FloatVector acc = FloatVector.zero(F);
        for (int i = from; i < to; i += L) {
            FloatVector tv = FloatVector.fromArray(F, t, i);
            FloatVector z = FloatVector.fromArray(F, zs, i - from);
            FloatVector e = FloatVector.fromArray(F, es, i - from);
            FloatVector l = log1pUnit(e);
            FloatVector r = V_1.div(e.add(V_1));
            FloatVector sm = e.mul(r);
            VectorMask<Float> neg = z.compare(LT, 0f);
            FloatVector pt = r.blend(sm, neg);
            FloatVector q = sm.blend(r, neg);
            FloatVector zn = V_0.blend(z, neg);                 // min(z, 0)
            FloatVector ce = l.sub(zn);                         // softplus(−z)
            FloatVector mod = modulator(gk, q, vGamma, l.add(z.sub(zn)));   // −log q = softplus(z)
            FloatVector omt = V_1.sub(tv);
            FloatVector loss = tv.fma(vap, omt.mul(van)).mul(mod).mul(ce);
            FloatVector grad = tv.fma(vhp, omt.mul(vhn)).mul(mod).mul(pt.mul(ce).fma(vGamma, q));
            if (hasIgnore) {
                VectorMask<Float> ign = tv.compare(EQ, ignoreKey);
                loss = loss.blend(0f, ign);
                grad = grad.blend(0f, ign);
            }
            if (gradOut != null) {
                grad.intoArray(gradOut, i);
            }
            if (lossOut != null) {
                loss.intoArray(lossOut, i);
            }
            acc = acc.add(grad.fma(V_0, loss));   // NaN if a gradient is not finite: the caller recomputes
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * (1 − p_t)^γ = q^γ for the hard sigmoid and the softmax stages, the vector twin of
     * {@link ScalarKernels}' modulator: by multiplication for γ ∈ {0, 1, 2, 3, 4}, else exp(−γ·(−log q)), exact in
     * log space. {@code minusLogQ} is only used by the general branch, where the JIT schedules its arithmetic.
     */
    private static FloatVector modulator(int gk, FloatVector q, FloatVector vGamma, FloatVector minusLogQ) {
        if (gk == GAMMA_2) {
            return q.mul(q);
        } else if (gk == GAMMA_0) {
            return FloatVector.broadcast(F, 1f);   // not V_1: a static vector in a phi is boxed
        } else if (gk == GAMMA_1) {
            return q;
        } else if (gk == GAMMA_3) {
            return q.mul(q).mul(q);
        } else if (gk == GAMMA_4) {
            FloatVector q2 = q.mul(q);
            return q2.mul(q2);
        }
        return expNeg(minusLogQ.mul(vGamma));
    }

    /** Scratch of the general (soft-target) sigmoid stages, indexed by element − start of the range. */
    private static final class SoftScratch {
        final float[] tc;
        final float[] ce;
        final float[] q;
        final float[] spSum;
        final float[] pmt;
        final float[] logQ;

        SoftScratch(int n) {
            tc = new float[n];
            ce = new float[n];
            q = new float[n];
            spSum = new float[n];
            pmt = new float[n];
            logQ = new float[n];
        }
    }

    /**
     * Soft stage 1 over [from, to): validates every lane (returns false on an invalid one) and stores the
     * cleaned target, CE = t·softplus(−x) + (1−t)·softplus(x), q = t(1−p) + (1−t)p,
     * softplus(x) + softplus(−x) = −log(p(1−p)), p − t = p(1−t) − t(1−p), and log q for hard lanes.
     */
    private static boolean softPrepare(float[] x, float[] t, int from, int to, float ignoreKey, SoftScratch s) {
        for (int i = from; i < to; i += L) {
            int k = i - from;
            FloatVector xv = FloatVector.fromArray(F, x, i);
            FloatVector tv = FloatVector.fromArray(F, t, i);
            VectorMask<Float> ign = tv.compare(EQ, ignoreKey);
            tv = tv.blend(0f, ign);
            xv = xv.blend(0f, ign);
            FloatVector check = tv.fma(tv.neg(), tv).add(xv.sub(xv));
            if (!check.compare(GE, 0f).allTrue()) {
                return false;
            }
            FloatVector e = expNeg(xv.abs());
            FloatVector l = log1pUnit(e);
            FloatVector r = V_1.div(e.add(V_1));
            FloatVector sm = e.mul(r);
            VectorMask<Float> neg = xv.compare(LT, 0f);
            FloatVector p = r.blend(sm, neg);
            FloatVector omp = sm.blend(r, neg);
            FloatVector xn = V_0.blend(xv, neg);             // min(x, 0)
            FloatVector spNeg = l.sub(xn);                    // −log p
            FloatVector spPos = l.add(xv.sub(xn));            // −log(1−p)
            FloatVector omt = V_1.sub(tv);
            tv.intoArray(s.tc, k);
            tv.mul(spNeg).add(omt.mul(spPos)).intoArray(s.ce, k);
            tv.mul(omp).add(omt.mul(p)).intoArray(s.q, k);
            spNeg.add(spPos).intoArray(s.spSum, k);
            p.mul(omt).sub(tv.mul(omp)).intoArray(s.pmt, k);
            // log q where t is 0 or 1 (−softplus, exact); NaN marks soft lanes for the next stage.
            V_NAN.blend(spPos.neg(), tv.compare(EQ, 1f)).blend(spNeg.neg(), tv.compare(EQ, 0f)).intoArray(s.logQ, k);
        }
        return true;
    }

    /** Soft stage 2: log q for the soft lanes (q ≥ min(t, 1−t)/2 &gt; 0, subnormals handled). */
    private static void softLog(int from, int to, SoftScratch s) {
        for (int k = 0; k < to - from; k += L) {
            FloatVector hardLog = FloatVector.fromArray(F, s.logQ, k);
            FloatVector q = FloatVector.fromArray(F, s.q, k);
            log(q).blend(hardLog, hardLog.compare(EQ, hardLog)).intoArray(s.logQ, k);   // not NaN: keep
        }
    }

    /**
     * Soft stage 3: q^γ, the focusing term γ(1−2t)·CE·exp((γ−1)·log q − spSum), loss and gradient.
     * Every exp argument is ≤ 0 (up to rounding), so nothing overflows for any γ ≥ 0.
     */
    private static double softFinish(float[] t, int from, int to, float ignoreKey, SoftScratch s, int gk,
                                     float gamma, float ap, float an, float gradScale, float[] gradOut,
                                     float[] lossOut) {
        FloatVector vap = FloatVector.broadcast(F, ap);
        FloatVector van = FloatVector.broadcast(F, an);
        FloatVector vGamma = FloatVector.broadcast(F, gamma);
        FloatVector vGammaM1 = FloatVector.broadcast(F, gamma - 1);
        FloatVector vScale = FloatVector.broadcast(F, gradScale);
        FloatVector acc = FloatVector.zero(F);
        for (int i = from; i < to; i += L) {
            int k = i - from;
            VectorMask<Float> ign = FloatVector.fromArray(F, t, i).compare(EQ, ignoreKey);
            FloatVector tv = FloatVector.fromArray(F, s.tc, k);
            FloatVector ce = FloatVector.fromArray(F, s.ce, k);
            FloatVector pmt = FloatVector.fromArray(F, s.pmt, k);
            FloatVector at = tv.fma(vap, V_1.sub(tv).mul(van));
            FloatVector loss;
            FloatVector grad;
            if (gk == GAMMA_0) {
                loss = at.mul(ce);
                grad = at.mul(vScale).mul(pmt);
            } else {
                FloatVector q = FloatVector.fromArray(F, s.q, k);
                FloatVector logQ = FloatVector.fromArray(F, s.logQ, k);
                FloatVector spSum = FloatVector.fromArray(F, s.spSum, k);
                FloatVector mod = gk == GAMMA_1 ? q : gk == GAMMA_2 ? q.mul(q) : expNeg(logQ.mul(vGamma).neg());
                // CE·exp(…) first: CE may be near Float.MAX, where γ(1−2t)·CE alone would overflow.
                FloatVector focusing = ce.mul(expNeg(spSum.sub(logQ.mul(vGammaM1))))
                        .mul(V_1.sub(tv.add(tv)).mul(vGamma));
                loss = at.mul(mod).mul(ce);
                grad = at.mul(vScale).mul(pmt.fma(mod, focusing));
            }
            loss = loss.blend(0f, ign);
            grad = grad.blend(0f, ign);
            if (gradOut != null) {
                grad.intoArray(gradOut, i);
            }
            if (lossOut != null) {
                loss.intoArray(lossOut, i);
            }
            acc = acc.add(grad.fma(V_0, loss));   // NaN if a gradient is not finite: the caller recomputes
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    // ---------------------------------------------------------------------------------------------
    // Softmax, vectorised across rows: lane k of a block is row k. Per tile of blocks, the stages are
    // gather (targets, columns, max), exp (E_j and S), margin (v and exp(−|v|)), finish (loss, G and
    // the column coefficient) and scatter (the gradient columns).
    // ---------------------------------------------------------------------------------------------

    /** Per-call scratch of the softmax stages. */
    private static final class SoftmaxScratch {
        final int blocks;
        final float[] buf;
        final int[] tIdx;
        final float[] tf;
        final float[] m;
        final float[] zt;
        final float[] s;
        final float[] v;
        final float[] e;
        final float[] g;
        final float[] coef;
        final float[] loss;
        /**
         * Across rows: lane l of a block's i-th contiguous vector (its element i·L + l) belongs to row
         * (i·L + l)/C of the block ({@code rowOf[i]}, as a lane permutation of per-row vectors) and to
         * class (i·L + l) mod C ({@code colOf[i·L + l]}).
         */
        final VectorShuffle<Float>[] rowOf;
        final float[] colOf;

        SoftmaxScratch(int classes, int blocks) {
            this.blocks = blocks;
            buf = new float[blocks * classes * L];
            int n = blocks * L;
            tIdx = new int[n];
            tf = new float[n];
            m = new float[n];
            zt = new float[n];
            s = new float[n];
            v = new float[n];
            e = new float[n];
            g = new float[n];
            coef = new float[n];
            loss = new float[n];
            rowOf = newShuffles(classes);
            colOf = new float[classes * L];
            int[] rowIdx = new int[classes * L];
            for (int e = 0; e < classes * L; e++) {
                rowIdx[e] = e / classes;
                colOf[e] = e % classes;
            }
            for (int i = 0; i < classes; i++) {
                rowOf[i] = VectorShuffle.fromArray(F, rowIdx, i * L);
            }
        }

        @SuppressWarnings("unchecked")
        private static VectorShuffle<Float>[] newShuffles(int n) {
            return new VectorShuffle[n];
        }
    }

    @Override
    public double softmax(float[] z, int[] targets, int classes, int fromRow, int toRow, float gamma, float[] alpha,
                          boolean hasIgnore, int ignoreIndex, float gradScale, float[] gradOut, float[] lossOut) {
        int fullBlocks = (toRow - fromRow) / L;
        if (classes < 2 || fullBlocks == 0) {
            return ScalarKernels.softmaxRange(z, targets, classes, fromRow, toRow, gamma, alpha, hasIgnore,
                    ignoreIndex, gradScale, gradOut, lossOut);
        }
        int upper = fromRow + fullBlocks * L;
        double sum = classes >= ROW_WISE_MIN_CLASSES
                ? softmaxRowWise(z, targets, classes, fromRow, upper, gamma, alpha, hasIgnore, ignoreIndex, gradScale,
                        gradOut, lossOut)
                : classes == 2
                ? softmaxPairs(z, targets, fromRow, upper, gamma, alpha, hasIgnore, ignoreIndex, gradScale, gradOut,
                        lossOut)
                : softmaxGathered(z, targets, classes, fromRow, upper, gamma, alpha, hasIgnore, ignoreIndex,
                        gradScale, gradOut, lossOut);
        if (upper < toRow && !Double.isNaN(sum)) {
            sum += ScalarKernels.softmaxRange(z, targets, classes, upper, toRow, gamma, alpha, hasIgnore, ignoreIndex,
                    gradScale, gradOut, lossOut);
        }
        return sum;
    }

    /** True if every α is the same (one broadcast instead of a gather per block). */
    private static boolean uniform(float[] alpha) {
        boolean same = true;
        for (float a : alpha) {
            same &= a == alpha[0];
        }
        return same;
    }

    /**
     * The rows [fromRow, upper) (a multiple of L) read along their length, one block of L rows at a time. The
     * stages are separate methods, and {@link #softmaxRowsExp} is too large for C2 to inline anywhere, so
     * each is compiled on its own and the same way whatever the order in which the JIT meets them (inlined
     * into a larger caller, the row loops could run out of C2's inlining budget: half the speed).
     */
    private static double softmaxRowWise(float[] z, int[] targets, int classes, int fromRow, int upper,
                                         float gamma, float[] alpha, boolean hasIgnore, int ignoreIndex,
                                         float gradScale, float[] gradOut, float[] lossOut) {
        int gk = ScalarKernels.gammaKind(gamma);
        boolean uniformAlpha = uniform(alpha);
        SoftmaxScratch sc = new SoftmaxScratch(0, 1);
        double sum = 0;
        for (int row = fromRow; row < upper; row += L) {
            if (!softmaxRowsExp(z, targets, classes, row, hasIgnore, ignoreIndex, gradOut, sc)) {
                return Double.NaN;
            }
            softmaxMargin(1, sc);
            sum += softmaxFinish(row, 1, gk, gamma, alpha, uniformAlpha, gradScale, lossOut, sc);
            if (gradOut != null) {
                softmaxRowsScale(classes, row, gradOut, sc);
            }
        }
        return sum;
    }

    /**
     * C = 2: the rows [fromRow, upper) (a multiple of L) as pairs of contiguous vectors split into their two
     * columns by lane permutations ({@link #pairsIn}, {@link #pairsOut}), with the across-rows margin and
     * finish stages. A driver of its own: with these stages inlined into {@link #softmaxGathered} as well, C2's
     * inlining budget ran out and the margin stage's vectors were boxed.
     */
    private static double softmaxPairs(float[] z, int[] targets, int fromRow, int upper, float gamma,
                                       float[] alpha, boolean hasIgnore, int ignoreIndex, float gradScale,
                                       float[] gradOut, float[] lossOut) {
        int gk = ScalarKernels.gammaKind(gamma);
        boolean uniformAlpha = uniform(alpha);
        int tileBlocks = Math.min((upper - fromRow) / L, SOFTMAX_TILE_FLOATS / (2 * L));
        SoftmaxScratch sc = new SoftmaxScratch(0, tileBlocks);
        double sum = 0;
        for (int row = fromRow; row < upper; row += tileBlocks * L) {
            int blocks = Math.min(tileBlocks, (upper - row) / L);
            if (!pairsIn(z, targets, row, blocks, hasIgnore, ignoreIndex, sc)) {
                return Double.NaN;
            }
            softmaxMargin(blocks, sc);
            sum += softmaxFinish(row, blocks, gk, gamma, alpha, uniformAlpha, gradScale, lossOut, sc);
            if (gradOut != null) {
                pairsOut(row, blocks, gradOut, sc);
            }
        }
        return sum;
    }

    /** The rows [fromRow, upper) (a multiple of L) gathered column by column, L rows per block. */
    private static double softmaxGathered(float[] z, int[] targets, int classes, int fromRow, int upper,
                                          float gamma, float[] alpha, boolean hasIgnore, int ignoreIndex,
                                          float gradScale, float[] gradOut, float[] lossOut) {
        int gk = ScalarKernels.gammaKind(gamma);
        boolean uniformAlpha = uniform(alpha);
        int fullBlocks = (upper - fromRow) / L;
        int tileBlocks = Math.min(fullBlocks, Math.max(1, SOFTMAX_TILE_FLOATS / (classes * L)));
        SoftmaxScratch sc = new SoftmaxScratch(classes, tileBlocks);
        double sum = 0;
        for (int row = fromRow; row < upper; row += tileBlocks * L) {
            int blocks = Math.min(tileBlocks, (upper - row) / L);
            if (!softmaxGather(z, targets, classes, row, blocks, hasIgnore, ignoreIndex, sc)) {
                return Double.NaN;
            }
            softmaxMargin(blocks, sc);
            sum += softmaxFinish(row, blocks, gk, gamma, alpha, uniformAlpha, gradScale, lossOut, sc);
            if (gradOut != null) {
                softmaxRowsOut(z, classes, row, blocks, gradOut, sc);
            }
        }
        return sum;
    }

    /**
     * Row-wise softmax stage 1 for one block of L rows with C ≥ {@link #ROW_WISE_MIN_CLASSES}, vectorised
     * along each row (contiguous loads, no gathers), storing the per-row values where {@link #softmaxMargin}
     * and {@link #softmaxFinish} expect them (as one block); an ignored row gets m = z_t = 0 and S = 1. False
     * if a target or a logit is invalid. Per row:
     * <ol>
     *   <li>m = max_{j≠t} z_j, the lanes after the last full vector read as the row's last L logits,
     *       overlapping the one before (max is idempotent);</li>
     *   <li>E_j = exp(z_j − m) (0 at t) into the row's gradient (the scratch until the coefficient is known;
     *       the row is in L1 by then) and S = Σ E_j, in one loop whose last vector is again the row's last L
     *       logits, stored again with the same values and with the overlap left out of S. A logit that is not
     *       finite makes its argument m − z_j not finite (as may finite logits beyond about 1.7e38), and
     *       a·0 added to S makes S NaN: the caller then takes the exact path. One loop means one call of
     *       {@link #expNegNormal}: a second call site for the tail would be cold when C2 compiles this
     *       method during a warm-up without tails, and a Vector API helper that is not inlined passes boxed
     *       vectors.</li>
     * </ol>
     * Both loops live in this method, which makes it larger than C2's inlining limit for hot methods (325
     * bytes of bytecode): it is always compiled on its own.
     */
    private static boolean softmaxRowsExp(float[] z, int[] targets, int classes, int row0, boolean hasIgnore,
                                          int ignoreIndex, float[] gradOut, SoftmaxScratch sc) {
        int bound = F.loopBound(classes);
        int last = classes - L;
        int overlap = bound == classes ? 0 : bound - last;   // lanes of the last vector done before it
        for (int k = 0; k < L; k++) {
            int row = row0 + k;
            int tgt = targets[row];
            if (hasIgnore && tgt == ignoreIndex) {
                sc.tf[k] = -1f;
                sc.tIdx[k] = 0;
                sc.m[k] = 0f;
                sc.zt[k] = 0f;
                sc.s[k] = 1f;
                continue;
            }
            if (tgt < 0 || tgt >= classes) {
                return false;
            }
            int base = row * classes;
            int tv = tgt - tgt % L;                                  // t's full vector (≥ bound if t is in the tail)
            VectorMask<Float> isT = V_IOTA.compare(EQ, (float) (tgt - tv));
            // Two running maxima (even and odd vectors), so that each compare-and-blend waits for the one two
            // vectors back rather than the one before: the loop is bound by that latency, not by throughput.
            FloatVector mx = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            FloatVector my = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < bound; j += L) {
                FloatVector zj = FloatVector.fromArray(F, z, base + j);
                if (j == tv) {
                    zj = zj.blend(Float.NEGATIVE_INFINITY, isT);
                }
                FloatVector swap = mx.blend(zj, zj.compare(GT, mx));
                mx = my;
                my = swap;
            }
            if (bound < classes) {
                FloatVector zj = FloatVector.fromArray(F, z, base + last)
                        .blend(Float.NEGATIVE_INFINITY, V_IOTA.compare(EQ, (float) (tgt - last)));
                mx = mx.blend(zj, zj.compare(GT, mx));
            }
            float m = mx.blend(my, my.compare(GT, mx)).reduceLanes(VectorOperators.MAX);

            int te = Math.min(tv, last);                             // the vector whose E_t is zeroed
            VectorMask<Float> isTe = V_IOTA.compare(EQ, (float) (tgt - te));
            FloatVector mv = FloatVector.broadcast(F, m);
            FloatVector s = FloatVector.zero(F);
            for (int j = 0; ; j = Math.min(j + L, last)) {
                FloatVector a = mv.sub(FloatVector.fromArray(F, z, base + j));
                FloatVector ej = expNegNormal(a);
                if (j == te) {
                    ej = ej.blend(0f, isTe);
                }
                if (gradOut != null) {
                    ej.intoArray(gradOut, base + j);
                }
                if (j == last) {
                    s = s.add(a.fma(V_0, ej.blend(0f, V_IOTA.compare(LT, (float) overlap))));
                    break;
                }
                s = s.add(a.fma(V_0, ej));                           // a·0 is NaN where a logit is not finite
            }
            float sum = s.reduceLanes(VectorOperators.ADD);
            if (Float.isNaN(sum)) {
                return false;
            }
            sc.tf[k] = tgt;
            sc.tIdx[k] = tgt;
            sc.m[k] = m;
            sc.zt[k] = z[base + tgt];
            sc.s[k] = sum;
        }
        return true;
    }

    /**
     * Row-wise softmax stage 2: each row's gradient, E_j·coef for j ≠ t (E_j left there by
     * {@link #softmaxRowsExp}) and G at t; 0 for an ignored row. The lanes after the last full vector are
     * scaled as the row's last L values, with the overlap kept as the loop left it.
     */
    private static void softmaxRowsScale(int classes, int row0, float[] gradOut, SoftmaxScratch sc) {
        int bound = F.loopBound(classes);
        for (int k = 0; k < L; k++) {
            int base = (row0 + k) * classes;
            if (sc.tf[k] < 0) {
                java.util.Arrays.fill(gradOut, base, base + classes, 0f);
                continue;
            }
            FloatVector coef = FloatVector.broadcast(F, sc.coef[k]);
            for (int j = 0; j < bound; j += L) {
                FloatVector.fromArray(F, gradOut, base + j).mul(coef).intoArray(gradOut, base + j);
            }
            if (bound < classes) {
                int j = classes - L;
                FloatVector g = FloatVector.fromArray(F, gradOut, base + j);
                g.blend(g.mul(coef), V_IOTA.compare(GE, (float) (bound - j))).intoArray(gradOut, base + j);
            }
            gradOut[base + sc.tIdx[k]] = sc.g[k];
        }
    }

    /**
     * Softmax stages 1 and 2, across rows: validates the targets and logits of each block (false if one is
     * invalid), stores the target as a float (−1 for ignored rows) and as a safe index, copies the columns
     * into the scratch (0 for ignored rows), and stores m = max_{j≠t} z_j, z_t and S = Σ_{j≠t} E_j ∈ [1, C−1]
     * with E_j = exp(z_j − m) by {@link #expNegNormal} ({@link #softmaxRowsOut} repeats it on the same floats
     * for the gradient). Both stages in one method, which makes it too large for C2 to inline into the
     * driver: with every stage inlined there, C2's inlining budget ran out and the margin stage was boxed.
     */
    private static boolean softmaxGather(float[] z, int[] targets, int classes, int row0, int blocks,
                                         boolean hasIgnore, int ignoreIndex, SoftmaxScratch sc) {
        VectorMask<Integer> ignoreOn = I.maskAll(hasIgnore);
        for (int b = 0; b < blocks; b++) {
            int row = row0 + b * L;
            int base = row * classes;
            IntVector ti = IntVector.fromArray(I, targets, row);
            VectorMask<Integer> igI = ti.compare(VectorOperators.EQ, ignoreIndex).and(ignoreOn);
            VectorMask<Integer> okI = ti.compare(VectorOperators.GE, 0)
                    .and(ti.compare(VectorOperators.LT, classes)).or(igI);
            if (!okI.allTrue()) {
                return false;
            }
            ti.blend(0, igI).intoArray(sc.tIdx, b * L);
            FloatVector tf = (FloatVector) ti.blend(-1, igI).convert(VectorOperators.I2F, 0);
            tf.intoArray(sc.tf, b * L);
            VectorMask<Float> ign = tf.compare(LT, 0f);
            FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            FloatVector zt = FloatVector.zero(F);
            FloatVector check = FloatVector.zero(F);
            transposeIn(z, base, classes, sc.buf, b * classes * L);
            for (int j = 0; j < classes; j++) {
                FloatVector zj = FloatVector.fromArray(F, sc.buf, (b * classes + j) * L);
                if (hasIgnore) {
                    zj = zj.blend(0f, ign);
                }
                zj.intoArray(sc.buf, (b * classes + j) * L);
                check = check.add(zj.sub(zj));
                VectorMask<Float> isT = tf.compare(EQ, (float) j);
                zt = zt.blend(zj, isT);
                m = m.blend(zj, zj.compare(GT, m).andNot(isT));
            }
            if (!check.compare(EQ, 0f).allTrue()) {
                return false;
            }
            m.intoArray(sc.m, b * L);
            zt.intoArray(sc.zt, b * L);
            // S = Σ_{j≠t} E_j ∈ [1, C−1], E_j = exp(z_j − m) by expNegNormal, the operation softmaxRowsOut
            // repeats on the same floats for the gradient
            FloatVector s = FloatVector.zero(F);
            for (int j = 0; j < classes; j++) {
                s = s.add(expNegNormal(m.sub(FloatVector.fromArray(F, sc.buf, (b * classes + j) * L)))
                        .blend(0f, tf.compare(EQ, (float) j)));
            }
            s.intoArray(sc.s, b * L);
        }
        return true;
    }

    /**
     * Softmax stages 1 and 2 for C = 2: each block's 2·L logits are two contiguous vectors, split into the
     * columns z_0 and z_1 by two lane permutations; m = z_o (the other class), S = exp(z_o − m) = 1 and z_t,
     * the same values the general stages compute for C = 2. Validates targets (0, 1 or ignored) and logits
     * (finite) as they do; an ignored row gets m = z_t = 0.
     */
    private static boolean pairsIn(float[] z, int[] targets, int row0, int blocks, boolean hasIgnore,
                                   int ignoreIndex, SoftmaxScratch sc) {
        VectorMask<Integer> ignoreOn = I.maskAll(hasIgnore);
        for (int b = 0; b < blocks; b++) {
            int row = row0 + b * L;
            IntVector ti = IntVector.fromArray(I, targets, row);
            VectorMask<Integer> igI = ti.compare(VectorOperators.EQ, ignoreIndex).and(ignoreOn);
            VectorMask<Integer> okI = ti.compare(VectorOperators.GE, 0).and(ti.compare(VectorOperators.LT, 2)).or(igI);
            if (!okI.allTrue()) {
                return false;
            }
            ti.blend(0, igI).intoArray(sc.tIdx, b * L);
            FloatVector tf = (FloatVector) ti.blend(-1, igI).convert(VectorOperators.I2F, 0);
            tf.intoArray(sc.tf, b * L);
            VectorMask<Float> ign = tf.compare(LT, 0f);
            FloatVector lo = FloatVector.fromArray(F, z, 2 * row);
            FloatVector hi = FloatVector.fromArray(F, z, 2 * row + L);
            FloatVector z0 = lo.rearrange(EVEN_LANES).blend(hi.rearrange(EVEN_LANES), SECOND_HALF);
            FloatVector z1 = lo.rearrange(ODD_LANES).blend(hi.rearrange(ODD_LANES), SECOND_HALF);
            VectorMask<Float> isOne = tf.compare(EQ, 1f);
            FloatVector zt = z0.blend(z1, isOne).blend(0f, ign);
            FloatVector zo = z1.blend(z0, isOne).blend(0f, ign);
            if (!zt.sub(zt).add(zo.sub(zo)).compare(EQ, 0f).allTrue()) {
                return false;
            }
            zt.intoArray(sc.zt, b * L);
            zo.intoArray(sc.m, b * L);
            FloatVector.broadcast(F, 1f).intoArray(sc.s, b * L);
        }
        return true;
    }

    /**
     * Softmax stage 5 for C = 2: G at t and coef·E_o = coef at the other class (S = 1), interleaved back into
     * rows by two lane permutations and stored as two contiguous vectors per block.
     */
    private static void pairsOut(int row0, int blocks, float[] gradOut, SoftmaxScratch sc) {
        for (int b = 0; b < blocks; b++) {
            int row = row0 + b * L;
            VectorMask<Float> isZero = FloatVector.fromArray(F, sc.tf, b * L).compare(EQ, 0f);
            FloatVector g = FloatVector.fromArray(F, sc.g, b * L);
            FloatVector coef = FloatVector.fromArray(F, sc.coef, b * L);
            FloatVector g0 = coef.blend(g, isZero);
            FloatVector g1 = g.blend(coef, isZero);
            g0.rearrange(LOW_TWICE).blend(g1.rearrange(LOW_TWICE), ODD).intoArray(gradOut, 2 * row);
            g0.rearrange(HIGH_TWICE).blend(g1.rearrange(HIGH_TWICE), ODD).intoArray(gradOut, 2 * row + L);
        }
    }

    /**
     * The L rows of C logits from {@code z[base]} on into {@code buf[off]} on as C columns of L (lane k of
     * column j is row k's z_j), with scalar loads and stores: about one cycle per logit, against three to four
     * for a 16-lane gather instruction on AMD Zen 4 (and more where the JIT emulates gathers).
     */
    private static void transposeIn(float[] z, int base, int classes, float[] buf, int off) {
        for (int k = 0; k < L; k++) {
            int src = base + k * classes;
            for (int j = 0; j < classes; j++) {
                buf[off + j * L + k] = z[src + j];
            }
        }
    }


    /** Softmax stage 3: the margin v = z_t − m − log S of the true class against the rest, and exp(−|v|). */
    private static void softmaxMargin(int blocks, SoftmaxScratch sc) {
        for (int k = 0; k < blocks * L; k += L) {
            FloatVector v = FloatVector.fromArray(F, sc.zt, k).sub(FloatVector.fromArray(F, sc.m, k))
                    .sub(log(FloatVector.fromArray(F, sc.s, k)));
            v.intoArray(sc.v, k);
            expNeg(v.abs()).intoArray(sc.e, k);
        }
    }

    /**
     * Softmax stage 4: with p_t = σ(v), q = σ(−v), CE = softplus(−v): the loss α_t·q^γ·CE, the true-class
     * gradient G = −α_t·q^γ·(γ·p_t·CE + q)·scale and the other classes' coefficient −G/S.
     */
    private static double softmaxFinish(int row0, int blocks, int gk, float gamma, float[] alpha,
                                        boolean uniformAlpha, float gradScale, float[] lossOut, SoftmaxScratch sc) {
        FloatVector vGamma = FloatVector.broadcast(F, gamma);
        FloatVector vAlpha = FloatVector.broadcast(F, alpha[0]);
        FloatVector vScale = FloatVector.broadcast(F, -gradScale);
        FloatVector acc = FloatVector.zero(F);
        for (int k = 0; k < blocks * L; k += L) {
            VectorMask<Float> ign = FloatVector.fromArray(F, sc.tf, k).compare(LT, 0f);
            FloatVector v = FloatVector.fromArray(F, sc.v, k);
            FloatVector e = FloatVector.fromArray(F, sc.e, k);
            FloatVector l = log1pUnit(e);
            FloatVector r = V_1.div(e.add(V_1));
            FloatVector sm = e.mul(r);
            VectorMask<Float> neg = v.compare(LT, 0f);
            FloatVector pt = r.blend(sm, neg);
            FloatVector q = sm.blend(r, neg);
            FloatVector vn = V_0.blend(v, neg);
            FloatVector ce = l.sub(vn);
            FloatVector mod = modulator(gk, q, vGamma, l.add(v.sub(vn)));   // −log q = softplus(v)
            FloatVector at = uniformAlpha ? vAlpha : FloatVector.fromArray(F, alpha, 0, sc.tIdx, k);
            FloatVector loss = at.mul(mod).mul(ce).blend(0f, ign);
            // Into the scratch whether or not the losses are wanted: a branch here that the profile never saw
            // taken would be an uncommon trap holding the vector, which C2 (JDK 17) then allocates as a box.
            loss.intoArray(sc.loss, k);
            FloatVector g = at.mul(vScale).mul(mod).mul(pt.mul(ce).fma(vGamma, q)).blend(0f, ign);
            acc = acc.add(g.fma(V_0, loss));   // NaN if a gradient is not finite: the caller recomputes
            g.intoArray(sc.g, k);
            g.neg().div(FloatVector.fromArray(F, sc.s, k)).blend(0f, ign).intoArray(sc.coef, k);   // +0, not −0
        }
        if (lossOut != null) {
            System.arraycopy(sc.loss, 0, lossOut, row0, blocks * L);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Softmax stage 5, across rows (3 ≤ C &lt; 2·L): the gradient written as the block's C contiguous vectors.
     * Each lane takes its row's m, coefficient −G/S, G and target by a lane permutation of the block's per-row
     * vectors ({@code rowOf}) and recomputes E_j = exp(z_j − m) from its logit (the operation of
     * {@link #softmaxGather} on the same floats: the same bits), then coef·E_j, G at t, 0 for an ignored row.
     * One exponential more per logit, but no scatter, which costs about 3 cycles per logit on Zen 4 (and is
     * emulated without AVX-512), against about 1.5 for this.
     */
    private static void softmaxRowsOut(float[] z, int classes, int row0, int blocks, float[] gradOut,
                                       SoftmaxScratch sc) {
        for (int b = 0; b < blocks; b++) {
            int base = (row0 + b * L) * classes;
            FloatVector tf = FloatVector.fromArray(F, sc.tf, b * L);
            FloatVector m = FloatVector.fromArray(F, sc.m, b * L);
            FloatVector g = FloatVector.fromArray(F, sc.g, b * L);
            FloatVector coef = FloatVector.fromArray(F, sc.coef, b * L);
            for (int i = 0; i < classes; i++) {
                VectorShuffle<Float> rows = sc.rowOf[i];
                FloatVector ti = tf.rearrange(rows);
                FloatVector ei = expNegNormal(m.rearrange(rows).sub(FloatVector.fromArray(F, z, base + i * L)));
                ei.mul(coef.rearrange(rows))
                        .blend(g.rearrange(rows), ti.compare(EQ, FloatVector.fromArray(F, sc.colOf, i * L)))
                        .blend(0f, ti.compare(LT, 0f))
                        .intoArray(gradOut, base + i * L);
            }
        }
    }
}
