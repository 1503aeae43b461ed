package dev.eider.lmdiskann;

/**
 * How to build.
 *
 * @param threads            worker threads for the in-memory build (default: all cores)
 * @param memoryBudgetBytes  the in-memory build is used when vectors and adjacency fit this budget; otherwise the
 *                           index is built by insertion through the block cache (bounded memory, slower)
 * @param cacheBytes         block-cache budget of the returned open index
 * @param seed               seed of the random start graph and visiting order (builds are repeatable per seed
 *                           with one thread)
 * @param progress           progress callback
 */
public record BuildOptions(int threads, long memoryBudgetBytes, long cacheBytes, long seed, BuildProgress progress) {

    public static final long DEFAULT_MEMORY_BUDGET = 1L << 30;

    public BuildOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("memory budget must not be negative, got " + memoryBudgetBytes);
        }
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cache bytes must not be negative, got " + cacheBytes);
        }
        if (progress == null) {
            progress = BuildProgress.NONE;
        }
    }

    public static BuildOptions defaults() {
        return new BuildOptions(Runtime.getRuntime().availableProcessors(), DEFAULT_MEMORY_BUDGET,
                OpenOptions.DEFAULT_CACHE_BYTES, 42L, BuildProgress.NONE);
    }

    public BuildOptions withThreads(int t) {
        return new BuildOptions(t, memoryBudgetBytes, cacheBytes, seed, progress);
    }

    public BuildOptions withMemoryBudget(long bytes) {
        return new BuildOptions(threads, bytes, cacheBytes, seed, progress);
    }

    public BuildOptions withCacheBytes(long bytes) {
        return new BuildOptions(threads, memoryBudgetBytes, bytes, seed, progress);
    }

    public BuildOptions withSeed(long s) {
        return new BuildOptions(threads, memoryBudgetBytes, cacheBytes, s, progress);
    }

    public BuildOptions withProgress(BuildProgress p) {
        return new BuildOptions(threads, memoryBudgetBytes, cacheBytes, seed, p);
    }
}
