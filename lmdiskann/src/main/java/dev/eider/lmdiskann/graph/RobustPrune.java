package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.vector.VectorKernels;
import java.util.Arrays;

/**
 * DiskANN's RobustPrune: walk candidates nearest first, keep one, and drop every remaining candidate that the kept
 * one covers ({@code alpha * d(kept, c) <= d(p, c)}), until R are kept. Distances here are geometric (squared L2,
 * or cosine distance for cosine indexes): for inner product the graph is shaped by L2, because "alpha times a
 * negative score" has no geometric meaning. One instance per thread; it reuses its arrays.
 */
final class RobustPrune {

    private final VectorKernels kernels;
    private final boolean cosine;
    private final int dims;
    private long[] order = new long[0];
    private float[] toP = new float[0];
    private boolean[] dropped = new boolean[0];

    RobustPrune(VectorKernels kernels, Metric metric, int dims) {
        this.kernels = kernels;
        this.cosine = metric == Metric.COSINE;
        this.dims = dims;
    }

    /** The geometric distance pruning compares (see the class comment). */
    float distance(float[] a, int aOff, float[] b, int bOff) {
        float d = cosine ? 1f - kernels.dot(a, aOff, b, bOff, dims) : kernels.squaredL2(a, aOff, b, bOff, dims);
        return Math.max(0f, d);
    }

    /**
     * Chooses at most {@code maxDegree} of the {@code m} candidates (ids unique, not {@code p} itself) whose
     * vectors are {@code vectors[i * dims ..]}. Writes the chosen ids to {@code out} and returns their count.
     */
    int prune(float[] p, int pOffset, int m, int[] ids, float[] vectors, float alpha, int maxDegree, int[] out) {
        if (order.length < m) {
            order = new long[m];
            toP = new float[m];
            dropped = new boolean[m];
        }
        for (int i = 0; i < m; i++) {
            toP[i] = distance(p, pOffset, vectors, i * dims);
            order[i] = ((long) Float.floatToIntBits(toP[i]) << 32) | i;
        }
        Arrays.sort(order, 0, m);
        Arrays.fill(dropped, 0, m, false);
        int kept = 0;
        for (int a = 0; a < m && kept < maxDegree; a++) {
            int ia = (int) order[a];
            if (dropped[a]) {
                continue;
            }
            out[kept++] = ids[ia];
            for (int b = a + 1; b < m; b++) {
                if (dropped[b]) {
                    continue;
                }
                int ib = (int) order[b];
                if (alpha * distance(vectors, ia * dims, vectors, ib * dims) <= toP[ib]) {
                    dropped[b] = true;
                }
            }
        }
        return kept;
    }
}
