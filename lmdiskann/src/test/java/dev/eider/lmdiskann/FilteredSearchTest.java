package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roaringbitmap.RoaringBitmap;

/** Filtered searches on glove25 (cosine) against brute force over the same allowed rows. */
class FilteredSearchTest {

    private static final int K = 10;
    private static final int QUERIES = 40;

    @TempDir
    static Path dir;

    private static Dataset data;
    private static LmDiskannIndex index;

    @BeforeAll
    static void build() throws Exception {
        data = Dataset.glove25();
        index = LmDiskannIndex.build(dir, IndexConfig.defaults(data.dimensions(), Metric.COSINE), data.source(),
                BuildOptions.defaults(), new InMemoryJournal());
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    /** Exactly {@code ceil(selectivity * n)} random row ids. */
    private static RoaringBitmap randomAllowed(double selectivity, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RoaringBitmap allowed = new RoaringBitmap();
        int wanted = (int) Math.ceil(selectivity * data.base().length);
        while (allowed.getCardinality() < wanted) {
            allowed.add(random.nextInt(data.base().length));
        }
        return allowed;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.1, 0.01, 0.001})
    void filteredSearchReturnsOnlyAllowedRowsAndExactlyK(double selectivity) {
        RoaringBitmap allowed = randomAllowed(selectivity, 11);
        assertThat(allowed.getCardinality()).isGreaterThanOrEqualTo(K);
        double recall = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = data.queries()[q];
            SearchResult r = index.search(query, SearchParams.top(K).withAllowed(AllowedIds.of(allowed)));
            assertThat(r.neighbors()).hasSize(K);
            assertThat(r.neighbors()).allSatisfy(n -> assertThat(allowed.contains(n.nodeId())).isTrue());
            assertThat(r.neighbors()).isSortedAccordingTo((a, b) -> Float.compare(a.distance(), b.distance()));
            SearchStats s = r.stats();
            assertThat(s.blocksFromDisk() + s.blocksFromCache() + s.blocksFromJournal()).isEqualTo(s.nodesVisited());
            int[] truth = BruteForce.topK(Metric.COSINE, data.base(), query, K, allowed::contains);
            recall += BruteForce.recall(truth, r.neighbors().stream().mapToLong(Neighbor::rowKey).toArray());
        }
        System.out.printf("glove25 filtered selectivity %.3f: recall@10 %.3f%n", selectivity, recall / QUERIES);
        assertThat(recall / QUERIES).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void tinyAllowedSetsAreSearchedExactly() {
        RoaringBitmap allowed = randomAllowed(0.002, 5);
        float[] query = data.queries()[3];
        SearchResult r = index.search(query, SearchParams.top(K).withAllowed(AllowedIds.of(allowed)));
        assertThat(r.stats().strategy()).isEqualTo(SearchStrategy.EXACT);
        assertThat(r.neighbors().stream().mapToInt(Neighbor::nodeId).toArray())
                .containsExactly(BruteForce.topK(Metric.COSINE, data.base(), query, K, allowed::contains));
    }

    @Test
    void fewerAllowedRowsThanKReturnsAllOfThem() {
        RoaringBitmap allowed = RoaringBitmap.bitmapOf(5, 77, 1234);
        SearchResult r = index.search(data.queries()[0], SearchParams.top(K).withAllowed(AllowedIds.of(allowed)));
        assertThat(r.neighbors()).extracting(Neighbor::nodeId).containsExactlyInAnyOrder(5, 77, 1234);
    }

    @Test
    void anExhaustedVisitBudgetIsCompletedExactly() {
        RoaringBitmap allowed = randomAllowed(0.2, 3);
        float[] query = data.queries()[7];
        SearchResult r = index.search(query, SearchParams.top(K).withAllowed(AllowedIds.of(allowed))
                .withVisitBudget(3));
        assertThat(r.stats().strategy()).isEqualTo(SearchStrategy.FILTERED_GRAPH_THEN_EXACT);
        assertThat(r.neighbors().stream().mapToInt(Neighbor::nodeId).toArray())
                .containsExactly(BruteForce.topK(Metric.COSINE, data.base(), query, K, allowed::contains));
    }
}
