package dev.eider.lmdiskann;

/**
 * What one search cost.
 *
 * @param nodesVisited          blocks whose node was expanded or scored exactly
 * @param blocksFromDisk        blocks read from the graph file (cache misses)
 * @param blocksFromCache       blocks served by the block cache
 * @param blocksFromJournal     blocks served by the in-memory journal view
 * @param distanceComputations  exact plus approximate distance evaluations
 * @param strategy              what the search did
 */
public record SearchStats(int nodesVisited, int blocksFromDisk, int blocksFromCache, int blocksFromJournal,
                          long distanceComputations, SearchStrategy strategy) {
}
