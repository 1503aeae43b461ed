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
    void boundedDistancesAreExactBelowTheBoundAndNeverUnderstateAboveIt() {
        SplittableRandom random = new SplittableRandom(11);
        for (VectorKernels kernels : new VectorKernels[] {scalar, simd}) {
            // the Vector API may sum lanes in another order in compiled code than in the interpreter
            float rounding = kernels == scalar ? 0f : 1e-5f;
            for (int n = 1; n <= 800; n += 1 + n / 8) {
                float[] a = randomVector(random, n + 3);
                float[] b = randomVector(random, n + 3);
                int aOff = random.nextInt(3);
                int bOff = random.nextInt(3);
                float full = kernels.squaredL2(a, aOff, b, bOff, n);
                for (float fraction : new float[] {0f, 0.1f, 0.5f, 0.99f, 1f, 1.01f, 2f}) {
                    float bound = full * fraction;
                    float bounded = kernels.squaredL2Bounded(a, aOff, b, bOff, n, bound);
                    String what = kernels.name() + " n=" + n + " bound=" + bound;
                    if (bounded < bound) {
                        assertThat(bounded).as(what).isCloseTo(full, within(full * rounding));
                    } else {
                        assertThat(full).as(what).isGreaterThanOrEqualTo(bound * (1 - rounding));
                    }
                }
                assertThat(kernels.squaredL2Bounded(a, aOff, b, bOff, n, Float.POSITIVE_INFINITY))
                        .isCloseTo(full, within(full * rounding));
            }
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
