package dev.eider.lmdiskann;

/**
 * How each node block stores the vectors of its neighbors. The compressed copies steer the beam search
 * (approximate distances computed straight from the codes); exact distances always come from full vectors.
 */
public enum NeighborCompression {
    /** {-1, 0, +1} per dimension at 2 bits plus one float scale: the default. */
    TERNARY,
    /** Full float32 copies: exact steering, largest blocks. */
    NONE,
    /** Sign bit per dimension plus one float scale: smallest blocks. */
    ONE_BIT;

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
