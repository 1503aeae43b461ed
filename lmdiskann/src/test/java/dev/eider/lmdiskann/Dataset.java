package dev.eider.lmdiskann;

import dev.eider.lmdiskann.io.Fvecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** A test vector set from src/test/resources/datasets with its brute-force ground truth. */
record Dataset(String name, Metric metric, float[][] base, float[][] queries, int[][] groundTruth) {

    static Dataset sift5k() {
        return load("sift5k", Metric.L2, "groundtruth.ivecs");
    }

    static Dataset glove25() {
        return load("glove25", Metric.COSINE, "groundtruth_cosine.ivecs");
    }

    private static Dataset load(String name, Metric metric, String truth) {
        try {
            return new Dataset(name, metric, Fvecs.readFvecs(resource(name, "base.fvecs")),
                    Fvecs.readFvecs(resource(name, "query.fvecs")), Fvecs.readIvecs(resource(name, truth)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String dataset, String file) {
        try {
            return Path.of(Dataset.class.getResource("/datasets/" + dataset + "/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    int dimensions() {
        return base[0].length;
    }

    VectorSource source() {
        return VectorSource.of(base);
    }
}
