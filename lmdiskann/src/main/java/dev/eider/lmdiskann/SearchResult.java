package dev.eider.lmdiskann;

import java.util.List;

/** Results ordered by exact distance, nearest first, and the search's cost. */
public record SearchResult(List<Neighbor> neighbors, SearchStats stats) {
}
