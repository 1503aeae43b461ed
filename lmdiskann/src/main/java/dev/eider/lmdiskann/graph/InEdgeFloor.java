package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.vector.VectorKernels;
import java.util.BitSet;

/**
 * Gives every node of a finished Vamana graph at least {@value #MIN_IN_DEGREE} in-edges. RobustPrune keeps a
 * node's list diverse, so a node that no list kept is reachable only if a search happens to expand one of its
 * few in-neighbors and ranks it by its approximate code; with 2-bit codes some of those nodes could not be found
 * even by their own vector. A node short of in-edges is added to the lists of its nearest out-neighbors (which
 * are near it, so it is a useful edge for them), and every node to the lists of its {@value #LINKED_NEAREST}
 * nearest out-neighbors: appended when a list has room, otherwise replacing that list's farthest member that can
 * spare an in-edge and was not placed or confirmed by this step (outliers are the farthest members of the lists
 * they are added to, and would otherwise be the next victims).
 */
final class InEdgeFloor {

    static final int MIN_IN_DEGREE = 4;
    /** Every node is in the lists of this many of its nearest out-neighbors, whatever its in-degree. */
    static final int LINKED_NEAREST = 2;

    private final VectorKernels kernels;
    private final float[] data;
    private final int dims;
    private final int[] adjacency;
    private final int[] degrees;
    private final int stride;
    private final int maxDegree;
    private final int[] inDegree;
    /** List slots holding an edge this step chose or confirmed, which later links must not take over. */
    private final BitSet kept;

    /** Node {@code i}'s list is {@code adjacency[i * stride .. + degrees[i]]}, at most {@code maxDegree} long. */
    InEdgeFloor(VectorKernels kernels, float[] data, int dims, int[] adjacency, int[] degrees, int stride,
                int maxDegree) {
        this.kernels = kernels;
        this.data = data;
        this.dims = dims;
        this.adjacency = adjacency;
        this.degrees = degrees;
        this.stride = stride;
        this.maxDegree = maxDegree;
        this.inDegree = new int[degrees.length];
        this.kept = new BitSet(Math.multiplyExact(degrees.length, stride));
    }

    /** Raises in-degrees in place; returns the number of edges added. */
    int apply() {
        int n = degrees.length;
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < degrees[p]; i++) {
                inDegree[adjacency[p * stride + i]]++;
            }
        }
        int added = 0;
        int[] order = new int[maxDegree];
        float[] distances = new float[maxDegree];
        for (int p = 0; p < n; p++) {
            int count = nearestFirst(p, order, distances);
            for (int i = 0; i < count && (i < LINKED_NEAREST || inDegree[p] < MIN_IN_DEGREE); i++) {
                if (link(order[i], p)) {
                    added++;
                }
            }
        }
        return added;
    }

    /** {@code p}'s out-neighbors sorted by distance to {@code p}, into {@code order}; returns their count. */
    private int nearestFirst(int p, int[] order, float[] distances) {
        int count = degrees[p];
        for (int i = 0; i < count; i++) {
            int q = adjacency[p * stride + i];
            float d = distance(p, q);
            int at = i;
            while (at > 0 && distances[at - 1] > d) {
                distances[at] = distances[at - 1];
                order[at] = order[at - 1];
                at--;
            }
            distances[at] = d;
            order[at] = q;
        }
        return count;
    }

    /** Adds {@code p} to {@code q}'s list if it is not there; false when it was, or no member could give way. */
    private boolean link(int q, int p) {
        int base = q * stride;
        int degree = degrees[q];
        for (int i = 0; i < degree; i++) {
            if (adjacency[base + i] == p) {
                kept.set(base + i);
                return false;
            }
        }
        if (degree < maxDegree) {
            adjacency[base + degree] = p;
            kept.set(base + degree);
            degrees[q] = degree + 1;
            inDegree[p]++;
            return true;
        }
        int victim = -1;
        float farthest = -1f;
        for (int i = 0; i < degree; i++) {
            int v = adjacency[base + i];
            if (inDegree[v] > MIN_IN_DEGREE && !kept.get(base + i)) {
                float d = distance(q, v);
                if (d > farthest) {
                    farthest = d;
                    victim = i;
                }
            }
        }
        if (victim < 0) {
            return false;
        }
        inDegree[adjacency[base + victim]]--;
        adjacency[base + victim] = p;
        kept.set(base + victim);
        inDegree[p]++;
        return true;
    }

    /** Squared L2, the geometry the graph is shaped by for every metric (cosine vectors are unit length). */
    private float distance(int a, int b) {
        return kernels.squaredL2(data, a * dims, data, b * dims, dims);
    }
}
