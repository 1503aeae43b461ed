package dev.eider.bench.system;

import dev.eider.bench.dataset.Dataset;
import java.io.IOException;
import java.nio.file.Path;

/** One nearest-neighbour system under measurement: Eider or a peer. */
public interface VectorSystem extends AutoCloseable {

    /** Short name used in tables and JSON ("eider", "jvector", "lucene", "exact"). */
    String name();

    /** Builds the index in {@code indexDir}, or reopens the one a previous run built there with the same settings. */
    BuildReport prepare(Dataset dataset, Path indexDir, int buildThreads) throws IOException;

    /** A searcher owned by one query thread; the system must be prepared first. */
    Searcher newSearcher() throws IOException;

    /** Whether the search list size L changes anything (false for exact search, which is measured once). */
    default boolean tunable() {
        return true;
    }

    /** Cumulative block I/O counters, or {@link IoCounters#NONE} when the system does not expose them. */
    default IoCounters ioCounters() {
        return IoCounters.NONE;
    }

    /** Bytes of block cache the system was given; 0 when it relies on the operating system's page cache. */
    default long cacheBytes() {
        return 0;
    }

    @Override
    void close() throws IOException;

    /** Searches one query at a time; not shared between threads. */
    interface Searcher extends AutoCloseable {
        /** Row numbers of the k nearest base vectors found with search list size {@code searchL}, closest first. */
        int[] search(float[] query, int k, int searchL) throws IOException;

        @Override
        default void close() throws IOException {
        }
    }
}
