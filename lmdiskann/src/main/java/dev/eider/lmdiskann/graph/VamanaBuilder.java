package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.BuildProgress;
import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.vector.VectorMetric;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vamana in memory: random R-regular start, one pass with alpha 1 and one with the configured alpha, each node
 * searched from the medoid, RobustPruned, and linked back from its new neighbors (re-pruning those that
 * overflow). Passes run on all given threads; neighbor lists are guarded by striped locks.
 */
public final class VamanaBuilder {

    private static final int LOCK_STRIPES = 4096;
    private static final int PROGRESS_EVERY = 1024;

    private final IndexConfig config;
    private final VectorMetric metric;
    private final float[] data;
    private final int n;
    private final int dims;
    private final int maxDegree;
    private final int threads;
    private final long seed;
    private final BuildProgress progress;
    private final int[] adjacency;
    private final int[] degrees;
    private final Object[] locks = new Object[LOCK_STRIPES];

    /** {@code data} holds {@code n} vectors in stored form, {@code dims} floats each. */
    public VamanaBuilder(IndexConfig config, VectorMetric metric, float[] data, int n, int threads, long seed,
                         BuildProgress progress) {
        this.config = config;
        this.metric = metric;
        this.data = data;
        this.n = n;
        this.dims = config.dimensions();
        this.maxDegree = config.maxDegree();
        this.threads = threads;
        this.seed = seed;
        this.progress = progress;
        this.adjacency = new int[Math.multiplyExact(n, maxDegree)];
        this.degrees = new int[n];
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Bytes the in-memory build needs besides the vectors themselves. */
    public static long workingBytes(long n, IndexConfig config) {
        return n * config.maxDegree() * 4L + n * 8L;
    }

    public BuiltGraph build(float[] center) throws InterruptedException {
        if (n == 0) {
            return new BuiltGraph(adjacency, degrees, maxDegree, -1);
        }
        randomStart();
        int medoid = medoid(center);
        runPass("pass 1 (alpha 1)", 1.0f, medoid, seed + 1);
        runPass("pass 2 (alpha " + config.alpha() + ")", config.alpha(), medoid, seed + 2);
        return new BuiltGraph(adjacency, degrees, maxDegree, medoid);
    }

    private void randomStart() {
        SplittableRandom random = new SplittableRandom(seed);
        int degree = Math.min(maxDegree, n - 1);
        IntHashSet chosen = new IntHashSet(degree * 2);
        for (int p = 0; p < n; p++) {
            chosen.clear();
            int base = p * maxDegree;
            int count = 0;
            while (count < degree) {
                int q = random.nextInt(n);
                if (q != p && chosen.add(q)) {
                    adjacency[base + count++] = q;
                }
            }
            degrees[p] = count;
        }
    }

    /** The node nearest to the center (in L2, which is what "central" means for every metric). */
    private int medoid(float[] center) {
        int best = 0;
        float bestDistance = Float.POSITIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            float d = metric.kernels().squaredL2(data, p * dims, center, 0, dims);
            if (d < bestDistance) {
                bestDistance = d;
                best = p;
            }
        }
        return best;
    }

