package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes() {
        IndexConfig config = IndexConfig.defaults(384, Metric.COSINE);
        assertThat(config.maxDegree()).isEqualTo(64);
        assertThat(config.buildSearchL()).isEqualTo(128);
        assertThat(config.searchL()).isEqualTo(100);
        assertThat(config.alpha()).isEqualTo(1.2f);
        assertThat(config.compression()).isEqualTo(NeighborCompression.TERNARY);
        assertThat(IndexConfig.defaults(64, Metric.L2).compression()).isEqualTo(NeighborCompression.TERNARY);
        assertThat(IndexConfig.defaults(63, Metric.L2).compression()).isEqualTo(NeighborCompression.NONE);
    }

    @Test
    void invalidConfigurationsSayWhatIsWrong() {
        assertThatThrownBy(() -> IndexConfig.defaults(0, Metric.L2))
                .hasMessageContaining("dimensions must be between 1 and 65536, got 0");
        assertThatThrownBy(() -> IndexConfig.defaults(8, Metric.L2).withMaxDegree(1))
                .hasMessageContaining("max_degree must be between 2 and 1024, got 1");
        assertThatThrownBy(() -> IndexConfig.defaults(8, Metric.L2).withBuildSearchL(10))
                .hasMessageContaining("build_search_l (10) must be at least max_degree (64)");
        assertThatThrownBy(() -> IndexConfig.defaults(8, Metric.L2).withAlpha(0.5f))
                .hasMessageContaining("alpha must be between 1.0 and 4.0, got 0.5");
        assertThatThrownBy(() -> IndexConfig.defaults(8, Metric.L2).withSearchL(0))
                .hasMessageContaining("search_l must be at least 1, got 0");
        assertThatThrownBy(() -> SearchParams.top(0)).hasMessageContaining("k must be at least 1, got 0");
        assertThatThrownBy(() -> Metric.parse("hamming"))
                .hasMessageContaining("unknown metric 'hamming': expected one of l2, cosine, inner_product");
        assertThatThrownBy(() -> NeighborCompression.parse("pq"))
                .hasMessageContaining("unknown neighbor_compression 'pq'");
        assertThat(Metric.parse("IP")).isEqualTo(Metric.INNER_PRODUCT);
        assertThat(NeighborCompression.parse("1bit")).isEqualTo(NeighborCompression.ONE_BIT);
    }

    @Test
    void aSourceOfTheWrongShapeIsRefusedBeforeAnythingIsWritten() {
        float[][] vectors = {{1, 2, 3}, {4, 5, 6}};
        assertThatThrownBy(() -> LmDiskannIndex.build(dir, IndexConfig.defaults(4, Metric.L2),
                VectorSource.of(vectors), BuildOptions.defaults(), new InMemoryJournal()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the source has 3-dimensional vectors but the index is configured for 4");
        assertThatThrownBy(() -> LmDiskannIndex.build(dir, IndexConfig.defaults(3, Metric.L2),
                VectorSource.of(vectors, new long[] {9, 9}), BuildOptions.defaults(), new InMemoryJournal()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row key 9 appears more than once");
        assertThat(Files.exists(dir.resolve(LmDiskannIndex.GRAPH_FILE))).isFalse();
    }

    @Test
    void aBuildRefusesAJournalThatStillHoldsBlocks() throws Exception {
        float[][] vectors = {{1, 2, 3}, {4, 5, 6}, {7, 8, 10}};
        InMemoryJournal journal = new InMemoryJournal();
        try (LmDiskannIndex index = LmDiskannIndex.build(dir, IndexConfig.defaults(3, Metric.L2),
                VectorSource.of(vectors), BuildOptions.defaults(), journal)) {
            index.delete(1L);
        }
        assertThatThrownBy(() -> LmDiskannIndex.build(dir, IndexConfig.defaults(3, Metric.L2),
                VectorSource.of(vectors), BuildOptions.defaults(), journal))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the journal still holds 3 blocks of a previous index");
    }

    @Test
    void everyMetricAndCompressionBuildsSearchesAndReopens() throws Exception {
        Dataset sift = Dataset.sift5k();
        float[][] base = java.util.Arrays.copyOf(sift.base(), 400);
        for (Metric metric : Metric.values()) {
            for (NeighborCompression compression : NeighborCompression.values()) {
                Path folder = dir.resolve(metric + "-" + compression);
                IndexConfig config = IndexConfig.defaults(128, metric).withCompression(compression).withMaxDegree(16)
                        .withBuildSearchL(32);
                InMemoryJournal journal = new InMemoryJournal();
                java.util.List<Neighbor> before;
                try (LmDiskannIndex index = LmDiskannIndex.build(folder, config, VectorSource.of(base),
                        BuildOptions.defaults(), journal)) {
                    int[] truth = BruteForce.topK(metric, base, sift.queries()[0], 1, i -> true);
                    before = index.search(sift.queries()[0], SearchParams.top(5).withSearchL(64)).neighbors();
                    assertThat(before.getFirst().nodeId()).isEqualTo(truth[0]);
                    assertThat((double) before.getFirst().distance())
                            .isCloseTo(BruteForce.distance(metric, sift.queries()[0], base[truth[0]]),
                                    org.assertj.core.api.Assertions.within(1e-2));
                }
                try (LmDiskannIndex index = LmDiskannIndex.open(folder, OpenOptions.defaults(), journal)) {
                    assertThat(index.config()).isEqualTo(config);
                    assertThat(index.search(sift.queries()[0], SearchParams.top(5).withSearchL(64)).neighbors())
                            .isEqualTo(before);
                }
            }
        }
    }
}
