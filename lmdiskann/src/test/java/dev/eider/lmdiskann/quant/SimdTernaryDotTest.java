package dev.eider.lmdiskann.quant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.lmdiskann.disk.Bytes;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimdTernaryDotTest {

    private static final int QUERY_BITS = BitPlaneCodec.QUERY_BITS;

    /**
     * The vector kernel gives exactly {@code low * sum(t) + step * sum(t * u)} computed dimension by dimension,
     * for codes ending at the very end of their array (so a partial last vector must not read past it).
     */
    @ParameterizedTest
    @ValueSource(ints = {5, 64, 100, 130, 784, 1000})
    void equalsThePerDimensionSum(int dims) {
        SimdTernaryDot kernel = SimdTernaryDot.createOrNull(BitPlaneCodec.wordsFor(dims));
        assertThat(kernel).as("the tests run with the Vector API").isNotNull();
        int words = BitPlaneCodec.wordsFor(dims);
        SplittableRandom random = new SplittableRandom(dims);
        for (int trial = 0; trial < 50; trial++) {
            int at = 3 + random.nextInt(40);
            byte[] block = new byte[at + 2 * words * Long.BYTES];
            random.nextBytes(block);
            int[] symbols = new int[dims];
            for (int d = 0; d < dims; d++) {
                symbols[d] = random.nextInt(3) - 1;
            }
            int[] levels = new int[dims];
            for (int d = 0; d < dims; d++) {
                levels[d] = random.nextInt(1 << QUERY_BITS);
            }
            long[] planes = new long[kernel.paddedWords() * QUERY_BITS];
            for (int w = 0; w < words; w++) {
                long plus = 0;
                long minus = 0;
                for (int b = 0; b < Long.SIZE && w * Long.SIZE + b < dims; b++) {
                    int d = w * Long.SIZE + b;
                    plus |= (symbols[d] == 1 ? 1L : 0L) << b;
                    minus |= (symbols[d] == -1 ? 1L : 0L) << b;
                    for (int j = 0; j < QUERY_BITS; j++) {
                        planes[j * kernel.paddedWords() + w] |= (long) (levels[d] >>> j & 1) << b;
                    }
                }
                Bytes.putLong(block, at + w * Long.BYTES, plus);
                Bytes.putLong(block, at + (words + w) * Long.BYTES, minus);
            }
            long symbolSum = 0;
            long weighted = 0;
            for (int d = 0; d < dims; d++) {
                symbolSum += symbols[d];
                weighted += (long) symbols[d] * levels[d];
            }
            float low = (float) random.nextDouble(-2, 2);
            float step = (float) random.nextDouble(0.001, 1);
            assertThat(kernel.dot(block, at, planes, QUERY_BITS, low, step)).isEqualTo(low * symbolSum + step * weighted);
        }
    }
}
