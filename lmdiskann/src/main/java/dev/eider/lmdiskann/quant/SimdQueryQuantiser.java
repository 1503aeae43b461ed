package dev.eider.lmdiskann.quant;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Quantises a rotated query into {@link BitPlaneCodec}'s query bit planes with the Vector API: a vector mask per
 * plane gives a lane's bits at once ({@code VectorMask.toLong}), where the scalar loop shifts every bit of every
 * coordinate into place. An index insert sets up a query per back-linked neighbour, up to R of them, and this
 * loop was a tenth of the insert's CPU. Same float operations in the same order as the scalar loop, so the levels
 * and planes are identical.
 */
final class SimdQueryQuantiser {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());

    private SimdQueryQuantiser() {}

    /**
     * The quantiser, or null when {@code eider.simd=false} or a vector's lanes do not divide a 64-bit word.
     * Without the Vector API module this class cannot even be loaded: callers catch the {@link LinkageError}.
     */
    static SimdQueryQuantiser createOrNull() {
        if (!Boolean.parseBoolean(System.getProperty("eider.simd", "true"))) {
            return null;
        }
        int lanes = FLOATS.length();
        return lanes > 1 && Long.SIZE % lanes == 0 ? new SimdQueryQuantiser() : null;
    }

    /**
     * Sets {@code planes[w * bits + j]} to bit {@code j} of the levels {@code u = min(levels, (int) ((q - low) *
     * inverse + 0.5f))} of the coordinates of word {@code w}, for the first {@code dims} values of {@code query},
     * and returns the sum of the levels.
     */
    long quantise(float[] query, int dims, float low, float inverse, int levels, int bits, long[] planes) {
        int lanes = FLOATS.length();
        long sum = 0;
        long[] word = new long[bits];
        for (int w = 0; w * Long.SIZE < dims; w++) {
            Arrays.fill(word, 0L);
            int start = w * Long.SIZE;
            int end = Math.min(Long.SIZE, dims - start);
            int b = 0;
            for (; b + lanes <= end; b += lanes) {
                IntVector u = (IntVector) FloatVector.fromArray(FLOATS, query, start + b)
                        .sub(low).mul(inverse).add(0.5f)
                        .convertShape(VectorOperators.F2I, INTS, 0);
                u = u.min(levels);
                sum += u.reduceLanes(VectorOperators.ADD);
                for (int j = 0; j < bits; j++) {
                    VectorMask<Integer> set = u.and(1 << j).compare(VectorOperators.NE, 0);
                    word[j] |= set.toLong() << b;
                }
            }
            for (; b < end; b++) {
                int u = Math.min(levels, (int) ((query[start + b] - low) * inverse + 0.5f));
                sum += u;
                for (int j = 0; j < bits; j++) {
                    word[j] |= (long) (u >>> j & 1) << b;
                }
            }
            System.arraycopy(word, 0, planes, w * bits, bits);
        }
        return sum;
    }
}
