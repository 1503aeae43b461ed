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
 * Vamana in memory: random regular start (R / 4 out-edges per node), one pass with alpha 1 (beam L / 2) and one
 * with the configured alpha (beam L), each node searched from the medoid, RobustPruned, and linked back from its
 * new neighbors. The searches stop summing a squared-L2 distance once it can no longer enter the beam. As in
 * DiskANN, a list may grow to {@value #SLACK} R through back-edges before it is re-pruned to R, which makes
 * re-pruning rare; a final step prunes every list still longer than R. Passes run on all given threads; lists are
 * guarded by striped locks. Finally every node gets a few in-edges ({@link InEdgeFloor}).
 */
public final class VamanaBuilder {

    private static final int LOCK_STRIPES = 4096;
    private static final int PROGRESS_EVERY = 1024;
    private static final double SLACK = 1.3;
    /**
     * The random start graph has R / this out-edges per node (but at least {@link #MIN_START_DEGREE}). Pass 1
     * prunes with alpha 1 to about R / 4 anyway, and its early searches wander a graph without locality, paying a
     * distance for every random neighbor: on fashion-mnist an R-regular start made pass 1 twice as dear for the
     * same recall of the finished graph.
     */
    private static final int START_DEGREE_DIVISOR = 4;
    private static final int MIN_START_DEGREE = 8;

    private final IndexConfig config;
    private final VectorMetric metric;
    private final float[] data;
    private final int n;
    private final int dims;
    private final int maxDegree;
    /** Room per list during the build: R plus slack; the stride of {@link #adjacency}. */
    private final int capacity;
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
        this.capacity = slackDegree(config);
        this.adjacency = new int[Math.multiplyExact(n, capacity)];
        this.degrees = new int[n];
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    private static int slackDegree(IndexConfig config) {
        return (int) Math.ceil(config.maxDegree() * SLACK);
    }

    /** Bytes the in-memory build needs besides the vectors themselves. */
    public static long workingBytes(long n, IndexConfig config) {
        return n * slackDegree(config) * 4L + n * 8L;
    }

    public BuiltGraph build(float[] center) throws InterruptedException {
        if (n == 0) {
            return new BuiltGraph(adjacency, degrees, capacity, -1);
        }
        randomStart();
        int medoid = medoid(center);
        runPass("pass 1 (alpha 1)", 1.0f, firstPassSearchL(config), medoid, seed + 1, Step.INSERT);
        runPass("pass 2 (alpha " + config.alpha() + ")", config.alpha(), config.buildSearchL(), medoid, seed + 2,
                Step.INSERT);
        runPass("final prune", config.alpha(), config.buildSearchL(), medoid, seed + 3, Step.TRIM);
        new InEdgeFloor(metric.kernels(), data, dims, adjacency, degrees, capacity, maxDegree).apply();
        return new BuiltGraph(adjacency, degrees, capacity, medoid);
    }

    private void randomStart() {
        SplittableRandom random = new SplittableRandom(seed);
        int degree = Math.min(startDegree(maxDegree), n - 1);
        IntHashSet chosen = new IntHashSet(degree * 2);
        for (int p = 0; p < n; p++) {
            chosen.clear();
            int base = p * capacity;
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

    private static int startDegree(int maxDegree) {
        return Math.min(maxDegree, Math.max(MIN_START_DEGREE, maxDegree / START_DEGREE_DIVISOR));
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

    /** What a pass does to each node. */
    private enum Step { INSERT, TRIM }

    /**
     * Pass 1 searches with half the build L: it only sketches the graph that pass 2 (full L) refines, and halving
     * its beam halved its cost on fashion-mnist without lowering the finished graph's recall.
     */
    private static int firstPassSearchL(IndexConfig config) {
        return Math.max(1, config.buildSearchL() / 2);
    }

    private void runPass(String phase, float alpha, int searchL, int medoid, long passSeed, Step step)
            throws InterruptedException {
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
                        if (step == Step.INSERT) {
                            worker.insert(order[i], alpha, searchL, medoid);
                        } else {
                            worker.trim(order[i], alpha);
                        }
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
        private final int[] neighbors = new int[capacity];
        private final int[] pruned = new int[maxDegree];
        private int[] candidates = new int[config.buildSearchL() + capacity + 1];
        private float[] candidateVectors = new float[candidates.length * dims];
        private int candidateCount;

        void insert(int p, float alpha, int searchL, int medoid) {
            candidateCount = 0;
            candidateSet.clear();
            search(p, medoid, searchL);
            int degree = copyNeighbors(p, neighbors);
            for (int i = 0; i < degree; i++) {
                addCandidate(neighbors[i], p);
            }
            int kept = prune.prune(data, p * dims, candidateCount, candidates, candidateVectors, alpha, maxDegree,
                    pruned);
            synchronized (lockOf(p)) {
                System.arraycopy(pruned, 0, adjacency, p * capacity, kept);
                degrees[p] = kept;
            }
            int[] chosen = pruned.clone();
            for (int i = 0; i < kept; i++) {
                linkBack(chosen[i], p, alpha);
            }
        }

        /** Greedy beam search for node p's vector; every expanded node becomes a prune candidate. */
        private void search(int p, int medoid, int searchL) {
            pool.reset(searchL);
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
                        float d = metric.distanceBelow(data, p * dims, data, q * dims, dims, pool.bound());
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
                System.arraycopy(adjacency, node * capacity, into, 0, degree);
                return degree;
            }
        }

        /** Adds p to q's list; a list at its slack capacity is re-pruned to R over its members plus p. */
        private void linkBack(int q, int p, float alpha) {
            synchronized (lockOf(q)) {
                int base = q * capacity;
                int degree = degrees[q];
                for (int i = 0; i < degree; i++) {
                    if (adjacency[base + i] == p) {
                        return;
                    }
                }
                if (degree < capacity) {
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
                pruneInto(q, alpha);
            }
        }

        /** Prunes a list longer than R down to R. */
        void trim(int q, float alpha) {
            synchronized (lockOf(q)) {
                int degree = degrees[q];
                if (degree <= maxDegree) {
                    return;
                }
                candidateCount = 0;
                candidateSet.clear();
                for (int i = 0; i < degree; i++) {
                    addCandidate(adjacency[q * capacity + i], q);
                }
                pruneInto(q, alpha);
            }
        }

        /** RobustPrunes the current candidates around q and stores them as q's list (caller holds q's lock). */
        private void pruneInto(int q, float alpha) {
            int kept = prune.prune(data, q * dims, candidateCount, candidates, candidateVectors, alpha, maxDegree,
                    pruned);
            System.arraycopy(pruned, 0, adjacency, q * capacity, kept);
            degrees[q] = kept;
        }
    }
}
