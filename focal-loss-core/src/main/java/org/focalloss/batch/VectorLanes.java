package org.focalloss.batch;

/** The lane count of a vector kernel, read without linking this class against jdk.incubator.vector. */
final class VectorLanes {

    private VectorLanes() {
    }

    /**
     * @param kernel the vector kernels
     * @return their float lanes (16 with AVX-512, 8 with AVX2), or 16 if unknown
     */
    static int of(FastKernels kernel) {
        String name = kernel.name();
        int open = name.indexOf('(');
        int space = name.indexOf(' ', open + 1);
        try {
            return Integer.parseInt(name.substring(open + 1, space));
        } catch (RuntimeException e) {
            return 16;
        }
    }
}
