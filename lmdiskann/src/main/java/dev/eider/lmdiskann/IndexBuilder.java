package dev.eider.lmdiskann;

import dev.eider.lmdiskann.disk.BlockLayout;
import dev.eider.lmdiskann.disk.GraphFileWriter;
import dev.eider.lmdiskann.disk.GraphHeader;
import dev.eider.lmdiskann.graph.BuiltGraph;
import dev.eider.lmdiskann.graph.VamanaBuilder;
import dev.eider.lmdiskann.journal.InMemoryJournal;
import dev.eider.lmdiskann.quant.NeighborCodec;
import dev.eider.lmdiskann.vector.VectorKernels;
import dev.eider.lmdiskann.vector.VectorMetric;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

/** Writes a new graph file from a vector source: Vamana in memory, or insertion through the cache. */
final class IndexBuilder {

    private final Path target;
    private final IndexConfig config;
    private final VectorSource source;
    private final BuildOptions options;
    private final VectorMetric metric;
    private final BlockLayout layout;
    private final int dims;

    IndexBuilder(Path target, IndexConfig config, VectorSource source, BuildOptions options) {
        if (source.size() > 0 && source.dimensions() != config.dimensions()) {
            throw new IllegalArgumentException("the source has " + source.dimensions()
                    + "-dimensional vectors but the index is configured for " + config.dimensions());
        }
        this.target = target;
        this.config = config;
        this.source = source;
        this.options = options;
        this.metric = new VectorMetric(config.metric(), VectorKernels.best());
        this.layout = new BlockLayout(config);
        this.dims = config.dimensions();
    }

    /** Heap the in-memory build needs: vectors, adjacency and codes. */
    private long inMemoryBytes(long n) {
        return n * dims * 4L + VamanaBuilder.workingBytes(n, config) + n * layout.codeBytes();
    }

    void build() throws IOException {
        Files.createDirectories(target.getParent());
        checkDistinctKeys();
        if (inMemoryBytes(source.size()) <= options.memoryBudgetBytes()) {
            buildInMemory();
        } else {
            buildByInsertion();
        }
    }

    private void checkDistinctKeys() {
        long[] keys = new long[source.size()];
        Arrays.setAll(keys, source::rowKey);
        Arrays.sort(keys);
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] == keys[i - 1]) {
                throw new IllegalArgumentException("row key " + keys[i] + " appears more than once in the source");
            }
        }
    }

    private void readPrepared(int i, float[] into) {
        source.read(i, into);
        VectorMetric.validate(into, dims, "vector of row " + source.rowKey(i));
        metric.prepare(into, 0, dims);
    }

    private void buildInMemory() throws IOException {
        int n = source.size();
        float[] data = new float[Math.multiplyExact(n, dims)];
        double[] sum = new double[dims];
        float[] v = new float[dims];
        for (int i = 0; i < n; i++) {
            readPrepared(i, v);
            System.arraycopy(v, 0, data, i * dims, dims);
            for (int d = 0; d < dims; d++) {
                sum[d] += v[d];
            }
            if ((i & 8191) == 0) {
                options.progress().update("load", i, n);
            }
        }
        options.progress().update("load", n, n);
        float[] center = mean(sum, n);
        BuiltGraph graph;
        try {
            graph = new VamanaBuilder(config, metric, data, n, options.threads(), options.seed(), options.progress())
                    .build(center);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("index build interrupted");
        }
        NeighborCodec codec = NeighborCodec.create(config.compression(), metric, center);
        int codeBytes = layout.codeBytes();
        byte[] codes = new byte[Math.multiplyExact(n, codeBytes)];
        IntStream.range(0, n).parallel().forEach(i -> {
            float[] vector = Arrays.copyOfRange(data, i * dims, (i + 1) * dims);
            codec.encode(vector, codes, i * codeBytes);
        });
        GraphHeader header = new GraphHeader(config, layout.blockSize(), graph.medoid(), n, n, 0, 0, center);
        try (GraphFileWriter out = new GraphFileWriter(target, header)) {
            byte[] block = new byte[layout.blockSize()];
            for (int i = 0; i < n; i++) {
                int degree = graph.degree(i);
                layout.writeHeader(block, i, 0, source.rowKey(i), 0, 1, degree);
                layout.writeVector(block, data, i * dims);
                for (int j = 0; j < degree; j++) {
                    int neighbor = graph.neighbor(i, j);
                    layout.setNeighbor(block, j, neighbor, codes, neighbor * codeBytes);
                }
                layout.clearNeighborsFrom(block, degree);
                layout.seal(block);
                out.append(block);
                if ((i & 8191) == 0) {
                    options.progress().update("write", i, n);
                }
            }
            out.commit();
        }
        options.progress().update("write", n, n);
    }

    private float[] mean(double[] sum, int n) {
        float[] center = new float[dims];
        for (int d = 0; d < dims; d++) {
            center[d] = n == 0 ? 0f : (float) (sum[d] / n);
        }
        return center;
    }

    /**
     * Bounded-memory build: an empty graph file, then every vector inserted through the block cache, merging the
     * journal into the file whenever it holds half the budget.
     */
    private void buildByInsertion() throws IOException {
        int n = source.size();
        double[] sum = new double[dims];
        float[] v = new float[dims];
        for (int i = 0; i < n; i++) {
            readPrepared(i, v);
            for (int d = 0; d < dims; d++) {
                sum[d] += v[d];
            }
        }
        GraphHeader header = new GraphHeader(config, layout.blockSize(), -1, 0, 0, 0, 0, mean(sum, n));
        try (GraphFileWriter out = new GraphFileWriter(target, header)) {
            out.commit();
        }
        long budget = options.memoryBudgetBytes();
        int mergeEvery = (int) Math.max(256, budget / 2 / layout.blockSize());
        OpenOptions open = new OpenOptions(Math.max(budget / 2, layout.blockSize()), new InMemoryRowKeyMap());
        try (LmDiskannIndex index = LmDiskannIndex.open(target.getParent(), open, new InMemoryJournal())) {
            for (int i = 0; i < n; i++) {
                source.read(i, v);
                index.insert(source.rowKey(i), v);
                if (index.stats().journalBlocks() >= mergeEvery) {
                    index.merge();
                }
                if ((i & 1023) == 0) {
                    options.progress().update("insert", i, n);
                }
            }
            index.merge();
        }
        options.progress().update("insert", n, n);
    }
}
