package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** Radius searches on sift5k (L2, returned as Euclidean distances) against brute force. */
class RadiusSearchTest {

    private static final int QUERIES = 40;
    private static final Metric METRIC = Metric.L2;

    @TempDir
    static Path dir;

    private static Dataset data;
    private static LmDiskannIndex index;

    @BeforeAll
    static void build() throws Exception {
        data = Dataset.sift5k();
        index = LmDiskannIndex.build(dir, IndexConfig.defaults(data.dimensions(), METRIC), data.source(),
                BuildOptions.defaults(), new InMemoryJournal());
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    @Test
    void radiusSearchFindsWhatBruteForceFinds() {
        double recall = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = data.queries()[q];
            int[] top = BruteForce.topK(METRIC, data.base(), query, 30, i -> true);
            double radius = BruteForce.distance(METRIC, query, data.base()[top[29]]);
            int[] truth = BruteForce.within(METRIC, data.base(), query, radius);
            SearchResult r = index.radius(query, (float) radius, SearchParams.top(1));
            assertThat(r.neighbors()).allSatisfy(n -> assertThat((double) n.distance()).isLessThanOrEqualTo(radius * (1 + 1e-5) + 1e-6));
            assertThat(r.neighbors()).isSortedAccordingTo((a, b) -> Float.compare(a.distance(), b.distance()));
            assertThat(r.neighbors()).extracting(Neighbor::nodeId).doesNotHaveDuplicates();
            recall += BruteForce.recall(truth, r.neighbors().stream().mapToLong(Neighbor::rowKey).toArray());
        }
        System.out.printf("sift5k radius recall %.3f%n", recall / QUERIES);
        assertThat(recall / QUERIES).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void radiusSearchWithAFilterKeepsOnlyAllowedRows() {
        SplittableRandom random = new SplittableRandom(9);
        RoaringBitmap allowed = new RoaringBitmap();
        for (int i = 0; i < data.base().length; i++) {
            if (random.nextInt(3) == 0) {
                allowed.add(i);
            }
        }
        float[] query = data.queries()[1];
        int[] top = BruteForce.topK(METRIC, data.base(), query, 100, i -> true);
        double radius = BruteForce.distance(METRIC, query, data.base()[top[99]]);
        int[] truth = Arrays.stream(BruteForce.within(METRIC, data.base(), query, radius))
                .filter(allowed::contains).toArray();
        SearchResult r = index.radius(query, (float) radius, SearchParams.top(1).withAllowed(AllowedIds.of(allowed)));
        assertThat(r.neighbors()).allSatisfy(n -> assertThat(allowed.contains(n.nodeId())).isTrue());
        assertThat(BruteForce.recall(truth, r.neighbors().stream().mapToLong(Neighbor::rowKey).toArray()))
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aRadiusSmallerThanTheNearestDistanceFindsNothing() {
        float[] query = data.queries()[2];
        int nearest = BruteForce.topK(METRIC, data.base(), query, 1, i -> true)[0];
        double d = BruteForce.distance(METRIC, query, data.base()[nearest]);
        assertThat(index.radius(query, (float) (d * 0.5), SearchParams.top(1)).neighbors()).isEmpty();
    }
}
