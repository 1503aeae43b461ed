package dev.eider.bench.system;

/** Cumulative block reads and cache lookups of a disk-resident index. */
public record IoCounters(long blocksRead, long cacheHits, long cacheMisses, boolean available) {
    public static final IoCounters NONE = new IoCounters(0, 0, 0, false);

    public static IoCounters of(long blocksRead, long cacheHits, long cacheMisses) {
        return new IoCounters(blocksRead, cacheHits, cacheMisses, true);
    }

    /** The counts between {@code earlier} and this snapshot. */
    public IoCounters since(IoCounters earlier) {
        if (!available) {
            return NONE;
        }
        return of(blocksRead - earlier.blocksRead, cacheHits - earlier.cacheHits, cacheMisses - earlier.cacheMisses);
    }

    /** Hits over lookups, NaN when nothing was looked up or the counters are not available. */
    public double hitRatio() {
        long lookups = cacheHits + cacheMisses;
        return available && lookups > 0 ? (double) cacheHits / lookups : Double.NaN;
    }
}
