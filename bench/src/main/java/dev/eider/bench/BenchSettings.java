package dev.eider.bench;

import java.nio.file.Path;
import java.util.List;

/** The knobs of one benchmark run, as parsed from the command line. */
public record BenchSettings(int k, List<Integer> searchLs, List<Integer> threads, CacheSize cache, int exactQueries,
                            int buildThreads, int warmupQueries, double targetRecall, Path indexRoot, boolean rebuild) {
    public BenchSettings {
        searchLs = List.copyOf(searchLs);
        threads = List.copyOf(threads);
    }

    public int largestL() {
        return searchLs.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
