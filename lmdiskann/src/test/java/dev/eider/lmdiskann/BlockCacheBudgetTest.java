package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block cache stays within its byte budget and never changes answers. */
class BlockCacheBudgetTest {

    @TempDir
    Path dir;

    private static List<List<Neighbor>> answers(LmDiskannIndex index, float[][] queries) {
        List<List<Neighbor>> out = new ArrayList<>();
        for (float[] q : queries) {
            out.add(index.search(q, SearchParams.top(10)).neighbors());
        }
        return out;
    }

    @Test
    void aSmallCacheHoldsAtMostItsBudgetAndGivesTheSameAnswers() throws Exception {
        Dataset sift = Dataset.sift5k();
        float[][] queries = Arrays.copyOf(sift.queries(), 100);
        try (LmDiskannIndex built = LmDiskannIndex.build(dir, IndexConfig.defaults(128, Metric.L2),
                VectorSource.of(Arrays.copyOf(sift.base(), 2000)), BuildOptions.defaults(), new InMemoryJournal())) {
            assertThat(built.stats().liveCount()).isEqualTo(2000);
        }
        long budget = 200 << 10;
        List<List<Neighbor>> uncached;
        try (LmDiskannIndex index = LmDiskannIndex.open(dir, OpenOptions.defaults().withCacheBytes(0),
                new InMemoryJournal())) {
            uncached = answers(index, queries);
            assertThat(index.stats().cacheBytes()).isZero();
        }
        try (LmDiskannIndex index = LmDiskannIndex.open(dir, OpenOptions.defaults().withCacheBytes(budget),
                new InMemoryJournal())) {
            List<List<Neighbor>> cached = answers(index, queries);
            assertThat(cached).isEqualTo(uncached);
            IndexStats stats = index.stats();
            assertThat(stats.cacheBytes()).isPositive().isLessThanOrEqualTo(budget);
            assertThat(stats.cacheHits()).isPositive();
            assertThat(stats.cacheMisses()).isPositive();
            SearchStats one = index.search(queries[0], SearchParams.top(10)).stats();
            assertThat(one.blocksFromDisk() + one.blocksFromCache()).isEqualTo(one.nodesVisited());
        }
    }
}
