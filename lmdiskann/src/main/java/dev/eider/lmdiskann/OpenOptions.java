package dev.eider.lmdiskann;

/**
 * How to open an index.
 *
 * @param cacheBytes byte budget of the block cache (blocks read from the graph file)
 * @param rowKeys    row key to node id mapping; {@code null} means an in-memory map rebuilt from the blocks at open
 */
public record OpenOptions(long cacheBytes, RowKeyMap rowKeys) {

    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    public OpenOptions {
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cache bytes must not be negative, got " + cacheBytes);
        }
    }

    public static OpenOptions defaults() {
        return new OpenOptions(DEFAULT_CACHE_BYTES, null);
    }

    public OpenOptions withCacheBytes(long bytes) {
        return new OpenOptions(bytes, rowKeys);
    }

    public OpenOptions withRowKeys(RowKeyMap map) {
        return new OpenOptions(cacheBytes, map);
    }
}
