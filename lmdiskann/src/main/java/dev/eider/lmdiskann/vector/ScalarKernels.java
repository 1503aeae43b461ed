package dev.eider.lmdiskann.vector;

/** Plain loops, used when the Vector API is absent; four accumulators so the JIT can pipeline them. */
public final class ScalarKernels implements VectorKernels {

    /** A bounded distance is checked against its bound every 64 floats. */
    private static final int CHECK_MASK = 63;

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[aOffset + i] * b[bOffset + i];
            s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
            s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
            s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The bounded loop with no bound: the same sums in the same order, so the same result. */
    @Override
    public float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int n) {
        return squaredL2Bounded(a, aOffset, b, bOffset, n, Float.POSITIVE_INFINITY);
    }

    @Override
    public float squaredL2Bounded(float[] a, int aOffset, float[] b, int bOffset, int n, float bound) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float d0 = a[aOffset + i] - b[bOffset + i];
            float d1 = a[aOffset + i + 1] - b[bOffset + i + 1];
            float d2 = a[aOffset + i + 2] - b[bOffset + i + 2];
            float d3 = a[aOffset + i + 3] - b[bOffset + i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            if ((i & CHECK_MASK) == CHECK_MASK - 3) {
                float partial = (s0 + s1) + (s2 + s3);
                if (partial >= bound) {
                    return partial;
                }
            }
        }
        for (; i < n; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public String name() {
        return "scalar";
    }
}
