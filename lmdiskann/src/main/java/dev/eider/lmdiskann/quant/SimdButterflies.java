package dev.eider.lmdiskann.quant;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Walsh-Hadamard butterflies of {@link RandomRotation} whose span is at least a vector wide, a vector of
 * pairs at a time. The scalar loop's reads and writes overlap across iterations as far as the JIT can tell, so it
 * stays one pair per instruction; the rotation of a query is repeated per back-linked neighbour of an insert.
 * Each output is the same single float addition or subtraction as in the scalar loop, so results are identical.
 */
final class SimdButterflies {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private SimdButterflies() {}

    /**
     * The butterflies, or null when {@code eider.simd=false} or vectors are one lane wide. Without the Vector API
     * module this class cannot even be loaded: callers catch the {@link LinkageError}.
     */
    static SimdButterflies createOrNull() {
        if (!Boolean.parseBoolean(System.getProperty("eider.simd", "true"))) {
            return null;
        }
        return SPECIES.length() > 1 ? new SimdButterflies() : null;
    }

    /** The smallest span these butterflies take: smaller spans stay with the scalar loop. */
    int minSpan() {
        return SPECIES.length();
    }

    /** One stage of span {@code h} (a multiple of {@link #minSpan}) over {@code v[start .. start + len)}. */
    void stage(float[] v, int start, int len, int h) {
        int step = SPECIES.length();
        for (int i = start; i < start + len; i += h << 1) {
            for (int j = i; j < i + h; j += step) {
                FloatVector a = FloatVector.fromArray(SPECIES, v, j);
                FloatVector b = FloatVector.fromArray(SPECIES, v, j + h);
                a.add(b).intoArray(v, j);
                a.sub(b).intoArray(v, j + h);
            }
        }
    }
}
