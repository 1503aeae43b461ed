package dev.eider.lmdiskann;

/** One result: the caller's row key, the node holding it and its exact distance to the query. */
public record Neighbor(long rowKey, int nodeId, float distance) {
}
