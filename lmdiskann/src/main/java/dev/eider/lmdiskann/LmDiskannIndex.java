package dev.eider.lmdiskann;

import dev.eider.lmdiskann.journal.Journal;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A disk-resident LM-DiskANN vector index in one folder ({@code graph.lmd}). Many threads may search at once;
 * {@link #insert}, {@link #delete} and {@link #merge} are serialised (one writer). A search works on an
 * immutable published view, so it never sees half an operation.
 */
public final class LmDiskannIndex implements AutoCloseable {

    /** Name of the graph file inside the index folder. */
    public static final String GRAPH_FILE = "graph.lmd";

    private LmDiskannIndex() {
    }

    /** Builds a new index from {@code source} into {@code dir} (created if missing; an existing graph is replaced). */
    public static LmDiskannIndex build(Path dir, IndexConfig config, VectorSource source, BuildOptions options,
                                      Journal journal) throws IOException {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Opens an index built earlier, applying the journal's blocks over the graph file. */
    public static LmDiskannIndex open(Path dir, OpenOptions options, Journal journal) throws IOException {
        throw new UnsupportedOperationException("being implemented");
    }

    /** The nearest {@code params.k()} live vectors (allowed ones only when {@code params.allowed()} is set). */
    public SearchResult search(float[] query, SearchParams params) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Every live (allowed) vector within {@code radius} of the query, nearest first. */
    public SearchResult radius(float[] query, float radius, SearchParams params) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Adds one vector under {@code rowKey}; its blocks go to the journal before the change is published. */
    public void insert(long rowKey, float[] vector) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Deletes the vector of {@code rowKey}; returns false when the key is not indexed. */
    public boolean delete(long rowKey) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Consolidates deletes and writes the journal into the graph file (VACUUM). */
    public MergeResult merge() throws IOException {
        throw new UnsupportedOperationException("being implemented");
    }

    public IndexStats stats() {
        throw new UnsupportedOperationException("being implemented");
    }

    public IndexConfig config() {
        throw new UnsupportedOperationException("being implemented");
    }

    public long fileBytes() {
        throw new UnsupportedOperationException("being implemented");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("being implemented");
    }
}
