package dev.eider.bench.system;

import dev.eider.bench.dataset.Dataset;
import dev.eider.bench.dataset.ExactSearch;
import java.nio.file.Path;

/** Brute-force baseline over the in-memory base vectors (Lucene's SIMD distance kernels); no index to build. */
public final class ExactSystem implements VectorSystem {
    private ExactSearch exact;

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public BuildReport prepare(Dataset dataset, Path indexDir, int buildThreads) {
        exact = new ExactSearch(dataset.base(), dataset.metric());
        return BuildReport.NONE;
    }

    @Override
    public Searcher newSearcher() {
        return (query, k, searchL) -> exact.topK(query, k);
    }

    @Override
    public boolean tunable() {
        return false;
    }

    @Override
    public void close() {
    }
}
