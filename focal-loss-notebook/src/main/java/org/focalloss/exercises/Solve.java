package org.focalloss.exercises;

import java.util.function.DoubleUnaryOperator;

/** The small numerics the checks need to turn a question into a number: a root and a minimum. */
final class Solve {

    private Solve() {
    }

    /** The root of f in [lo, hi] by bisection (f(lo) and f(hi) of opposite signs), to machine precision. */
    static double root(DoubleUnaryOperator f, double lo, double hi) {
        double flo = f.applyAsDouble(lo);
        if (flo * f.applyAsDouble(hi) > 0) {
            throw new IllegalStateException("no sign change in [" + lo + ", " + hi + "]");
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
            double mid = 0.5 * (lo + hi);
            double fm = f.applyAsDouble(mid);
            if (fm == 0) {
                return mid;
            }
            if ((fm < 0) == (flo < 0)) {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The minimum of a unimodal f in [lo, hi] by golden-section search. */
    static double argmin(DoubleUnaryOperator f, double lo, double hi) {
        double r = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - r * (b - a);
        double d = a + r * (b - a);
        for (int i = 0; i < 200 && b - a > 1e-12; i++) {
            if (f.applyAsDouble(c) < f.applyAsDouble(d)) {
                b = d;
            } else {
                a = c;
            }
            c = b - r * (b - a);
            d = a + r * (b - a);
        }
        return 0.5 * (a + b);
    }

    /** The logit of a probability, log(p/(1 − p)). */
    static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
