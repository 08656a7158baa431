package org.focalloss.batch;

/** Chooses the fast kernels at run time: the Vector API when its module is present, scalar otherwise. */
final class Kernels {

    /** System property that forces the scalar kernels even when the Vector API is available. */
    static final String FORCE_SCALAR = "focalloss.scalar";

    private static final FastKernels FAST = select();

    private Kernels() {
    }

    static FastKernels fast() {
        return FAST;
    }

    /**
     * Waits until the fast kernels are the vector ones, after their warm-up ({@link WarmingKernels}); for
     * tests and benchmarks that must measure them.
     *
     * @param millis how long to wait at most
     * @return whether the vector kernels are in use (false on the scalar fallback)
     */
    static boolean awaitVector(long millis) {
        return FAST instanceof WarmingKernels w && w.awaitHot(millis);
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static FastKernels select() {
        if (!Boolean.getBoolean(FORCE_SCALAR) && vectorModulePresent()) {
            try {
                // Loaded reflectively: the class links against jdk.incubator.vector, which may be absent.
                return new WarmingKernels((FastKernels) Class.forName("org.focalloss.batch.VectorKernels")
                        .getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarKernels();
            }
        }
        return new ScalarKernels();
    }
}
