package dev.eider.bench.system;

import dev.eider.bench.dataset.BenchMetric;
import dev.eider.bench.dataset.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene peer: an HNSW graph (M 16, beam 100) in an on-disk index (memory-mapped by {@link FSDirectory}), searched
 * with {@link KnnFloatVectorQuery} asking for max(k, L) candidates, the usual way to give Lucene a search list of L,
 * and keeping the top k.
 */
public final class LuceneSystem implements VectorSystem {
    private static final int MAX_CONN = 16;
    private static final int BEAM_WIDTH = 100;
    private static final String VECTOR_FIELD = "vector";
    private static final String ROW_FIELD = "row";
    private static final double RAM_BUFFER_MB = 1024;

    private Directory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private int[] rowOfDoc;

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public BuildReport prepare(Dataset dataset, Path indexDir, int buildThreads) throws IOException {
        String fingerprint = BuildStamp.fingerprint(dataset, "lucene M=" + MAX_CONN + " beam=" + BEAM_WIDTH);
        Files.createDirectories(indexDir);
        Optional<BuildReport> previous = BuildStamp.read(indexDir, fingerprint, BuildStamp.directoryBytes(indexDir));
        BuildReport report;
        directory = FSDirectory.open(indexDir);
        if (previous.isPresent()) {
            report = previous.get();
        } else {
            BuildStamp.invalidate(indexDir);
            BuildReport.Timer timer = new BuildReport.Timer();
            build(dataset, buildThreads);
            report = timer.finish(dataset.size(), BuildStamp.directoryBytes(indexDir));
            BuildStamp.write(indexDir, fingerprint, report);
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        rowOfDoc = readRowNumbers(reader);
        return report;
    }

    /**
     * Indexes with {@code threads} writer threads (one segment each), then merges to one segment with {@code threads}
     * HNSW merge workers, so the build uses the same cores as the other systems and search sees one graph.
     */
    private void build(Dataset dataset, int threads) throws IOException {
        VectorSimilarityFunction similarity = dataset.metric() == BenchMetric.L2
                ? VectorSimilarityFunction.EUCLIDEAN : VectorSimilarityFunction.COSINE;
        // Lucene refuses an executor for a single merge worker
        ExecutorService mergeWorkers = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH, threads, mergeWorkers);
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                .setCodec(new Lucene104Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return hnsw;
                    }
                });
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            addAll(writer, dataset, similarity, threads);
            writer.forceMerge(1);
            writer.commit();
        } finally {
            if (mergeWorkers != null) {
                mergeWorkers.shutdown();
            }
        }
    }

    private static void addAll(IndexWriter writer, Dataset dataset, VectorSimilarityFunction similarity, int threads)
            throws IOException {
        try (ExecutorService indexers = Executors.newFixedThreadPool(threads)) {
            List<Future<Void>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int first = thread;
                futures.add(indexers.submit(() -> {
                    for (int row = first; row < dataset.size(); row += threads) {
                        Document document = new Document();
                        document.add(new KnnFloatVectorField(VECTOR_FIELD, dataset.base()[row], similarity));
                        document.add(new NumericDocValuesField(ROW_FIELD, row));
                        writer.addDocument(document);
                    }
                    return null;
                }));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while indexing into Lucene", e);
        } catch (ExecutionException e) {
            throw new IOException("Lucene indexing failed", e.getCause());
        }
    }

    /** Lucene doc ids differ from row numbers once several threads index; map them once, outside the timing. */
    private static int[] readRowNumbers(DirectoryReader reader) throws IOException {
        if (reader.leaves().size() != 1) {
            throw new IOException("expected a single-segment Lucene index, found " + reader.leaves().size());
        }
        LeafReader leaf = reader.leaves().getFirst().reader();
        int[] rows = new int[leaf.maxDoc()];
        NumericDocValues values = leaf.getNumericDocValues(ROW_FIELD);
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            rows[doc] = (int) values.longValue();
        }
        return rows;
    }

    @Override
    public Searcher newSearcher() {
        return (query, k, searchL) -> {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR_FIELD, query, Math.max(k, searchL)), k);
            int[] rows = new int[top.scoreDocs.length];
            for (int i = 0; i < rows.length; i++) {
                ScoreDoc hit = top.scoreDocs[i];
                rows[i] = rowOfDoc[hit.doc];
            }
            return rows;
        };
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
        if (directory != null) {
            directory.close();
        }
    }
}
