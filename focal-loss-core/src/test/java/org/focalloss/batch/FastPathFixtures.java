package org.focalloss.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Shared inputs and tolerances of the fast-path tests. */
final class FastPathFixtures {

    /** Relative tolerance of the fast kernels against the exact double path. */
    static final double REL = 1e-5;
    /** Absolute tolerance near zero (multiplied by the gradient scale for gradients). */
    static final double ABS = 1e-7;

    private FastPathFixtures() {
    }

    /**
     * The kernels this JVM can run: the scalar kernels always, the Vector API kernels when the incubator
     * module is in the boot layer (loaded reflectively, as {@link Kernels} does, so this class links
     * without it).
     */
    static List<FastKernels> kernels() {
        List<FastKernels> kernels = new ArrayList<>();
        kernels.add(new ScalarKernels());
        if (Kernels.vectorModulePresent()) {
            try {
                kernels.add((FastKernels) Class.forName("org.focalloss.batch.VectorKernels")
                        .getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("the Vector API module is present but VectorKernels does not load", e);
            }
        }
        return kernels;
    }

    /** A logit on a mixed scale: mostly moderate, some saturated, some at the ±1e4 extreme. */
    static float logit(SplittableRandom rnd) {
        switch (rnd.nextInt(10)) {
            case 0:
                return (float) rnd.nextDouble(-1e4, 1e4);
            case 1:
                return (float) rnd.nextDouble(-100, 100);
            case 2:
                return (float) rnd.nextDouble(-20, 20);
            default:
                return (float) (rnd.nextGaussian() * 3);
        }
    }

    /** A target: 0 or 1, or (when soft) a third of the time a soft value in (0, 1). */
    static float target(SplittableRandom rnd, boolean soft) {
        if (soft && rnd.nextInt(3) == 0) {
            return (float) rnd.nextDouble();
        }
        return rnd.nextInt(2);
    }

    /** |actual − exact| ≤ REL·|exact| + ABS·scale, as a ratio (≤ 1 passes). */
    static double errorRatio(double actual, double exact, double scale) {
        return Math.abs(actual - exact) / (REL * Math.abs(exact) + ABS * scale);
    }

    /** Tracks the worst error ratio and where it occurred. */
    static final class Worst {
        double ratio;
        String where = "nothing compared";

        void check(double actual, double exact, double scale, String what) {
            double r = errorRatio(actual, exact, scale);
            if (!(r <= ratio)) {            // NaN counts as worst
                ratio = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
                where = what + ": fast " + actual + ", exact " + exact;
            }
        }

        boolean ok() {
            return ratio <= 1;
        }

        @Override
        public String toString() {
            return "worst error " + ratio + " of the tolerance at " + where;
        }
    }
}
