package dev.eider.lmdiskann;

/**
 * What a merge (VACUUM) did.
 *
 * @param blocksWritten     journal blocks written into the graph file
 * @param nodesPatched      live nodes whose edges to deleted nodes were replaced (consolidation)
 * @param slotsFreed        deleted nodes whose slots went to the free list
 * @param slotsTruncated    free slots cut from the end of the file
 * @param mergeSequence     the merge sequence now in the file header
 * @param fileBytes         graph file size after the merge
 */
public record MergeResult(int blocksWritten, int nodesPatched, int slotsFreed, int slotsTruncated,
                          long mergeSequence, long fileBytes) {
}
