package dev.eider.lmdiskann;

/**
 * A snapshot of an open index.
 *
 * @param config          its configuration
 * @param liveCount       vectors a search can return
 * @param nodeSlots       node ids in use or free (the next new id when the free list is empty)
 * @param freeSlots       slots waiting for reuse
 * @param pendingDeletes  tombstoned nodes not yet consolidated by a merge
 * @param journalBlocks   blocks changed since the last merge (held in memory)
 * @param fileBytes       graph file size
 * @param blockBytes      size of one node block
 * @param cacheBytes      bytes currently held by the block cache
 * @param cacheHits       block-cache hits since open
 * @param cacheMisses     block-cache misses (disk reads) since open
 * @param mergeSequence   merges applied to the file
 */
public record IndexStats(IndexConfig config, int liveCount, int nodeSlots, int freeSlots, int pendingDeletes,
                         int journalBlocks, long fileBytes, int blockBytes, long cacheBytes, long cacheHits,
                         long cacheMisses, long mergeSequence) {
}
