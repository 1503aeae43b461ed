package dev.eider.lmdiskann.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorKernelsTest {

    private final ScalarKernels scalar = new ScalarKernels();
    private final SimdKernels simd = new SimdKernels();

    @Test
    void theVectorApiIsPickedWhenAvailable() {
        assertThat(VectorKernels.best().name()).startsWith("simd-");
    }

    @Test
    void simdAndScalarAgreeOnEveryLengthAndOffset() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 1; n <= 300; n++) {
            float[] a = randomVector(random, n + 5);
            float[] b = randomVector(random, n + 5);
            int aOff = random.nextInt(5);
            int bOff = random.nextInt(5);
            double dot = 0;
            double l2 = 0;
            for (int i = 0; i < n; i++) {
                dot += (double) a[aOff + i] * b[bOff + i];
                double d = (double) a[aOff + i] - b[bOff + i];
                l2 += d * d;
            }
            double tolerance = 1e-4 * n;
            assertThat((double) simd.dot(a, aOff, b, bOff, n)).isCloseTo(dot, within(tolerance));
            assertThat((double) scalar.dot(a, aOff, b, bOff, n)).isCloseTo(dot, within(tolerance));
            assertThat((double) simd.squaredL2(a, aOff, b, bOff, n)).isCloseTo(l2, within(tolerance));
            assertThat((double) scalar.squaredL2(a, aOff, b, bOff, n)).isCloseTo(l2, within(tolerance));
        }
    }

    @Test
    void metricsGiveUserFacingDistances() {
        float[] a = {3f, 0f};
        float[] b = {0f, 4f};
        VectorMetric l2 = new VectorMetric(dev.eider.lmdiskann.Metric.L2, simd);
        assertThat(l2.toUser(l2.distance(a, b))).isCloseTo(5f, within(1e-6f));
        VectorMetric ip = new VectorMetric(dev.eider.lmdiskann.Metric.INNER_PRODUCT, simd);
        assertThat(ip.distance(new float[] {1f, 2f}, new float[] {3f, 4f})).isEqualTo(-11f);
        VectorMetric cosine = new VectorMetric(dev.eider.lmdiskann.Metric.COSINE, simd);
        float[] x = {1f, 1f};
        float[] y = {2f, 0f};
        cosine.prepare(x, 0, 2);
        cosine.prepare(y, 0, 2);
        assertThat(cosine.distance(x, y)).isCloseTo((float) (1 - Math.sqrt(0.5)), within(1e-6f));
    }

    private static float[] randomVector(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
