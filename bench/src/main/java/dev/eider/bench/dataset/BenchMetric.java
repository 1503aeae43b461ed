package dev.eider.bench.dataset;

import java.util.Locale;
import org.apache.lucene.util.VectorUtil;

/** The distance a benchmark ranks by; smaller is closer for both. */
public enum BenchMetric {
    L2("groundtruth.ivecs"),
    COSINE("groundtruth_cosine.ivecs");

    private final String groundTruthFile;

    BenchMetric(String groundTruthFile) {
        this.groundTruthFile = groundTruthFile;
    }

    /** The texmex ground-truth file name the dataset folders use for this metric. */
    public String groundTruthFile() {
        return groundTruthFile;
    }

    /** Squared L2 distance, or cosine distance (1 - cosine similarity); Lucene's SIMD kernels do the work. */
    public float distance(float[] a, float[] b) {
        return switch (this) {
            case L2 -> VectorUtil.squareDistance(a, b);
            case COSINE -> 1f - VectorUtil.cosine(a, b);
        };
    }

    public static BenchMetric parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "l2", "euclidean" -> L2;
            case "cosine" -> COSINE;
            default -> throw new IllegalArgumentException("unknown metric '" + text + "': use l2 or cosine");
        };
    }
}
