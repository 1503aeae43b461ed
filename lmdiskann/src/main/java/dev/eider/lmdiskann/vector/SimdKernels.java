package dev.eider.lmdiskann.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Kernels on the JDK Vector API at the platform's preferred width, with fused multiply-add. */
public final class SimdKernels implements VectorKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats between checks of a bounded distance against its bound (a check is one lane reduction). */
    private static final int CHECK_EVERY = Math.max(128, 2 * SPECIES.length());

    int lanes() {
        return SPECIES.length();
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int step = SPECIES.length();
        int i = 0;
        for (; i + 2 * step <= n; i += 2 * step) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
                    .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, aOffset + i + step)
                    .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + step), acc1);
        }
        for (; i + step <= n; i += step) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
                    .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int n) {
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int step = SPECIES.length();
        int i = 0;
        for (; i + 2 * step <= n; i += 2 * step) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
                    .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
            FloatVector d1 = FloatVector.fromArray(SPECIES, a, aOffset + i + step)
                    .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + step));
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
        }
        return squaredL2Rest(a, aOffset, b, bOffset, n, i, acc0, acc1);
    }

    @Override
    public float squaredL2Bounded(float[] a, int aOffset, float[] b, int bOffset, int n, float bound) {
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int step = SPECIES.length();
        int i = 0;
        while (i + 2 * step <= n) {
            int stop = Math.min(n - 2 * step, i + (CHECK_EVERY - 2 * step));
            for (; i <= stop; i += 2 * step) {
                FloatVector d0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
                        .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
                FloatVector d1 = FloatVector.fromArray(SPECIES, a, aOffset + i + step)
                        .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + step));
                acc0 = d0.fma(d0, acc0);
                acc1 = d1.fma(d1, acc1);
            }
            float partial = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
            if (partial >= bound) {
                return partial;
            }
        }
        return squaredL2Rest(a, aOffset, b, bOffset, n, i, acc0, acc1);
    }

    /** Adds the squares of elements {@code i..n-1} (one vector, then single floats) to the two accumulators. */
    private static float squaredL2Rest(float[] a, int aOffset, float[] b, int bOffset, int n, int i,
            FloatVector acc0, FloatVector acc1) {
        int step = SPECIES.length();
        for (; i + step <= n; i += step) {
            FloatVector d = FloatVector.fromArray(SPECIES, a, aOffset + i)
                    .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
            acc0 = d.fma(d, acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public String name() {
        return "simd-" + SPECIES.vectorBitSize();
    }
}
