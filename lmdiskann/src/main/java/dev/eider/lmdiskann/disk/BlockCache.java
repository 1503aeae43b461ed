package dev.eider.lmdiskann.disk;

import java.util.concurrent.atomic.LongAdder;

/**
 * Blocks read from the graph file, bounded by bytes: the blocks nearest the entry point (every search passes
 * through them; filled breadth-first at open by the caller), pinned in an array by node id, so a lookup is one
 * array read. There is no second, admitting tier: blocks are copied from a memory mapping of the file, and a
 * miss (a copy into the searcher's reused buffer and its CRC) costs less than a Caffeine tier's lookup, admission
 * copies and evictions did; with one, fashion-mnist searches took 15 to 25 % more CPU per query for a few more
 * hits. A merge refreshes the pinned blocks it rewrites, so the hot set survives updates.
 */
public final class BlockCache {

    /** Heap cost charged per node slot for the array (a reference, counted uncompressed). */
    private static final int SLOT_BYTES = 8;

    private final long budgetBytes;
    private volatile byte[][] pinned = new byte[0][];
    private long pinnedBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public BlockCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * Prepares the pinned tier for node ids below {@code nodeSlots}, dropping what it held; returns the bytes of
     * blocks it can take (0 when the budget cannot even hold its array).
     */
    public synchronized long startPinning(int nodeSlots) {
        long arrayBytes = (long) nodeSlots * SLOT_BYTES;
        if (!enabled() || arrayBytes >= budgetBytes) {
            pinned = new byte[0][];
            pinnedBytes = 0;
            return 0;
        }
        pinned = new byte[nodeSlots][];
        pinnedBytes = arrayBytes;
        return budgetBytes - arrayBytes;
    }

    /** Pins a block read from the file (checked) if the pinned tier has room; false when it is full. */
    public synchronized boolean pin(int nodeId, byte[] block) {
        byte[][] tier = pinned;
        if (nodeId < 0 || nodeId >= tier.length || pinnedBytes + block.length > budgetBytes) {
            return false;
        }
        if (tier[nodeId] == null) {
            pinnedBytes += block.length;
        }
        tier[nodeId] = block;
        return true;
    }

    /** The cached block, or null (counted as a miss). */
    public byte[] get(int nodeId) {
        byte[][] tier = pinned;
        if (nodeId < tier.length) {
            byte[] hot = tier[nodeId];
            if (hot != null) {
                hits.increment();
                return hot;
            }
        }
        misses.increment();
        return null;
    }

    /**
     * After a merge wrote {@code block} (sealed by the writer) for {@code nodeId}: replaces a pinned copy, so the
     * node stays cached; nodes that were not pinned stay uncached. A null block (the merge cut the slot off the
     * file) drops the copy.
     */
    public synchronized void refresh(int nodeId, byte[] block) {
        byte[][] tier = pinned;
        if (nodeId >= 0 && nodeId < tier.length && tier[nodeId] != null) {
            if (block == null) {
                pinnedBytes -= tier[nodeId].length;
            }
            tier[nodeId] = block;
        }
    }

    /** False when the budget is zero: every read goes to the file. */
    public boolean enabled() {
        return budgetBytes > 0;
    }

    public synchronized void invalidateAll() {
        pinned = new byte[0][];
        pinnedBytes = 0;
    }

    /** Heap held: the pinned blocks and their array. */
    public synchronized long weightedBytes() {
        return pinnedBytes;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
