package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecallTest {

    @TempDir
    Path dir;

    /** Mean recall@k against {@code truth}; also checks every returned distance against the oracle. */
    private static double meanRecall(LmDiskannIndex index, Dataset data, int[][] truth, int k, int searchL,
                                     int queries) {
        double sum = 0;
        for (int q = 0; q < queries; q++) {
            float[] query = data.queries()[q];
            SearchResult r = index.search(query, SearchParams.top(k).withSearchL(searchL));
            assertThat(r.neighbors()).hasSize(k);
            for (Neighbor n : r.neighbors()) {
                double exact = BruteForce.distance(data.metric(), query, data.base()[(int) n.rowKey()]);
                assertThat((double) n.distance()).isCloseTo(exact, within(1e-3 * Math.max(1, Math.abs(exact))));
            }
            assertThat(r.neighbors()).isSortedAccordingTo((a, b) -> Float.compare(a.distance(), b.distance()));
            long[] found = r.neighbors().stream().mapToLong(Neighbor::rowKey).toArray();
            sum += BruteForce.recall(Arrays.copyOf(truth[q], k), found);
        }
        return sum / queries;
    }

    private LmDiskannIndex build(String name, Dataset data, IndexConfig config, BuildOptions options)
            throws Exception {
        long start = System.nanoTime();
        LmDiskannIndex index = LmDiskannIndex.build(dir.resolve(name), config, data.source(), options,
                new InMemoryJournal());
        System.out.printf("%s: %d vectors built in %.1f s, %d bytes, kernels %s%n", name, data.base().length,
                (System.nanoTime() - start) / 1e9, index.fileBytes(), index.kernels());
        return index;
    }

    @Test
    void sift5kL2ReachesRecall09AtL32() throws Exception {
        Dataset data = Dataset.sift5k();
        try (LmDiskannIndex index = build("sift", data, IndexConfig.defaults(data.dimensions(), Metric.L2),
                BuildOptions.defaults())) {
            double recall = meanRecall(index, data, data.groundTruth(), 10, 32, data.queries().length);
            System.out.println("sift5k ternary recall@10 L=32: " + recall);
            assertThat(recall).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void glove25CosineReachesRecall09AtL128() throws Exception {
        Dataset data = Dataset.glove25();
        IndexConfig config = IndexConfig.defaults(data.dimensions(), Metric.COSINE);
        try (LmDiskannIndex index = build("glove", data, config, BuildOptions.defaults())) {
            double recall = meanRecall(index, data, data.groundTruth(), 10, 128, data.queries().length);
            System.out.println("glove25 " + config.compression() + " recall@10 L=128: " + recall);
            assertThat(recall).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void innerProductMatchesBruteForce() throws Exception {
        Dataset glove = Dataset.glove25();
        Dataset data = new Dataset("glove-ip", Metric.INNER_PRODUCT, Arrays.copyOf(glove.base(), 5000),
                Arrays.copyOf(glove.queries(), 200), null);
        int[][] truth = new int[200][];
        for (int q = 0; q < truth.length; q++) {
            truth[q] = BruteForce.topK(Metric.INNER_PRODUCT, data.base(), data.queries()[q], 10, i -> true);
        }
        try (LmDiskannIndex index = build("ip", data, IndexConfig.defaults(data.dimensions(), Metric.INNER_PRODUCT),
                BuildOptions.defaults())) {
            double recall = meanRecall(index, data, truth, 10, 160, truth.length);
            System.out.println("glove25 inner product recall@10 L=160: " + recall);
            assertThat(recall).isGreaterThanOrEqualTo(0.85);
        }
    }

    @Test
    void boundedMemoryBuildByInsertionReachesRecall09() throws Exception {
        Dataset sift = Dataset.sift5k();
        Dataset data = new Dataset("sift2k", Metric.L2, Arrays.copyOf(sift.base(), 2000),
                Arrays.copyOf(sift.queries(), 100), null);
        int[][] truth = new int[100][];
        for (int q = 0; q < truth.length; q++) {
            truth[q] = BruteForce.topK(Metric.L2, data.base(), data.queries()[q], 10, i -> true);
        }
        List<String> phases = new ArrayList<>();
        BuildOptions options = BuildOptions.defaults().withMemoryBudget(256 << 10)
                .withProgress((phase, done, total) -> {
                    synchronized (phases) {
                        phases.add(phase);
                    }
                });
        try (LmDiskannIndex index = build("insertion", data, IndexConfig.defaults(data.dimensions(), Metric.L2),
                options)) {
            assertThat(phases).containsOnly("insert");
            assertThat(index.stats().journalBlocks()).isZero();
            assertThat(index.stats().liveCount()).isEqualTo(2000);
            double recall = meanRecall(index, data, truth, 10, 64, truth.length);
            System.out.println("sift2k built by insertion recall@10 L=64: " + recall);
            assertThat(recall).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void inMemoryBuildReportsProgressOfEveryPhase() throws Exception {
        Dataset sift = Dataset.sift5k();
        Dataset data = new Dataset("sift500", Metric.L2, Arrays.copyOf(sift.base(), 500), sift.queries(), null);
        List<String> phases = new ArrayList<>();
        BuildOptions options = BuildOptions.defaults().withProgress((phase, done, total) -> {
            synchronized (phases) {
                if (done == total && !phases.contains(phase)) {
                    phases.add(phase);
                }
            }
        });
        try (LmDiskannIndex index = build("progress", data, IndexConfig.defaults(data.dimensions(), Metric.L2),
                options)) {
            assertThat(phases).containsExactly("load", "pass 1 (alpha 1)", "pass 2 (alpha 1.2)", "final prune", "write");
            assertThat(index.stats().liveCount()).isEqualTo(500);
        }
    }
}
