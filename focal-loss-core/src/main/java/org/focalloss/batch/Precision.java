package org.focalloss.batch;

/** Which arithmetic a batch pass over {@code float[]} data uses. {@code double[]} data is always exact. */
public enum Precision {
    /** Every element computed in double precision with the exact formulas of the core classes. */
    EXACT,
    /**
     * Single precision with polynomial exp/log: vectorised with the Vector API when the
     * {@code jdk.incubator.vector} module is present ({@code --add-modules jdk.incubator.vector}), a scalar
     * loop otherwise. Agrees with {@link #EXACT} to within 1e-5 relative (1e-7 absolute near zero).
     */
    FAST
}
