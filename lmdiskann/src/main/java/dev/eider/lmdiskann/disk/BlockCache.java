package dev.eider.lmdiskann.disk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * Blocks read from the graph file, bounded by bytes, in two tiers. Three quarters of the budget pin the blocks
 * nearest the entry point (every search passes through them; filled breadth-first at open by the caller), held
 * in an array by node id: a lookup there is one array read, where a Caffeine lookup (hash map, read buffer,
 * policy) cost more than copying the block from the mapped file. The last quarter is Caffeine's W-TinyLFU for
 * the rest, behind a doorkeeper: a block is offered to it only on its second miss within an aging period, so a
 * search does not allocate a block copy for every node it meets once (most of them), which Caffeine would soon
 * evict anyway.
 */
public final class BlockCache {

    /** Approximate heap cost of an entry besides its block bytes (key, node, array header). */
    private static final int ENTRY_OVERHEAD = 64;
    /** Doorkeeper bits per byte of budget: one per 512 bytes, several per block the cache can hold. */
    private static final int BUDGET_BYTES_PER_DOORKEEPER_BIT = 512;
    private static final int MIN_DOORKEEPER_BITS = 1 << 12;
    private static final int MAX_DOORKEEPER_BITS = 1 << 24;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Heap cost charged per node slot for the pinned tier's array (a reference, counted uncompressed). */
    private static final int SLOT_BYTES = 8;

    private final Cache<Integer, byte[]> cache;
    private final long budgetBytes;
    /** Bytes reserved for the pinned tier: three quarters of the budget. */
    private final long pinBudgetBytes;
    private volatile byte[][] pinned = new byte[0][];
    private long pinnedBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final long[] doorkeeper;
    private final int doorkeeperMask;
    private final LongAdder doorkeeperMarks = new LongAdder();

    public BlockCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
        this.pinBudgetBytes = budgetBytes / 4 * 3;
        long wanted = Math.clamp(budgetBytes / BUDGET_BYTES_PER_DOORKEEPER_BIT, MIN_DOORKEEPER_BITS,
                MAX_DOORKEEPER_BITS);
        int bits = Integer.highestOneBit((int) wanted);
        this.doorkeeper = new long[bits / Long.SIZE];
        this.doorkeeperMask = bits - 1;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(budgetBytes - pinBudgetBytes)
                .weigher((Integer id, byte[] block) -> block.length + ENTRY_OVERHEAD)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Prepares the pinned tier for node ids below {@code nodeSlots}, dropping what it held; returns the bytes of
     * blocks it can take (0 when the budget cannot even hold its array).
     */
    public synchronized long startPinning(int nodeSlots) {
        long arrayBytes = (long) nodeSlots * SLOT_BYTES;
        if (!enabled() || arrayBytes >= pinBudgetBytes) {
            pinned = new byte[0][];
            pinnedBytes = 0;
            return 0;
        }
        pinned = new byte[nodeSlots][];
        pinnedBytes = arrayBytes;
        return pinBudgetBytes - arrayBytes;
    }

    /** Pins a block read from the file (checked) if the pinned tier has room; false when it is full. */
    public synchronized boolean pin(int nodeId, byte[] block) {
        byte[][] tier = pinned;
        if (nodeId < 0 || nodeId >= tier.length || pinnedBytes + block.length > pinBudgetBytes) {
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
        byte[][] tier = pinned;
        if (nodeId >= 0 && nodeId < tier.length) {
            tier[nodeId] = null;
        }
        cache.invalidate(nodeId);
    }

    public synchronized void invalidateAll() {
        pinned = new byte[0][];
        pinnedBytes = 0;
        cache.invalidateAll();
    }

    /** Heap held: pinned blocks and their array, plus Caffeine's weighed entries. */
    public long weightedBytes() {
        long pinnedNow;
        synchronized (this) {
            pinnedNow = pinnedBytes;
        }
        return pinnedNow + cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
