package dev.eider.bench;

import dev.eider.lmdiskann.NeighborCompression;
import java.nio.file.Path;
import java.util.List;

/** The knobs of one benchmark run, as parsed from the command line. */
public record BenchSettings(int k, List<Integer> searchLs, List<Integer> threads, CacheSize cache, int exactQueries,
                            int buildThreads, int warmupQueries, int repeats, double targetRecall, Path indexRoot,
                            boolean rebuild, EiderBuild eider) {

    /** Eider's build settings (its search list size is swept with the peers' beam widths). */
    public record EiderBuild(int maxDegree, int buildSearchL, NeighborCompression compression) {
    }

    public BenchSettings {
        searchLs = List.copyOf(searchLs);
        threads = List.copyOf(threads);
    }

    public int largestL() {
        return searchLs.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
