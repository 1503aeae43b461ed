package dev.eider.lmdiskann;

/** What a search actually did. */
public enum SearchStrategy {
    /** Beam search over the graph. */
    GRAPH,
    /** Dual-heap graph search restricted to an allowed set. */
    FILTERED_GRAPH,
    /** Dual-heap graph search, then exact completion over the allowed set because it found fewer than k. */
    FILTERED_GRAPH_THEN_EXACT,
    /** Exact scan of the allowed set (small sets). */
    EXACT
}
