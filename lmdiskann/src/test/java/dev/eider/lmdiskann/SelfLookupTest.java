package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every indexed vector, used as the query, finds itself at a modest L: a node that the graph can reach only
 * through an approximately scored edge must still be found, which catches nodes left with too few in-edges.
 */
class SelfLookupTest {

    private static final int SEARCH_L = 64;

    @TempDir
    Path dir;

    /** Rows whose own vector, searched for, does not come back among hits at distance 0 (duplicates allowed). */
    private static List<Integer> missing(LmDiskannIndex index, Dataset data) {
        return missing(index, data, SEARCH_L);
    }

    private static List<Integer> missing(LmDiskannIndex index, Dataset data, int searchL) {
        List<Integer> missed = new ArrayList<>();
        for (int row = 0; row < data.base().length; row++) {
            SearchResult result = index.search(data.base()[row], SearchParams.top(10).withSearchL(searchL));
            int self = row;
            boolean found = result.neighbors().stream().anyMatch(n -> n.rowKey() == self
                    || BruteForce.distance(data.metric(), data.base()[self], data.base()[(int) n.rowKey()]) == 0);
            if (!found) {
                missed.add(row);
            }
        }
        return missed;
    }

    private void assertEveryVectorFindsItself(String name, Dataset data, IndexConfig config) throws Exception {
        try (LmDiskannIndex index = LmDiskannIndex.build(dir.resolve(name), config, data.source(),
                BuildOptions.defaults(), new InMemoryJournal())) {
            assertThat(missing(index, data)).as("%s rows not found by their own vector at L %d", name, SEARCH_L)
                    .isEmpty();
        }
    }

    @Test
    void sift5kTernaryFindsEveryVector() throws Exception {
        Dataset data = Dataset.sift5k();
        assertEveryVectorFindsItself("sift", data, IndexConfig.defaults(data.dimensions(), Metric.L2)
                .withCompression(NeighborCompression.TERNARY));
    }

    /** 25 dimensions: the default for so few is full-precision codes, which steer exactly. */
    @Test
    void glove25DefaultFindsEveryVector() throws Exception {
        Dataset data = Dataset.glove25();
        IndexConfig config = IndexConfig.defaults(data.dimensions(), Metric.COSINE);
        assertThat(config.compression()).isEqualTo(NeighborCompression.NONE);
        assertEveryVectorFindsItself("glove", data, config);
    }

    /**
     * An index built from a sixteenth of 384-dimensional uniform random vectors and grown by inserting the rest,
     * searched at the default L. All distances are nearly equal, so a full list evicts a member on almost every
     * back-link: evicting one the new node does not list, or rejecting the new node everywhere, used to leave nodes
     * that no search reached at any L.
     */
    @Test
    void uniformRandomGrownByInsertsFindsEveryVector() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        float[][] base = new float[3200][384];
        for (float[] vector : base) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextDouble();
            }
        }
        Dataset data = new Dataset("uniform", Metric.L2, base, new float[0][], new int[0][]);
        assertGrownIndexFindsEveryVector(data, NeighborCompression.defaultFor(384), 16);
    }

    private void assertGrownIndexFindsEveryVector(Dataset data, NeighborCompression compression, int growth)
            throws Exception {
        int built = data.base().length / growth;
        IndexConfig config = IndexConfig.defaults(data.dimensions(), Metric.L2).withCompression(compression);
        try (LmDiskannIndex index = LmDiskannIndex.build(dir.resolve("grown"), config,
                VectorSource.of(Arrays.copyOf(data.base(), built)), BuildOptions.defaults().withThreads(1),
                new InMemoryJournal())) {
            for (int row = built; row < data.base().length; row++) {
                index.insert(row, data.base()[row]);
            }
            assertThat(missing(index, data, config.searchL())).as("rows not found by their own vector at L %d",
                    config.searchL()).isEmpty();
        }
    }
}
