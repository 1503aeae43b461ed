package dev.eider.lmdiskann.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.NeighborCompression;
import dev.eider.lmdiskann.io.Fvecs;
import dev.eider.lmdiskann.vector.ScalarKernels;
import dev.eider.lmdiskann.vector.VectorMetric;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeighborCodecTest {

    private static float[][] sift(String file, int limit) throws Exception {
        return Fvecs.readFvecs(Path.of(NeighborCodecTest.class.getResource("/datasets/sift5k/" + file).toURI()), limit);
    }

    private static float[] mean(float[][] vectors) {
        float[] center = new float[vectors[0].length];
        for (float[] v : vectors) {
            for (int i = 0; i < v.length; i++) {
                center[i] += v[i] / vectors.length;
            }
        }
        return center;
    }

    @ParameterizedTest
    @CsvSource({"NONE,L2", "NONE,COSINE", "NONE,INNER_PRODUCT"})
    void uncompressedCodesGiveExactDistances(NeighborCompression compression, Metric metricName) throws Exception {
        VectorMetric metric = new VectorMetric(metricName, new ScalarKernels());
        float[][] base = prepared(metric, sift("base.fvecs", 200));
        float[] query = prepared(metric, sift("query.fvecs", 1))[0];
        NeighborCodec codec = NeighborCodec.create(compression, metric, mean(base));
        CodeScorer scorer = codec.newScorer();
        scorer.setQuery(query);
        byte[] code = new byte[codec.codeBytes()];
        for (float[] v : base) {
            codec.encode(v, code, 0);
            assertThat(scorer.distance(code, 0)).isEqualTo(metric.distance(query, v));
        }
    }

    /**
     * The bit-plane scorer computes the estimate it stands for, without decoding: the estimate from the decoded
     * symbols and the float query, up to the rounding of the query to {@value BitPlaneCodec#QUERY_BITS}-bit
     * levels, which moves {@code q.t} by at most half a level per non-zero symbol.
     */
    @ParameterizedTest
    @CsvSource({"TERNARY,L2,128", "TERNARY,COSINE,128", "TERNARY,INNER_PRODUCT,128", "ONE_BIT,L2,128",
            "ONE_BIT,COSINE,128", "TERNARY,L2,5", "TERNARY,COSINE,100", "ONE_BIT,L2,130", "TERNARY,L2,784"})
    void planeScoresMatchTheEstimateFromTheSymbols(NeighborCompression compression, Metric metricName, int dims)
            throws Exception {
        VectorMetric metric = new VectorMetric(metricName, new ScalarKernels());
        float[][] base = prepared(metric, dims == 128 ? sift("base.fvecs", 100) : gaussian(100, dims));
        float[] query = prepared(metric, dims == 128 ? sift("query.fvecs", 1) : gaussian(1, dims))[0];
        float[] center = mean(base);
        NeighborCodec codec = NeighborCodec.create(compression, metric, center);
        CodeScorer scorer = codec.newScorer();
        scorer.setQuery(query);
        byte[] code = new byte[codec.codeBytes() + 16];
        Arrays.fill(code, (byte) 0x5A);
        float[] decoded = new float[dims];
        RandomRotation rotation = new RandomRotation(dims);
        float[] scratch = new float[dims];
        float[] queryResidual = new float[dims];
        for (int i = 0; i < dims; i++) {
            queryResidual[i] = query[i] - center[i];
        }
        float[] rotatedQuery = new float[dims];
        rotation.apply(metricName == Metric.L2 ? queryResidual : query, rotatedQuery, scratch);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float q : rotatedQuery) {
            min = Math.min(min, q);
            max = Math.max(max, q);
        }
        double halfLevel = (max - min) / ((1 << BitPlaneCodec.QUERY_BITS) - 1) / 2;
        for (float[] v : base) {
            codec.encode(v, code, 0);
            codec.decode(code, 0, decoded);
            // decode gives center + R^T (s_ls * t): rotate the offset back to recover the symbols t
            float[] offset = new float[dims];
            for (int i = 0; i < dims; i++) {
                offset[i] = decoded[i] - center[i];
            }
            float[] symbols = new float[dims];
            rotation.apply(offset, symbols, scratch);
            double reconstructionScale = java.nio.ByteBuffer.wrap(code, 8, 4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
            double scoreScale = java.nio.ByteBuffer.wrap(code, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
            double normSq = 0;
            double qDotT = 0;
            double qResidualNormSq = 0;
            double qDotCenter = 0;
            int support = 0;
            for (int i = 0; i < dims; i++) {
                double t = reconstructionScale == 0 ? 0 : Math.rint(symbols[i] / reconstructionScale);
                assertThat(Math.abs(t)).isLessThanOrEqualTo(1.0);
                support += t != 0 ? 1 : 0;
                double r = v[i] - center[i];
                normSq += r * r;
                qDotT += rotatedQuery[i] * t;
                qResidualNormSq += (double) queryResidual[i] * queryResidual[i];
                qDotCenter += (double) query[i] * center[i];
            }
            double expected = switch (metricName) {
                case L2 -> qResidualNormSq - 2 * scoreScale * qDotT + normSq;
                case COSINE -> 1 - (qDotCenter + scoreScale * qDotT);
                case INNER_PRODUCT -> -(qDotCenter + scoreScale * qDotT);
            };
            double rounding = (metricName == Metric.L2 ? 2 : 1) * scoreScale * support * halfLevel;
            assertThat((double) scorer.distance(code, 0))
                    .isCloseTo(expected, within(rounding + 1e-3 * Math.max(1, Math.abs(expected))));
        }
    }

    private static float[][] gaussian(int count, int dims) {
        java.util.Random random = new java.util.Random(dims * 31L + count);
        float[][] vectors = new float[count][dims];
        for (float[] v : vectors) {
            for (int i = 0; i < dims; i++) {
                v[i] = (float) random.nextGaussian();
            }
        }
        return vectors;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 7, 25, 128, 384, 1000})
    void theRotationPreservesLengthsAndInvertsExactly(int dims) {
        RandomRotation rotation = new RandomRotation(dims);
        java.util.SplittableRandom random = new java.util.SplittableRandom(dims);
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
        }
        float[] rotated = new float[dims];
        float[] back = new float[dims];
        float[] scratch = new float[dims];
        rotation.apply(v, rotated, scratch);
        rotation.applyInverse(rotated, back, scratch);
        double before = 0;
        double after = 0;
        for (int i = 0; i < dims; i++) {
            before += (double) v[i] * v[i];
            after += (double) rotated[i] * rotated[i];
            assertThat(back[i]).isCloseTo(v[i], within(1e-4f));
        }
        assertThat(after).isCloseTo(before, within(1e-4 * before));
    }

    /** Approximate distances must rank sensibly: the exact top 10 lies within the approximate top 50 of 1000. */
    @ParameterizedTest
    @CsvSource({"TERNARY,L2,0.85", "TERNARY,COSINE,0.85", "ONE_BIT,L2,0.6", "ONE_BIT,COSINE,0.6"})
    void approximateDistancesRankLikeExactOnes(NeighborCompression compression, Metric metricName, double minRecall)
            throws Exception {
        VectorMetric metric = new VectorMetric(metricName, new ScalarKernels());
        float[][] base = prepared(metric, sift("base.fvecs", 1000));
        float[][] queries = prepared(metric, sift("query.fvecs", 50));
        NeighborCodec codec = NeighborCodec.create(compression, metric, mean(base));
        byte[][] codes = new byte[base.length][codec.codeBytes()];
        for (int i = 0; i < base.length; i++) {
            codec.encode(base[i], codes[i], 0);
        }
        CodeScorer scorer = codec.newScorer();
        double recall = 0;
        double correlation = 0;
        for (float[] q : queries) {
            scorer.setQuery(q);
            double[] exact = Arrays.stream(base).mapToDouble(v -> metric.distance(q, v)).toArray();
            double[] approx = Arrays.stream(codes).mapToDouble(c -> scorer.distance(c, 0)).toArray();
            int[] exactTop = top(exact, 10);
            int[] approxTop = top(approx, 50);
            recall += Arrays.stream(exactTop).filter(i -> Arrays.stream(approxTop).anyMatch(j -> j == i)).count() / 10.0;
            correlation += pearson(exact, approx);
        }
        assertThat(recall / queries.length).isGreaterThanOrEqualTo(minRecall);
        assertThat(correlation / queries.length).isGreaterThan(0.7);
    }

    private static int[] top(double[] d, int k) {
        return IntStream.range(0, d.length).boxed().sorted(Comparator.comparingDouble(i -> d[i])).limit(k)
                .mapToInt(Integer::intValue).toArray();
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double num = 0, da = 0, db = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ma) * (b[i] - mb);
            da += (a[i] - ma) * (a[i] - ma);
            db += (b[i] - mb) * (b[i] - mb);
        }
        return num / Math.sqrt(da * db);
    }

    private static float[][] prepared(VectorMetric metric, float[][] vectors) {
        for (float[] v : vectors) {
            metric.prepare(v, 0, v.length);
        }
        return vectors;
    }
}
