package dev.eider.lmdiskann.vector;

import dev.eider.lmdiskann.Metric;

/**
 * A metric's internal distance, which ranks like the user-facing one but is cheaper: squared L2 for L2, and for
 * cosine {@code 1 - dot} of vectors normalised when they enter the index. Smaller is nearer for all metrics.
 */
public final class VectorMetric {

    private final Metric metric;
    private final VectorKernels kernels;

    public VectorMetric(Metric metric, VectorKernels kernels) {
        this.metric = metric;
        this.kernels = kernels;
    }

    public Metric metric() {
        return metric;
    }

    public VectorKernels kernels() {
        return kernels;
    }

    /** Internal distance between {@code a[aOff..]} and {@code b[bOff..]}, both already {@link #prepare prepared}. */
    public float distance(float[] a, int aOff, float[] b, int bOff, int n) {
        return switch (metric) {
            case L2 -> kernels.squaredL2(a, aOff, b, bOff, n);
            case COSINE -> 1f - kernels.dot(a, aOff, b, bOff, n);
            case INNER_PRODUCT -> -kernels.dot(a, aOff, b, bOff, n);
        };
    }

    /**
     * {@link #distance(float[], int, float[], int, int)} when it is below {@code bound}, otherwise any value at
     * least {@code bound}: for L2 the sum stops once it reaches the bound ({@link VectorKernels#squaredL2Bounded}).
     */
    public float distanceBelow(float[] a, int aOff, float[] b, int bOff, int n, float bound) {
        return metric == Metric.L2
                ? kernels.squaredL2Bounded(a, aOff, b, bOff, n, bound)
                : distance(a, aOff, b, bOff, n);
    }

    public float distance(float[] a, float[] b) {
        return distance(a, 0, b, 0, a.length);
    }

    /**
     * Turns a caller's vector into the stored form in place: cosine vectors are scaled to unit length (a zero
     * vector stays zero and is at distance 1 from everything); other metrics store vectors as given.
     */
    public void prepare(float[] v, int off, int n) {
        if (metric != Metric.COSINE) {
            return;
        }
        float norm = (float) Math.sqrt(kernels.dot(v, off, v, off, n));
        if (norm > 0f) {
            float inv = 1f / norm;
            for (int i = 0; i < n; i++) {
                v[off + i] *= inv;
            }
        }
    }

    /** The user-facing distance of an internal one. */
    public float toUser(float internal) {
        return metric == Metric.L2 ? (float) Math.sqrt(Math.max(0f, internal)) : internal;
    }

    /** The internal distance of a user-facing radius (L2 radii are squared; negative L2 radii match nothing). */
    public float fromUser(float userDistance) {
        if (metric == Metric.L2) {
            return userDistance < 0 ? -1f : userDistance * userDistance;
        }
        return userDistance;
    }

    /** Checks a caller's vector: right length, finite values. */
    public static void validate(float[] v, int dimensions, String what) {
        if (v == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (v.length != dimensions) {
            throw new IllegalArgumentException(
                    what + " has " + v.length + " dimensions but the index has " + dimensions);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " has a non-finite value (" + v[i] + ") at position " + i);
            }
        }
    }
}
