package dev.eider.lmdiskann.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimdButterfliesTest {

    /**
     * Every stage the vector butterflies take gives exactly the values of the pairwise loop (a + b, a - b), on a
     * block that starts inside the array as {@link RandomRotation}'s later blocks do.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 16, 64, 256, 512, 1024})
    void equalThePairwiseLoop(int len) {
        SimdButterflies butterflies = SimdButterflies.createOrNull();
        assertThat(butterflies).as("the tests run with the Vector API").isNotNull();
        SplittableRandom random = new SplittableRandom(len);
        int start = 3 * butterflies.minSpan();
        for (int h = butterflies.minSpan(); h < len; h <<= 1) {
            float[] vector = new float[start + len + 5];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) random.nextGaussian();
            }
            float[] expected = vector.clone();
            for (int i = start; i < start + len; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    float a = expected[j];
                    float b = expected[j + h];
                    expected[j] = a + b;
                    expected[j + h] = a - b;
                }
            }
            butterflies.stage(vector, start, len, h);
            assertThat(vector).as("span %d", h).containsExactly(expected);
        }
    }
}
