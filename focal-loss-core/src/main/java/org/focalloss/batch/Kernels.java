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

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static FastKernels select() {
        if (!Boolean.getBoolean(FORCE_SCALAR) && vectorModulePresent()) {
            try {
                // Loaded reflectively: the class links against jdk.incubator.vector, which may be absent.
                return (FastKernels) Class.forName("org.focalloss.batch.VectorKernels")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarKernels();
            }
        }
        return new ScalarKernels();
    }
}
