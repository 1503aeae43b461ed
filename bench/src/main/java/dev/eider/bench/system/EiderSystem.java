package dev.eider.bench.system;

import dev.eider.bench.dataset.BenchMetric;
import dev.eider.bench.dataset.Dataset;
import dev.eider.lmdiskann.BuildOptions;
import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.LmDiskannIndex;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.Neighbor;
import dev.eider.lmdiskann.NeighborCompression;
import dev.eider.lmdiskann.OpenOptions;
import dev.eider.lmdiskann.SearchParams;
import dev.eider.lmdiskann.SearchResult;
import dev.eider.lmdiskann.SearchStats;
import dev.eider.lmdiskann.VectorSource;
import dev.eider.lmdiskann.disk.GraphHeader;
import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongUnaryOperator;

/**
 * Eider's LM-DiskANN index, built into its own folder and searched through its bounded block cache. The cache size
 * is derived from the graph file size, so the index is always reopened after a build with the cache being measured.
 */
public final class EiderSystem implements VectorSystem {
    private final int maxDegree;
    private final int buildSearchL;
    private final NeighborCompression compression;
    private final LongUnaryOperator cacheBytesForFile;
    private final LongAdder blocksTouched = new LongAdder();
    private final LongAdder blocksFromCache = new LongAdder();
    private final LongAdder blocksFromDisk = new LongAdder();
    private LmDiskannIndex index;
    private long cacheBytes;

    /**
     * @param cacheBytesForFile block-cache bytes to open the index with, given the graph file's size
     */
    public EiderSystem(int maxDegree, int buildSearchL, NeighborCompression compression,
                       LongUnaryOperator cacheBytesForFile) {
        this.maxDegree = maxDegree;
        this.buildSearchL = buildSearchL;
        this.compression = compression;
        this.cacheBytesForFile = cacheBytesForFile;
    }

    @Override
    public String name() {
        return "eider";
    }

    @Override
    public BuildReport prepare(Dataset dataset, Path indexDir, int buildThreads) throws IOException {
        IndexConfig config = IndexConfig.defaults(dataset.dimensions(), metricOf(dataset.metric()))
                .withMaxDegree(maxDegree)
                .withBuildSearchL(buildSearchL)
                .withCompression(compression);
        String fingerprint = BuildStamp.fingerprint(dataset,
                "eider format " + GraphHeader.FORMAT_VERSION + " " + config);
        Path graphFile = indexDir.resolve(LmDiskannIndex.GRAPH_FILE);
        Optional<BuildReport> previous = Files.isRegularFile(graphFile)
                ? BuildStamp.read(indexDir, fingerprint, Files.size(graphFile))
                : Optional.empty();
        BuildReport report;
        if (previous.isPresent()) {
            report = previous.get();
        } else {
            Files.createDirectories(indexDir);
            BuildStamp.invalidate(indexDir);
            BuildOptions options = BuildOptions.defaults().withThreads(buildThreads)
                    .withProgress(new BuildProgressLog("eider"));
            BuildReport.Timer timer = new BuildReport.Timer();
            try (LmDiskannIndex built = LmDiskannIndex.build(indexDir, config, VectorSource.of(dataset.base()), options,
                    new InMemoryJournal())) {
                report = timer.finish(dataset.size(), built.fileBytes());
            }
            BuildStamp.write(indexDir, fingerprint, report);
        }
        cacheBytes = cacheBytesForFile.applyAsLong(Files.size(graphFile));
        index = LmDiskannIndex.open(indexDir, OpenOptions.defaults().withCacheBytes(cacheBytes), new InMemoryJournal());
        return report;
    }

    private static Metric metricOf(BenchMetric metric) {
        return metric == BenchMetric.L2 ? Metric.L2 : Metric.COSINE;
    }

    @Override
    public Searcher newSearcher() {
        return (query, k, searchL) -> {
            SearchResult result = index.search(query, SearchParams.top(k).withSearchL(Math.max(k, searchL)));
            SearchStats stats = result.stats();
            blocksFromCache.add(stats.blocksFromCache());
            blocksFromDisk.add(stats.blocksFromDisk());
            blocksTouched.add((long) stats.blocksFromCache() + stats.blocksFromDisk() + stats.blocksFromJournal());
            List<Neighbor> neighbors = result.neighbors();
            int[] rows = new int[neighbors.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = Math.toIntExact(neighbors.get(i).rowKey());
            }
            return rows;
        };
    }

    @Override
    public IoCounters ioCounters() {
        return IoCounters.of(blocksTouched.sum(), blocksFromCache.sum(), blocksFromDisk.sum());
    }

    @Override
    public long cacheBytes() {
        return cacheBytes;
    }

    @Override
    public void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }
}
