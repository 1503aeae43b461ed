package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches reuse per-thread scratch: a search's allocation (query copy, result list) must not grow with the
 * number of hops. Measured with the JVM's per-thread allocation counter, comparing beam widths 50 and 400.
 */
class SearchAllocationTest {

    private static final int QUERIES = 300;

    @TempDir
    Path dir;

    /**
     * The fewest bytes per query over several rounds: a round that ran while the JIT was still compiling
     * (interpreted Vector API code allocates) says nothing about the search's own allocation, which every
     * round would show.
     */
    private static long bytesPerQuery(LmDiskannIndex index, float[][] queries, int searchL) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            for (float[] q : queries) {
                index.search(q, SearchParams.top(10).withSearchL(searchL));
            }
            long after = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            fewest = Math.min(fewest, (after - before) / queries.length);
        }
        return fewest;
    }

    @Test
    void hopsAllocateNothingWithOrWithoutACache() throws Exception {
        Dataset sift = Dataset.sift5k();
        float[][] queries = Arrays.copyOf(sift.queries(), QUERIES);
        try (LmDiskannIndex index = LmDiskannIndex.build(dir.resolve("nocache"), IndexConfig.defaults(128, Metric.L2),
                VectorSource.of(Arrays.copyOf(sift.base(), 1000)), BuildOptions.defaults().withCacheBytes(0),
                new InMemoryJournal())) {
            long narrow = bytesPerQuery(index, queries, 50);
            long wide = bytesPerQuery(index, queries, 400);
            assertThat(wide - narrow).as("extra bytes per query for 350 more hops").isLessThan(200);
        }
        try (LmDiskannIndex index = LmDiskannIndex.build(dir.resolve("cache"), IndexConfig.defaults(128, Metric.L2),
                VectorSource.of(Arrays.copyOf(sift.base(), 1000)), BuildOptions.defaults(), new InMemoryJournal())) {
            long narrow = bytesPerQuery(index, queries, 50);
            long wide = bytesPerQuery(index, queries, 400);
            assertThat(wide - narrow).as("extra bytes per query for 350 more hops through the cache").isLessThan(200);
        }
    }
}
