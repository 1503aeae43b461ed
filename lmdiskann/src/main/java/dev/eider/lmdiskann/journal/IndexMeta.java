package dev.eider.lmdiskann.journal;

/**
 * The index counters that change with each operation (a row of {@code <index>_meta} in the SQL adapter).
 *
 * @param nextNodeId    first node id never used (the number of slots)
 * @param entryPoint    node where every search starts; -1 when the index is empty
 * @param liveCount     vectors a search can return
 * @param freeList      slots of consolidated deletes, reused by inserts (last one first)
 * @param mergeSequence merges applied to the graph file
 * @param epoch         the last operation's epoch
 */
public record IndexMeta(int nextNodeId, int entryPoint, int liveCount, int[] freeList, long mergeSequence,
                        long epoch) {

    public IndexMeta {
        freeList = freeList.clone();
    }

    @Override
    public int[] freeList() {
        return freeList.clone();
    }
}
