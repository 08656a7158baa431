package org.focalloss.batch;

/**
 * Single-precision elementary functions for the fast kernels: exp of a non-positive argument, log1p on
 * [0, 1] and log of a positive float. The scalar kernels call these methods; the vector kernels evaluate
 * the same polynomials with the same constants lane-wise, so both fast paths agree to within rounding;
 * the one exception is the vector softmax's exponential ({@code VectorKernels.expNegNormal}, a shorter
 * polynomial within 3.8·10⁻⁷ relative), where the two fast paths agree to within that.
 *
 * <ul>
 *   <li>{@link #expNonPositive}: Cody-Waite reduction x = n·ln2 + s with |s| ≤ ln2/2 (ln2 split into a
 *       9-bit head, so n·LN2_HI is exact, and a tail), e^s = 1 + s·Q(s) with a degree-5 Chebyshev fit
 *       (error 4·10⁻⁹), and 2^n built in the exponent bits. The result is scaled by 2^(n+64) and then
 *       by 2^−64 so that arguments down to −104 produce correctly rounded subnormals instead of garbage;
 *       below −104 the result is 0 (e^−104 is below half the smallest subnormal). Max error ≈ 1 ulp.</li>
 *   <li>{@link #log1pUnit}: log(1 + e) = e·L(e) for e ∈ [0, 1], a degree-8 Chebyshev fit of
 *       log1p(e)/e (error 3·10⁻⁸), so the result keeps full relative precision as e → 0 (where
 *       log(1 + e) ≈ e) with no range reduction at all.</li>
 *   <li>{@link #log}: v = 2^k·m with m ∈ [√½, √2) taken from the bits (subnormals are pre-scaled by
 *       2^23), log m = f + f²·G(f) with f = m − 1 and a degree-7 fit, plus k·ln2 in two parts.</li>
 * </ul>
 * The coefficients were fitted with mpmath's {@code chebyfit} on the stated intervals. Plain
 * multiply-add (not {@link Math#fma}) is used here so that the scalar fallback stays fast on a JVM or CPU
 * without FMA; the vector kernels use fused multiply-add, which only changes the last bit.
 */
final class FloatMath {

    /** log2(e). */
    static final float LOG2E = 1.44269504f;
    /** Head of ln 2 with 9 significant bits, so n·LN2_HI is exact for |n| &lt; 2^15. */
    static final float LN2_HI = 0.693359375f;
    /** ln 2 − LN2_HI. */
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds a float of magnitude &lt; 2^22 to an integer held in the low mantissa bits. */
    static final float MAGIC = 12582912f;
    /** exp(x) is 0 (in float) below this; arguments are clamped to it. */
    static final float EXP_MIN = -104f;
    /** 64 in the exponent field: the result is first built as p·2^(n+64) (never subnormal) ... */
    static final int EXP_BIAS_64 = 64 << 23;
    /** ... and then multiplied by 2^−64, which rounds subnormal results correctly. */
    static final float TWO_M64 = 0x1p-64f;

    /** (e^s − 1)/s ≈ Q(s) = Q0 + Q1·s + … + Q5·s⁵ on |s| ≤ ln2/2. */
    static final float Q0 = 1.000000011e+00f;
    static final float Q1 = 5.000000013e-01f;
    static final float Q2 = 1.666650520e-01f;
    static final float Q3 = 4.166646493e-02f;
    static final float Q4 = 8.369155668e-03f;
    static final float Q5 = 1.393365000e-03f;

    /** log1p(e)/e ≈ L(e) = L0 + L1·e + … + L8·e⁸ on e ∈ [0, 1]. */
    static final float L0 = 9.999999659e-01f;
    static final float L1 = -4.999944498e-01f;
    static final float L2 = 3.331812171e-01f;
    static final float L3 = -2.483539899e-01f;
    static final float L4 = 1.907688074e-01f;
    static final float L5 = -1.360224762e-01f;
    static final float L6 = 7.751608674e-02f;
    static final float L7 = -2.907406468e-02f;
    static final float L8 = 5.126102141e-03f;

    /** (log1p(f) − f)/f² ≈ G(f) = G0 + … + G7·f⁷ on f ∈ [√½ − 1, √2 − 1]. */
    static final float G0 = -4.999999713e-01f;
    static final float G1 = 3.333367061e-01f;
    static final float G2 = -2.500114768e-01f;
    static final float G3 = 1.997204971e-01f;
    static final float G4 = -1.658848853e-01f;
    static final float G5 = 1.483478684e-01f;
    static final float G6 = -1.415964701e-01f;
    static final float G7 = 8.787265491e-02f;

    /** Bits of √½ (rounded down): mantissas at or above it stay, below it borrow one from the exponent. */
    static final int SQRT_HALF_BITS = 0x3f3504f3;
    /** 2^23, to lift subnormals into the normal range before reading their exponent. */
    static final float TWO_P23 = 0x1p23f;

    private FloatMath() {
    }

    /**
     * e^x for x ≤ 0 (small positive x up to about 40 also work). Returns 0 below −104 and for −∞; NaN in,
     * NaN or garbage out (callers reject non-finite input separately).
     *
     * @param x the argument, ≤ 0
     * @return e^x, within about 1 ulp, subnormal results included
     */
    static float expNonPositive(float x) {
        float c = x < EXP_MIN ? EXP_MIN : x;
        float k = c * LOG2E + MAGIC;                 // MAGIC + n, n = round(c·log2 e)
        float n = k - MAGIC;
        float s = (c - n * LN2_HI) - n * LN2_LO;     // c − n·ln2, |s| ≤ ln2/2 (first difference exact)
        float q = Q0 + s * (Q1 + s * (Q2 + s * (Q3 + s * (Q4 + s * Q5))));
        float p = 1 + s * q;                         // e^s
        // bits(k) = bits(MAGIC) + n; shifting by 23 drops bits(MAGIC) and leaves n in the exponent field.
        int bits = Float.floatToRawIntBits(p) + (Float.floatToRawIntBits(k) << 23) + EXP_BIAS_64;
        return Float.intBitsToFloat(bits) * TWO_M64;
    }

    /**
     * log(1 + e) for e ∈ [0, 1], with full relative precision for small e.
     *
     * @param e the argument in [0, 1]
     * @return log1p(e), within about 2 ulp
     */
    static float log1pUnit(float e) {
        return e * (L0 + e * (L1 + e * (L2 + e * (L3 + e * (L4 + e * (L5 + e * (L6 + e * (L7 + e * L8))))))));
    }

    /**
     * Natural log of a positive finite float, subnormals included.
     *
     * @param v the argument, &gt; 0
     * @return log v, within about 2 ulp (absolute error ≈ 1e-7·|log v| for v far from 1)
     */
    static float log(float v) {
        float k0 = 0;
        if (v < Float.MIN_NORMAL) {
            v *= TWO_P23;
            k0 = -23;
        }
        int bits = Float.floatToRawIntBits(v);
        int e = (bits - SQRT_HALF_BITS) >> 23;       // exponent such that the mantissa is in [√½, √2)
        float f = Float.intBitsToFloat(bits - (e << 23)) - 1;
        float k = e + k0;
        float g = G0 + f * (G1 + f * (G2 + f * (G3 + f * (G4 + f * (G5 + f * (G6 + f * G7))))));
        return k * LN2_HI + (f + f * f * g + k * LN2_LO);
    }
}