    private void runPass(String phase, float alpha, int medoid, long passSeed) throws InterruptedException {
        int[] order = permutation(passSeed);
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        progress.update(phase, 0, n);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lmdiskann-build");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?>[] workers = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = pool.submit(() -> {
                    Worker worker = new Worker();
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        worker.insert(order[i], alpha, medoid);
                        long d = done.incrementAndGet();
                        if (d % PROGRESS_EVERY == 0) {
                            progress.update(phase, d, n);
                        }
                    }
                });
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("graph build failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        progress.update(phase, n, n);
    }

    private int[] permutation(long s) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(s);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private Object lockOf(int node) {
        return locks[node & (LOCK_STRIPES - 1)];
    }

    /** One build thread's scratch: search pool, visited set, prune buffers. */
    private final class Worker {
        private final CandidatePool pool = new CandidatePool(config.buildSearchL());
        private final IntHashSet seen = new IntHashSet(config.buildSearchL() * maxDegree);
        private final IntHashSet candidateSet = new IntHashSet(config.buildSearchL() * 2);
        private final RobustPrune prune = new RobustPrune(metric.kernels(), metric.metric(), dims);
        private final int[] neighbors = new int[maxDegree];
        private final int[] pruned = new int[maxDegree];
        private int[] candidates = new int[config.buildSearchL() + maxDegree + 1];
        private float[] candidateVectors = new float[candidates.length * dims];
        private int candidateCount;

        void insert(int p, float alpha, int medoid) {
            candidateCount = 0;
            candidateSet.clear();
            search(p, medoid);
            int degree = copyNeighbors(p, neighbors);
            for (int i = 0; i < degree; i++) {
                addCandidate(neighbors[i], p);
            }
            int kept = prune.prune(data, p * dims, candidateCount, candidates, candidateVectors, alpha, maxDegree,
                    pruned);
            synchronized (lockOf(p)) {
                System.arraycopy(pruned, 0, adjacency, p * maxDegree, kept);
                degrees[p] = kept;
            }
            int[] chosen = pruned.clone();
            for (int i = 0; i < kept; i++) {
                linkBack(chosen[i], p, alpha);
            }
        }

        /** Greedy beam search for node p's vector; every expanded node becomes a prune candidate. */
        private void search(int p, int medoid) {
            pool.reset(config.buildSearchL());
            seen.clear();
            seen.add(medoid);
            pool.insert(medoid, metric.distance(data, p * dims, data, medoid * dims, dims));
            int i;
            while ((i = pool.pollClosestUnexpanded()) >= 0) {
                int node = pool.id(i);
                addCandidate(node, p);
                int degree = copyNeighbors(node, neighbors);
                for (int j = 0; j < degree; j++) {
                    int q = neighbors[j];
                    if (seen.add(q)) {
                        float d = metric.distance(data, p * dims, data, q * dims, dims);
                        if (pool.accepts(d)) {
                            pool.insert(q, d);
                        }
                    }
                }
            }
        }

        private void addCandidate(int node, int p) {
            if (node == p || !candidateSet.add(node)) {
                return;
            }
            if (candidateCount == candidates.length) {
                candidates = java.util.Arrays.copyOf(candidates, candidateCount * 2);
                candidateVectors = java.util.Arrays.copyOf(candidateVectors, candidates.length * dims);
            }
            System.arraycopy(data, node * dims, candidateVectors, candidateCount * dims, dims);
            candidates[candidateCount++] = node;
        }

        private int copyNeighbors(int node, int[] into) {
            synchronized (lockOf(node)) {
                int degree = degrees[node];
                System.arraycopy(adjacency, node * maxDegree, into, 0, degree);
                return degree;
            }
        }

        /** Adds p to q's list; a full list is re-pruned over its members plus p. */
        private void linkBack(int q, int p, float alpha) {
            synchronized (lockOf(q)) {
                int base = q * maxDegree;
                int degree = degrees[q];
                for (int i = 0; i < degree; i++) {
                    if (adjacency[base + i] == p) {
                        return;
                    }
                }
                if (degree < maxDegree) {
                    adjacency[base + degree] = p;
                    degrees[q] = degree + 1;
                    return;
                }
                candidateCount = 0;
                candidateSet.clear();
                for (int i = 0; i < degree; i++) {
                    addCandidate(adjacency[base + i], q);
                }
                addCandidate(p, q);
                int kept = prune.prune(data, q * dims, candidateCount, candidates, candidateVectors, alpha,
                        maxDegree, pruned);
                System.arraycopy(pruned, 0, adjacency, base, kept);
                degrees[q] = kept;
            }
        }
    }
}
