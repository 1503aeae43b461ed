package dev.eider.lmdiskann.disk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.LongAdder;

/** Blocks read from the graph file, bounded by bytes (Caffeine's W-TinyLFU). */
public final class BlockCache {

    /** Approximate heap cost of an entry besides its block bytes (key, node, array header). */
    private static final int ENTRY_OVERHEAD = 64;

    private final Cache<Integer, byte[]> cache;
    private final long budgetBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public BlockCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
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
