package org.focalloss.batch;

/**
 * Runs a fast float kernel over a chunk tile by tile, and recomputes with the exact double formulas every
 * tile whose fast result is not finite. The fast kernels signal invalid input and float overflow the same
 * way (a NaN or infinite tile sum, see {@link FastKernels}), so the exact pass either reports the bad
 * element, with its index, or gives the finite answer for valid input at the edge of the float range
 * (logits near ±Float.MAX, softmax rows whose logits span more than Float.MAX, tile sums above
 * Float.MAX). Valid ordinary data never takes the exact path.
 */
final class FastPass {

    /**
     * Largest γ the fast kernels take; above it the batch uses the exact path. Up to here q^γ, evaluated as
     * exp(−γ·softplus) in float, meets the documented tolerance: the softplus values that matter
     * (about 1/γ) are normal floats, and γ itself is a float.
     */
    static final double MAX_GAMMA = 1e30;

    /**
     * Largest γ the fast kernels take for soft sigmoid targets; a tile with a soft target and a larger γ is
     * recomputed exactly. Here log q comes from a float q = t(1−p) + (1−t)p, whose rounding (6e-8 near
     * q = 1) is multiplied by γ in the exponent of q^γ.
     */
    static final double MAX_GAMMA_SOFT = 16;

    /**
     * Largest γ the softmax fast kernels take; above it the batch uses the exact path. The float margin
     * v = z_t − m − log S carries a rounding error of about 1e-7·|v|, and q^γ = exp(−γ·softplus(v)) needs
     * it below the tolerance where q^γ is not negligible (v ≈ ln γ).
     */
    static final double MAX_GAMMA_SOFTMAX = 1e3;

    /** Elements (sigmoid) per tile; a multiple of every vector tile. */
    static final int TILE = 1 << 16;

    /** One range of elements or rows. */
    interface Range {
        double run(int from, int to);
    }

    private FastPass() {
    }

    /**
     * @param from first element (row)
     * @param to end (exclusive)
     * @param tile elements (rows) per tile
     * @param fast the fast kernel over a range
     * @param exact the exact formulas over a range, writing the same outputs; throws on invalid input
     * @return the sum of the losses over [from, to)
     */
    static double sum(int from, int to, int tile, Range fast, Range exact) {
        double sum = 0;
        for (int a = from; a < to; a += tile) {
            int b = Math.min(to, a + tile);
            double s = fast.run(a, b);
            if (!Double.isFinite(s)) {
                s = exact.run(a, b);
            }
            sum += s;
        }
        return sum;
    }

    /**
     * @param classes C
     * @return rows per softmax tile: about {@link #TILE} logits, a multiple of {@link Parallel#ALIGN}
     */
    static int softmaxTileRows(int classes) {
        return Math.max(Parallel.ALIGN, TILE / Math.max(1, classes) / Parallel.ALIGN * Parallel.ALIGN);
    }
}
