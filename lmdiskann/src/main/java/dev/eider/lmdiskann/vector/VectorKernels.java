package dev.eider.lmdiskann.vector;

/** The inner loops every distance goes through. Arrays are read from the given offsets for {@code n} floats. */
public interface VectorKernels {

    float dot(float[] a, int aOffset, float[] b, int bOffset, int n);

    float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int n);

    /**
     * {@link #squaredL2} when it is below {@code bound}; otherwise a value of at least {@code bound}, possibly
     * without reading every dimension. Terms are added in the order {@code squaredL2} adds them, and adding
     * non-negative terms never lowers a float sum, so a partial sum that reached the bound shows the full one would
     * have too (up to the order in which the Vector API sums lanes, which it leaves open): a caller that keeps only
     * distances below the bound keeps what it would have kept with {@code squaredL2}.
     */
    float squaredL2Bounded(float[] a, int aOffset, float[] b, int bOffset, int n, float bound);

    /** A short name for logs and benchmark reports ("simd-256", "scalar"). */
    String name();

    /**
     * The SIMD kernels when the JDK Vector API is available (run with {@code --add-modules jdk.incubator.vector})
     * and wider than one lane, otherwise the scalar ones. Setting the system property {@code eider.simd=false}
     * forces the scalar kernels.
     */
    static VectorKernels best() {
        if (!Boolean.parseBoolean(System.getProperty("eider.simd", "true"))) {
            return new ScalarKernels();
        }
        try {
            SimdKernels simd = new SimdKernels();
            return simd.lanes() > 1 ? simd : new ScalarKernels();
        } catch (LinkageError vectorApiMissing) {
            return new ScalarKernels();
        }
    }
}
