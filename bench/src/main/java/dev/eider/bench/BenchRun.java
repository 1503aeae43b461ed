package dev.eider.bench;

import dev.eider.bench.dataset.Dataset;
import dev.eider.bench.report.BenchReport;
import dev.eider.bench.report.ResultRow;
import dev.eider.bench.report.SystemSummary;
import dev.eider.bench.run.Measurement;
import dev.eider.bench.run.MemoryProbe;
import dev.eider.bench.run.QueryRunner;
import dev.eider.bench.system.BuildReport;
import dev.eider.bench.system.VectorSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the systems one after another on the same dataset and queries: prepare (build or reopen), warm up, then
 * one pass per thread count and L, with each system's memory peaks taken over its own prepare and search.
 */
final class BenchRun {
    private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);

    private final Dataset dataset;
    private final BenchSettings settings;
    private final List<VectorSystem> systems;
    private final MemoryProbe memory = new MemoryProbe();

    BenchRun(Dataset dataset, BenchSettings settings, List<VectorSystem> systems) {
        this.dataset = dataset;
        this.settings = settings;
        this.systems = systems;
    }

    BenchReport execute() throws Exception {
        QueryRunner runner = new QueryRunner(dataset, settings.k());
        List<SystemSummary> summaries = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        for (VectorSystem system : systems) {
            long heapBefore = memory.liveHeapBytes();
            memory.resetPeaks();
            try (system) {
                BuildReport build = prepare(system);
                List<Measurement> measurements = measure(system, runner);
                long peakHeap = memory.peakHeapBytes();
                long retainedHeap = memory.liveHeapBytes() - heapBefore;
                SystemSummary summary = new SystemSummary(system.name(), build, peakHeap, retainedHeap,
                        memory.peakRssBytes(), system.cacheBytes());
                summaries.add(summary);
                measurements.forEach(m -> rows.add(new ResultRow(dataset.name(), m, summary)));
            }
        }
        return new BenchReport(dataset.name(), dataset.metric().name().toLowerCase(Locale.ROOT), settings.k(),
                settings.targetRecall(), describe(), summaries, rows, notes());
    }

    private BuildReport prepare(VectorSystem system) throws IOException {
        Path indexDir = settings.indexRoot().resolve(system.name());
        if (settings.rebuild()) {
            Cleaner.deleteTree(indexDir);
        }
        LOG.info("{}: preparing index in {}", system.name(), indexDir);
        BuildReport build = system.prepare(dataset, indexDir, settings.buildThreads());
        LOG.info("{}: {} in {} s ({} vectors/s), {} bytes", system.name(), build.reused() ? "reopened, built" : "built",
                String.format(Locale.ROOT, "%.1f", build.buildSeconds()),
                String.format(Locale.ROOT, "%.0f", build.vectorsPerSecond()), build.indexBytes());
        return build;
    }

    private List<Measurement> measure(VectorSystem system, QueryRunner runner) throws IOException {
        int queries = system.tunable() ? dataset.queries().length : Math.min(settings.exactQueries(), dataset.queries().length);
        int maxThreads = settings.threads().stream().mapToInt(Integer::intValue).max().orElseThrow();
        runner.run(system, settings.largestL(), maxThreads, Math.min(settings.warmupQueries(), queries));
        List<Integer> searchLs = system.tunable() ? settings.searchLs() : List.of(settings.largestL());
        List<Measurement> measurements = new ArrayList<>();
        for (int threads : settings.threads()) {
            for (int searchL : searchLs) {
                Measurement m = runner.run(system, searchL, threads, queries);
                for (int repeat = 1; repeat < settings.repeats(); repeat++) {
                    Measurement again = runner.run(system, searchL, threads, queries);
                    m = again.qps() > m.qps() ? again : m;
                }
                LOG.info(String.format(Locale.ROOT, "%s L=%d threads=%d recall=%.4f qps=%.0f p50=%.3fms p99=%.3fms",
                        m.system(), m.searchL(), m.threads(), m.recall(), m.qps(), m.p50Millis(), m.p99Millis()));
                measurements.add(m);
            }
        }
        return measurements;
    }

    private String describe() {
        return String.format(Locale.ROOT,
                "%d base vectors x %d dims, %d queries (exact baseline: %d), k=%d, L=%s, query threads=%s,"
                        + " build threads=%d, Eider block cache %s, best QPS of %d pass(es), %d cores, Java %s",
                dataset.size(), dataset.dimensions(), dataset.queries().length,
                Math.min(settings.exactQueries(), dataset.queries().length), settings.k(), settings.searchLs(),
                settings.threads(), settings.buildThreads(), settings.cache(), settings.repeats(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (dataset.groundTruthComputed()) {
            notes.add("ground truth recomputed by brute force for this base subset");
        }
        if (!memory.rssPeakResettable()) {
            notes.add("peak RSS is the process-wide peak (the kernel refused to reset it between systems)");
        }
        notes.add("peak heap and RSS include the dataset held by the harness and garbage not yet collected; retained heap"
                + " is what the open index adds after a full GC. JVector and Lucene read their index files"
                + " memory-mapped through the OS page cache; Eider copies each block (CRC-checked) from its"
                + " memory-mapped file unless its bounded block cache holds it");
        notes.add("CPU ms/query and build CPU s are thread/process CPU time: other helpers share these 2 cores, so"
                + " wall-clock QPS and build seconds are noisy, CPU-time ratios much less so");
        if (systems.stream().anyMatch(s -> s.name().equals("eider"))) {
            notes.add(String.format(Locale.ROOT, "Eider: max degree %d, build L %d, %s neighbour codes;"
                            + " blocks/query counts every block a search touched, disk reads/query the cache misses",
                    settings.eider().maxDegree(), settings.eider().buildSearchL(),
                    settings.eider().compression().name().toLowerCase(Locale.ROOT)));
        }
        if (systems.stream().anyMatch(s -> s.name().equals("jvector"))) {
            notes.add("JVector: GraphIndexBuilder M=32, beam 100, alpha 1.2, overflow 1.2 (hierarchy: JVector's default);"
                    + " on-disk graph with inline vectors, exact scoring, beam width = L");
        }
        if (systems.stream().anyMatch(s -> s.name().equals("lucene"))) {
            notes.add("Lucene: HNSW M=16, beam 100, one merged segment; KnnFloatVectorQuery asks for max(k, L) hits,"
                    + " the top k are kept");
        }
        return notes;
    }
}
