package dev.eider.lmdiskann.quant;

import dev.eider.lmdiskann.NeighborCompression;
import dev.eider.lmdiskann.vector.VectorMetric;

/** Encodes a node's vector into the compact copy its in-neighbors store, and scores queries against it. */
public interface NeighborCodec {

    /** Bytes of one code. */
    int codeBytes();

    /** Writes the code of {@code v} (stored form) at {@code dst[offset..]}. Thread-safe. */
    void encode(float[] v, byte[] dst, int offset);

    /** Reconstructs the approximate vector of a code into {@code out} (used to re-prune neighbor lists). */
    void decode(byte[] src, int offset, float[] out);

    /** A fresh scorer for one search thread. */
    CodeScorer newScorer();

    /**
     * The codec of a compression scheme. {@code center} is the mean of the indexed vectors: the quantised codes
     * describe each vector's offset from it, which is what makes 1 and 2 bits per dimension informative for
     * data that is not centred (SIFT's values are all positive, for example).
     */
    static NeighborCodec create(NeighborCompression compression, VectorMetric metric, float[] center) {
        return switch (compression) {
            case NONE -> new FloatCodec(metric, center.length);
            case TERNARY -> new BitPlaneCodec(metric, center, BitPlaneCodec.Kind.TERNARY);
            case ONE_BIT -> new BitPlaneCodec(metric, center, BitPlaneCodec.Kind.ONE_BIT);
        };
    }

    /** Code size of a scheme at a vector length, needed before any center is known. */
    static int codeBytes(NeighborCompression compression, int dimensions) {
        return switch (compression) {
            case NONE -> 4 * dimensions;
            case TERNARY -> BitPlaneCodec.codeBytes(BitPlaneCodec.Kind.TERNARY, dimensions);
            case ONE_BIT -> BitPlaneCodec.codeBytes(BitPlaneCodec.Kind.ONE_BIT, dimensions);
        };
    }
}
