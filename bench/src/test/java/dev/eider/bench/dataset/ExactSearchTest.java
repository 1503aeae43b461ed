package dev.eider.bench.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.bench.run.Recall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExactSearchTest {

    @Test
    void ranksAHandCheckableLineByL2() {
        float[][] base = {{0f, 0f}, {5f, 0f}, {1f, 0f}, {2f, 0f}, {-4f, 0f}};

        int[] nearest = new ExactSearch(base, BenchMetric.L2).topK(new float[] {1.2f, 0f}, 3);

        assertThat(nearest).containsExactly(2, 3, 0);
    }

    @Test
    void cosineIgnoresLength() {
        float[][] base = {{10f, 0f}, {1f, 1f}, {0f, 3f}};

        int[] nearest = new ExactSearch(base, BenchMetric.COSINE).topK(new float[] {0f, 0.1f}, 3);

        assertThat(nearest).containsExactly(2, 1, 0);
    }

    @Test
    void agreesWithTheGroundTruthShippedWithGlove25() throws IOException {
        Path glove = Path.of(System.getProperty("eider.project.dir", "..")).resolve("../shared/data/glove25");
        Path folder = Files.isDirectory(glove) ? glove : Path.of("/work/shared/data/glove25");
        float[][] base = VecFiles.readFvecs(folder.resolve("base.fvecs"), Integer.MAX_VALUE);
        float[][] queries = VecFiles.readFvecs(folder.resolve("query.fvecs"), 100);
        int[][] truth = VecFiles.readIvecs(folder.resolve("groundtruth_cosine.ivecs"), 100);

        int[][] found = new ExactSearch(base, BenchMetric.COSINE).topKAll(queries, 10);

        assertThat(Recall.mean(found, truth, 10)).isGreaterThanOrEqualTo(0.999);
    }
}
