package dev.eider.bench.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a texmex dataset folder ({@code base.fvecs}, {@code query.fvecs}, {@code groundtruth*.ivecs}). When only a
 * prefix of the base is used, or the metric's ground-truth file is missing, the ground truth is recomputed by brute
 * force and cached in the work directory.
 */
public final class DatasetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetLoader.class);
    private static final int GROUND_TRUTH_DEPTH = 100;

    private final Path cacheDir;

    public DatasetLoader(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    public Dataset load(Path dir, BenchMetric metric, int baseLimit, int queryLimit) throws IOException {
        Path baseFile = dir.resolve("base.fvecs");
        Path queryFile = dir.resolve("query.fvecs");
        if (!Files.isRegularFile(baseFile) || !Files.isRegularFile(queryFile)) {
            throw new IOException(dir + " is not a dataset folder: it needs base.fvecs and query.fvecs"
                    + " (fetch the large ones with ../shared/datasets/fetch.sh)");
        }
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        float[][] base = VecFiles.readFvecs(baseFile, baseLimit);
        float[][] queries = VecFiles.readFvecs(queryFile, queryLimit);
        long fullSize = Files.size(baseFile) / ((long) Integer.BYTES * (base[0].length + 1));
        Path groundTruthFile = dir.resolve(metric.groundTruthFile());
        if (base.length == fullSize && Files.isRegularFile(groundTruthFile)) {
            int[][] groundTruth = VecFiles.readIvecs(groundTruthFile, queries.length);
            return new Dataset(name, metric, base, queries, groundTruth, false);
        }
        String cacheName = name + "-" + metric.name().toLowerCase(Locale.ROOT) + "-" + base.length + "x"
                + queries.length + "-groundtruth.ivecs";
        Path cached = cacheDir.resolve(cacheName);
        int[][] groundTruth;
        if (Files.isRegularFile(cached)) {
            groundTruth = VecFiles.readIvecs(cached, queries.length);
        } else {
            LOG.info("computing exact ground truth for {} queries over {} base vectors", queries.length, base.length);
            groundTruth = new ExactSearch(base, metric).topKAll(queries, GROUND_TRUTH_DEPTH);
            Files.createDirectories(cacheDir);
            VecFiles.writeIvecs(cached, groundTruth);
        }
        String label = base.length == fullSize ? name : name + "[:" + base.length + "]";
        return new Dataset(label, metric, base, queries, groundTruth, true);
    }
}
