package dev.eider.lmdiskann;

/**
 * How each node block stores the vectors of its neighbors. The compressed copies steer the beam search
 * (approximate distances computed straight from the codes); exact distances always come from full vectors.
 */
public enum NeighborCompression {
    /** {-1, 0, +1} per dimension at 2 bits plus three floats: the default from 64 dimensions. */
    TERNARY,
    /** Full float32 copies: exact steering, largest blocks; the default below 64 dimensions. */
    NONE,
    /** Sign bit per dimension plus one float scale: smallest blocks. */
    ONE_BIT;

    /** Below this many dimensions the default is {@link #NONE}. */
    public static final int TERNARY_MIN_DIMENSIONS = 64;

    /**
     * The default for a vector length: ternary from {@value #TERNARY_MIN_DIMENSIONS} dimensions, full floats
     * below. With few dimensions 2-bit codes carry too few bits to steer (glove25 needs L 160 for recall@10 0.94
     * with them, L 64 for 0.9997 without), while a float copy costs little there (25 dimensions: 100 bytes per
     * neighbor, a 6.8 KiB block at R 64).
     */
    public static NeighborCompression defaultFor(int dimensions) {
        return dimensions < TERNARY_MIN_DIMENSIONS ? NONE : TERNARY;
    }

    /** Parses a user-facing name such as {@code ternary}, {@code none}, {@code float32} or {@code 1bit}. */
    public static NeighborCompression parse(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "ternary" -> TERNARY;
            case "none", "float32", "float" -> NONE;
            case "one_bit", "1bit", "1-bit", "binary" -> ONE_BIT;
            default -> throw new IllegalArgumentException("unknown neighbor_compression '" + name
                    + "': expected one of ternary, none, one_bit");
        };
    }
}
