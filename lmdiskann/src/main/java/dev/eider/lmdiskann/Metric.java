package dev.eider.lmdiskann;

/**
 * The distance an index ranks by. Returned distances follow pgvector and DuckDB: {@link #L2} is the Euclidean
 * distance ({@code <->}, {@code array_distance}), {@link #COSINE} is {@code 1 - cos} ({@code <=>}) and
 * {@link #INNER_PRODUCT} is the negative dot product ({@code <#>}).
 */
public enum Metric {
    L2,
    COSINE,
    INNER_PRODUCT;

    /** Parses a user-facing name such as {@code l2}, {@code cosine}, {@code ip} or {@code inner_product}. */
    public static Metric parse(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "l2", "euclidean" -> L2;
            case "cosine", "cos" -> COSINE;
            case "ip", "inner_product", "dot" -> INNER_PRODUCT;
            default -> throw new IllegalArgumentException(
                    "unknown metric '" + name + "': expected one of l2, cosine, inner_product");
        };
    }
}
