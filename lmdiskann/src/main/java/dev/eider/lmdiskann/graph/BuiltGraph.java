package dev.eider.lmdiskann.graph;

/**
 * An in-memory graph ready to be written: node {@code i}'s neighbors are
 * {@code adjacency[i * stride .. + degrees[i]]}.
 */
public record BuiltGraph(int[] adjacency, int[] degrees, int stride, int medoid) {

    public int degree(int node) {
        return degrees[node];
    }

    public int neighbor(int node, int i) {
        return adjacency[node * stride + i];
    }
}
