package dev.eider.lmdiskann;

/**
 * The fixed shape of an index, written into the graph file header and checked at open.
 *
 * @param dimensions   vector length, 1..65536
 * @param metric       distance the index ranks by
 * @param maxDegree    R: the most neighbors a node keeps (default 64)
 * @param buildSearchL beam width used while building and inserting (default 128)
 * @param searchL      default beam width of a search (default 100)
 * @param alpha        RobustPrune's distance multiplier for the second build pass (default 1.2)
 * @param compression  how neighbor vectors are stored in each block (default ternary, {@code none} below 64
 *                     dimensions: {@link NeighborCompression#defaultFor})
 */
public record IndexConfig(int dimensions, Metric metric, int maxDegree, int buildSearchL, int searchL, float alpha,
                          NeighborCompression compression) {

    public static final int DEFAULT_MAX_DEGREE = 64;
    public static final int DEFAULT_BUILD_SEARCH_L = 128;
    public static final int DEFAULT_SEARCH_L = 100;
    public static final float DEFAULT_ALPHA = 1.2f;
    public static final int MAX_DIMENSIONS = 65_536;

    public IndexConfig {
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new IllegalArgumentException(
                    "dimensions must be between 1 and " + MAX_DIMENSIONS + ", got " + dimensions);
        }
        if (metric == null) {
            throw new IllegalArgumentException("metric must be given (l2, cosine or inner_product)");
        }
        if (maxDegree < 2 || maxDegree > 1024) {
            throw new IllegalArgumentException("max_degree must be between 2 and 1024, got " + maxDegree);
        }
        if (buildSearchL < maxDegree) {
            throw new IllegalArgumentException("build_search_l (" + buildSearchL
                    + ") must be at least max_degree (" + maxDegree + ")");
        }
        if (searchL < 1) {
            throw new IllegalArgumentException("search_l must be at least 1, got " + searchL);
        }
        if (!(alpha >= 1.0f && alpha <= 4.0f)) {
            throw new IllegalArgumentException("alpha must be between 1.0 and 4.0, got " + alpha);
        }
        if (compression == null) {
            throw new IllegalArgumentException("neighbor_compression must be given (ternary, none or one_bit)");
        }
    }

    /** The defaults for a vector length and metric. */
    public static IndexConfig defaults(int dimensions, Metric metric) {
        return new IndexConfig(dimensions, metric, DEFAULT_MAX_DEGREE, DEFAULT_BUILD_SEARCH_L, DEFAULT_SEARCH_L,
                DEFAULT_ALPHA, NeighborCompression.defaultFor(dimensions));
    }

    public IndexConfig withMaxDegree(int r) {
        return new IndexConfig(dimensions, metric, r, Math.max(buildSearchL, r), searchL, alpha, compression);
    }

    public IndexConfig withBuildSearchL(int l) {
        return new IndexConfig(dimensions, metric, maxDegree, l, searchL, alpha, compression);
    }

    public IndexConfig withSearchL(int l) {
        return new IndexConfig(dimensions, metric, maxDegree, buildSearchL, l, alpha, compression);
    }

    public IndexConfig withAlpha(float a) {
        return new IndexConfig(dimensions, metric, maxDegree, buildSearchL, searchL, a, compression);
    }

    public IndexConfig withCompression(NeighborCompression c) {
        return new IndexConfig(dimensions, metric, maxDegree, buildSearchL, searchL, alpha, c);
    }
}
