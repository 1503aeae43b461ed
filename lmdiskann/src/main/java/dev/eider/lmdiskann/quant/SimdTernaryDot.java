package dev.eider.lmdiskann.quant;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code q.t} of a ternary code with the Vector API: the population counts of {@link BitPlaneCodec}'s plane
 * intersections, a vector of words at a time (one {@code vpopcntq} per 8 words on AVX-512, where the scalar loop
 * issues one {@code popcnt} per word and took a third of a query's CPU). Integer sums, so the result is
 * bit-identical to the scalar loop's.
 */
final class SimdTernaryDot {

    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;

    private final int words;

    private SimdTernaryDot(int words) {
        this.words = words;
    }

    /**
     * The kernel for codes of {@code words} words per plane, or null when {@code eider.simd=false} or the
     * vectors are one lane wide. Without the Vector API module this class cannot even be loaded: callers
     * catch the {@link LinkageError}.
     */
    static SimdTernaryDot createOrNull(int words) {
        if (!Boolean.parseBoolean(System.getProperty("eider.simd", "true"))) {
            return null;
        }
        return SPECIES.length() > 1 ? new SimdTernaryDot(words) : null;
    }

    /** Length of a query plane in {@link #dot}'s layout: the words rounded up to whole vectors. */
    int paddedWords() {
        return (words + SPECIES.length() - 1) / SPECIES.length() * SPECIES.length();
    }

    /**
     * {@code low * sum(t) + step * sum(t * u)} for the code whose planes start at {@code block[codes..]};
     * {@code planes} holds bit {@code j} of the quantised query {@code u} at {@code [j * paddedWords()..]}, zero
     * past the last word.
     */
    float dot(byte[] block, int codes, long[] planes, int queryBits, float low, float step) {
        MemorySegment segment = MemorySegment.ofArray(block);
        int padded = paddedWords();
        long minusPlane = codes + (long) words * Long.BYTES;
        LongVector symbols = LongVector.zero(SPECIES);
        LongVector weighted = LongVector.zero(SPECIES);
        for (int w = 0; w < words; w += SPECIES.length()) {
            VectorMask<Long> inCode = SPECIES.indexInRange(w, words);
            LongVector plus = LongVector.fromMemorySegment(SPECIES, segment, codes + (long) w * Long.BYTES,
                    ByteOrder.LITTLE_ENDIAN, inCode);
            LongVector minus = LongVector.fromMemorySegment(SPECIES, segment, minusPlane + (long) w * Long.BYTES,
                    ByteOrder.LITTLE_ENDIAN, inCode);
            symbols = symbols.add(plus.lanewise(VectorOperators.BIT_COUNT))
                    .sub(minus.lanewise(VectorOperators.BIT_COUNT));
            for (int j = 0; j < queryBits; j++) {
                LongVector q = LongVector.fromArray(SPECIES, planes, j * padded + w);
                LongVector difference = plus.and(q).lanewise(VectorOperators.BIT_COUNT)
                        .sub(minus.and(q).lanewise(VectorOperators.BIT_COUNT));
                weighted = weighted.add(difference.lanewise(VectorOperators.LSHL, j));
            }
        }
        return low * symbols.reduceLanes(VectorOperators.ADD) + step * weighted.reduceLanes(VectorOperators.ADD);
    }
}
