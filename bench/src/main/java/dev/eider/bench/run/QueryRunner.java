package dev.eider.bench.run;

import dev.eider.bench.dataset.Dataset;
import dev.eider.bench.system.IoCounters;
import dev.eider.bench.system.VectorSystem;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the first {@code queries} queries against a prepared system on a number of threads, each with its own
 * searcher, and measures recall, throughput (queries over wall time) and per-query latency.
 */
public final class QueryRunner {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final Dataset dataset;
    private final int k;

    public QueryRunner(Dataset dataset, int k) {
        if (k > dataset.groundTruthDepth()) {
            throw new IllegalArgumentException("k = " + k + " but the ground truth of " + dataset.name() + " has only "
                    + dataset.groundTruthDepth() + " neighbours per query");
        }
        this.dataset = dataset;
        this.k = k;
    }

    public Measurement run(VectorSystem system, int searchL, int threads, int queries) throws IOException {
        int count = Math.min(queries, dataset.queries().length);
        int[][] results = new int[count][];
        long[] nanos = new long[count];
        IoCounters before = system.ioCounters();
        LongAdder cpuNanos = new LongAdder();
        long wallNanos = runThreads(system, searchL, threads, count, results, nanos, cpuNanos);
        IoCounters io = system.ioCounters().since(before);
        Latencies latencies = new Latencies(nanos);
        double blocksPerQuery = io.available() ? (double) io.blocksRead() / count : Double.NaN;
        double diskReadsPerQuery = io.available() ? (double) io.cacheMisses() / count : Double.NaN;
        return new Measurement(system.name(), system.tunable() ? searchL : 0, threads, count,
                Recall.mean(results, dataset.groundTruth(), k), count / (wallNanos / 1e9),
                latencies.percentileMillis(50), latencies.percentileMillis(99), cpuNanos.sum() / 1e6 / count,
                blocksPerQuery, diskReadsPerQuery, io.hitRatio());
    }

    private long runThreads(VectorSystem system, int searchL, int threads, int count, int[][] results, long[] nanos,
                            LongAdder cpuNanos) throws IOException {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    VectorSystem.Searcher opened;
                    try {
                        opened = system.newSearcher();
                    } finally {
                        ready.countDown();
                    }
                    try (VectorSystem.Searcher searcher = opened) {
                        start.await();
                        long cpuBegin = CPU.getCurrentThreadCpuTime();
                        for (int q = next.getAndIncrement(); q < count; q = next.getAndIncrement()) {
                            long begin = System.nanoTime();
                            results[q] = searcher.search(dataset.queries()[q], k, searchL);
                            nanos[q] = System.nanoTime() - begin;
                        }
                        cpuNanos.add(CPU.getCurrentThreadCpuTime() - cpuBegin);
                    }
                    return null;
                }));
            }
            ready.await();
            long begin = System.nanoTime();
            start.countDown();
            for (Future<Void> worker : workers) {
                worker.get();
            }
            return System.nanoTime() - begin;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while measuring " + system.name(), e);
        } catch (ExecutionException e) {
            throw new IOException(system.name() + " failed during search: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
