package dev.eider.bench.dataset;

/**
 * Base vectors, queries and their exact neighbours (row {@code i} of {@code groundTruth} answers query {@code i};
 * ids are 0-based row numbers in {@code base}).
 *
 * @param groundTruthComputed true when the ground truth was recomputed by brute force (base prefix or missing file)
 */
public record Dataset(String name, BenchMetric metric, float[][] base, float[][] queries, int[][] groundTruth,
                      boolean groundTruthComputed) {
    public Dataset {
        if (base.length == 0 || queries.length == 0) {
            throw new IllegalArgumentException("dataset " + name + " has no base vectors or no queries");
        }
        if (groundTruth.length < queries.length) {
            throw new IllegalArgumentException("dataset " + name + " has " + queries.length + " queries but ground truth for "
                    + groundTruth.length);
        }
        if (queries[0].length != base[0].length) {
            throw new IllegalArgumentException("dataset " + name + ": queries have " + queries[0].length
                    + " dimensions, base vectors " + base[0].length);
        }
    }

    public int dimensions() {
        return base[0].length;
    }

    public int size() {
        return base.length;
    }

    /** The smallest ground-truth row length: recall@k needs k at most this. */
    public int groundTruthDepth() {
        int depth = Integer.MAX_VALUE;
        for (int q = 0; q < queries.length; q++) {
            depth = Math.min(depth, groundTruth[q].length);
        }
        return depth;
    }
}
