package dev.eider.lmdiskann.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimdQueryQuantiserTest {

    private static final int BITS = BitPlaneCodec.QUERY_BITS;

    /** The vector quantiser's planes and level sum equal the levels computed one coordinate at a time. */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 64, 100, 130, 384, 784, 1000})
    void equalsThePerCoordinateLevels(int dims) {
        SimdQueryQuantiser quantiser = SimdQueryQuantiser.createOrNull();
        assertThat(quantiser).as("the tests run with the Vector API").isNotNull();
        SplittableRandom random = new SplittableRandom(dims);
        int levels = (1 << BITS) - 1;
        for (int trial = 0; trial < 50; trial++) {
            float[] query = new float[dims];
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int d = 0; d < dims; d++) {
                query[d] = (float) random.nextGaussian();
                min = Math.min(min, query[d]);
                max = Math.max(max, query[d]);
            }
            float inverse = max > min ? levels / (max - min) : 0f;
            long[] expected = new long[BitPlaneCodec.wordsFor(dims) * BITS];
            long expectedSum = 0;
            for (int d = 0; d < dims; d++) {
                int u = Math.min(levels, (int) ((query[d] - min) * inverse + 0.5f));
                expectedSum += u;
                for (int j = 0; j < BITS; j++) {
                    expected[d / Long.SIZE * BITS + j] |= (long) (u >>> j & 1) << (d % Long.SIZE);
                }
            }
            long[] planes = new long[expected.length];
            assertThat(quantiser.quantise(query, dims, min, inverse, levels, BITS, planes)).isEqualTo(expectedSum);
            assertThat(planes).containsExactly(expected);
        }
    }
}
