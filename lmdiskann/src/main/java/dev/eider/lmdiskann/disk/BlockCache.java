package dev.eider.lmdiskann.disk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * Blocks read from the graph file, bounded by bytes (Caffeine's W-TinyLFU), behind a doorkeeper: a block is
 * offered to the cache only on its second miss within an aging period, so a search does not allocate a block
 * copy for every node it meets once (most of them), which Caffeine would soon evict anyway.
 */
public final class BlockCache {

    /** Approximate heap cost of an entry besides its block bytes (key, node, array header). */
    private static final int ENTRY_OVERHEAD = 64;
    /** Doorkeeper bits per byte of budget: one per 512 bytes, several per block the cache can hold. */
    private static final int BUDGET_BYTES_PER_DOORKEEPER_BIT = 512;
    private static final int MIN_DOORKEEPER_BITS = 1 << 12;
    private static final int MAX_DOORKEEPER_BITS = 1 << 24;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final Cache<Integer, byte[]> cache;
    private final long budgetBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final long[] doorkeeper;
    private final int doorkeeperMask;
    private final LongAdder doorkeeperMarks = new LongAdder();

    public BlockCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
        long wanted = Math.clamp(budgetBytes / BUDGET_BYTES_PER_DOORKEEPER_BIT, MIN_DOORKEEPER_BITS,
                MAX_DOORKEEPER_BITS);
        int bits = Integer.highestOneBit((int) wanted);
        this.doorkeeper = new long[bits / Long.SIZE];
        this.doorkeeperMask = bits - 1;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(budgetBytes)
                .weigher((Integer id, byte[] block) -> block.length + ENTRY_OVERHEAD)
                .executor(Runnable::run)
                .build();
    }

    /** The cached block, or null (counted as a miss). */
    public byte[] get(int nodeId) {
        byte[] block = cache.getIfPresent(nodeId);
        if (block == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return block;
    }

    /**
     * Whether a block that just missed should be copied into the cache: true when it missed before since the
     * doorkeeper was last cleared. The doorkeeper is cleared once a quarter of its bits were set, so it remembers
     * recent misses only; its races are benign (a lost mark costs one more miss).
     */
    public boolean admit(int nodeId) {
        int bit = (nodeId * 0x9E3779B9) >>> 7 & doorkeeperMask;
        long mask = 1L << bit;
        long old = (long) WORDS.getAndBitwiseOr(doorkeeper, bit >>> 6, mask);
        if ((old & mask) != 0) {
            return true;
        }
        doorkeeperMarks.increment();
        if (doorkeeperMarks.sum() * 4 > doorkeeper.length * (long) Long.SIZE) {
            doorkeeperMarks.reset();
            for (int i = 0; i < doorkeeper.length; i++) {
                WORDS.setOpaque(doorkeeper, i, 0L);
            }
        }
        return false;
    }

    public void put(int nodeId, byte[] block) {
        if (enabled()) {
            cache.put(nodeId, block);
        }
    }

    /** False when the budget is zero: every read goes to the file. */
    public boolean enabled() {
        return budgetBytes > 0;
    }

    public void invalidate(int nodeId) {
        cache.invalidate(nodeId);
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    public long weightedBytes() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
