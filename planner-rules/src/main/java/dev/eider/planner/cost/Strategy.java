package dev.eider.planner.cost;

/** How an {@code LmDiskannScan} answers its query. */
public enum Strategy {
  /** DuckDB computes every (filtered) row's distance and keeps the top k: the exact plan. */
  EXACT,
  /** Beam search over the whole graph (no sibling filter). */
  GRAPH,
  /** Dual-heap graph search restricted to the allowed-node bitmap the sibling filter gives. */
  FILTERED_GRAPH,
  /** Unfiltered graph search for more than k rows, then the sibling filter on those rows only. */
  POST_FILTER
}
