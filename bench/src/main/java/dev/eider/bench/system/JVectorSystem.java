package dev.eider.bench.system;

import dev.eider.bench.dataset.BenchMetric;
import dev.eider.bench.dataset.Dataset;
import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * JVector peer: a Vamana-family graph built with {@link GraphIndexBuilder} (degree 32, build beam 100, alpha 1.2,
 * JVector's defaults otherwise), written as an on-disk graph with inline full vectors and searched memory-mapped with {@link GraphSearcher}, exact
 * scores, beam width L. For cosine, base vectors and queries are scaled to unit length and scored by
 * {@code DOT_PRODUCT}, which JVector documents as the optimised cosine for normalised vectors (its {@code COSINE}
 * recomputes both norms in every comparison; the ranking is the same).
 */
public final class JVectorSystem implements VectorSystem {
    private static final int DEGREE = 32;
    private static final int BUILD_BEAM = 100;
    private static final float NEIGHBOR_OVERFLOW = 1.2f;
    private static final float ALPHA = 1.2f;
    private static final String GRAPH_FILE = "jvector.graph";

    private final VectorTypeSupport vectorTypes = VectorizationProvider.getInstance().getVectorTypeSupport();
    private VectorSimilarityFunction similarity;
    private boolean unitVectors;
    private ReaderSupplier graphReaders;
    private OnDiskGraphIndex index;

    @Override
    public String name() {
        return "jvector";
    }

    @Override
    public BuildReport prepare(Dataset dataset, Path indexDir, int buildThreads) throws IOException {
        unitVectors = dataset.metric() == BenchMetric.COSINE;
        similarity = unitVectors ? VectorSimilarityFunction.DOT_PRODUCT : VectorSimilarityFunction.EUCLIDEAN;
        String fingerprint = BuildStamp.fingerprint(dataset, "jvector M=" + DEGREE + " beam=" + BUILD_BEAM + " alpha=" + ALPHA
                + " overflow=" + NEIGHBOR_OVERFLOW + " similarity=" + similarity + (unitVectors ? " on unit vectors" : ""));
        Path graphFile = indexDir.resolve(GRAPH_FILE);
        Optional<BuildReport> previous = Files.isRegularFile(graphFile)
                ? BuildStamp.read(indexDir, fingerprint, Files.size(graphFile))
                : Optional.empty();
        BuildReport report;
        if (previous.isPresent()) {
            report = previous.get();
        } else {
            Files.createDirectories(indexDir);
            BuildStamp.invalidate(indexDir);
            BuildReport.Timer timer = new BuildReport.Timer();
            build(dataset, graphFile, buildThreads);
            report = timer.finish(dataset.size(), Files.size(graphFile));
            BuildStamp.write(indexDir, fingerprint, report);
        }
        graphReaders = ReaderSupplierFactory.open(graphFile);
        index = OnDiskGraphIndex.load(graphReaders);
        return report;
    }

    private void build(Dataset dataset, Path graphFile, int threads) throws IOException {
        List<VectorFloat<?>> vectors = Arrays.stream(dataset.base())
                .<VectorFloat<?>>map(this::vectorOf)
                .toList();
        RandomAccessVectorValues values = new ListRandomAccessVectorValues(vectors, dataset.dimensions());
        BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(values, similarity);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try (GraphIndexBuilder builder = GraphIndexBuilder.builder(scores, dataset.dimensions(), DEGREE)
                .withBeamWidth(BUILD_BEAM)
                .withNeighborOverflow(NEIGHBOR_OVERFLOW)
                .withAlpha(ALPHA)
                .withSimdExecutor(pool)
                .withParallelExecutor(pool)
                .build()) {
            ImmutableGraphIndex graph = builder.build(values);
            OnDiskGraphIndex.write(graph, values, graphFile);
        } finally {
            pool.shutdown();
        }
    }

    /** {@code values} as JVector stores them: for cosine a copy scaled to unit length. */
    private VectorFloat<?> vectorOf(float[] values) {
        if (!unitVectors) {
            return vectorTypes.createFloatVector(values);
        }
        VectorFloat<?> vector = vectorTypes.createFloatVector(values.clone());
        VectorUtil.l2normalize(vector);
        return vector;
    }

    @Override
    public Searcher newSearcher() {
        GraphSearcher searcher = new GraphSearcher(index);
        RandomAccessVectorValues view = (RandomAccessVectorValues) searcher.getView();
        return new Searcher() {
            @Override
            public int[] search(float[] query, int k, int searchL) {
                VectorFloat<?> target = vectorOf(query);
                SearchResult result = searcher.search(DefaultSearchScoreProvider.exact(target, similarity, view), k,
                        Math.max(k, searchL), 0f, 0f, Bits.ALL);
                return Arrays.stream(result.getNodes()).mapToInt(node -> node.node).toArray();
            }

            @Override
            public void close() throws IOException {
                searcher.close();
            }
        };
    }

    @Override
    public void close() throws IOException {
        if (index != null) {
            index.close();
            graphReaders.close();
        }
    }
}
