package dev.eider.lmdiskann.quant;

import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.disk.Bytes;
import dev.eider.lmdiskann.vector.VectorMetric;
import java.util.Arrays;

/**
 * Ternary (2 bits per dimension) and 1-bit codes of a vector's offset from the index center, randomly rotated
 * ({@link RandomRotation}): the approximation is {@code center + R^T (scale * t)} with {@code t} in {-1, 0, +1}
 * (ternary) or {-1, +1} (1-bit). Below, {@code x'} is the rotated offset and {@code q} the rotated query.
 *
 * <p>Layout: float score scale, float {@code |x - center|^2}, float reconstruction scale, then bit planes of
 * {@code ceil(dims / 64)} little-endian 64-bit words each: ternary has a plane of the +1 positions and one of the
 * -1 positions, 1-bit one plane of the +1 positions. Two scales because the two uses want different ones: the
 * reconstruction {@code s * t} closest to {@code x'} has {@code s = (x'.t) / |t|^2}, but it shrinks every dot
 * product by the angle between {@code x'} and {@code t}, which differs from code to code and so scrambles
 * rankings; scoring instead estimates {@code q.x'} as {@code (q.t) * |x'|^2 / (x'.t)}, exact when {@code q} lies
 * along {@code x'} (the estimator of RaBitQ), and uses the exact {@code |x'|^2} in L2.
 *
 * <p>Scoring never decodes: per query, {@code q} is quantised to {@value #QUERY_BITS}-bit integers {@code u}
 * ({@code q ~ low + step * u}) kept as bit planes too, so {@code q.t} is {@code low * sum(t) + step * sum(t * u)}
 * and {@code sum(t * u)} is a weighted sum of population counts of plane intersections: at 784 dimensions 13
 * words, 130 {@code popcnt} instructions per code. The query rounding moves an estimate by at most
 * {@code step / 2} per non-zero symbol, far less than what the 2-bit code itself loses.
 */
final class BitPlaneCodec implements NeighborCodec {

    static final int HEADER_BYTES = 12;
    /** Bits per quantised query coordinate. */
    static final int QUERY_BITS = 4;

    enum Kind {
        /** Planes: +1 positions, then -1 positions. */
        TERNARY(2),
        /** Plane: +1 positions; the other dimensions are -1. */
        ONE_BIT(1);

        final int planes;

        Kind(int planes) {
            this.planes = planes;
        }
    }

    private final VectorMetric metric;
    private final float[] center;
    private final Kind kind;
    private final int dims;
    private final int words;
    private final RandomRotation rotation;
    /** Vector API kernel for ternary scoring; null for 1-bit codes or without the Vector API. */
    private final SimdTernaryDot simd;
    /** Vector API query quantiser; null without the Vector API. */
    private final SimdQueryQuantiser quantiser;

    BitPlaneCodec(VectorMetric metric, float[] center, Kind kind) {
        this.metric = metric;
        this.center = center.clone();
        this.kind = kind;
        this.dims = center.length;
        this.words = wordsFor(dims);
        this.rotation = new RandomRotation(dims);
        this.simd = kind == Kind.TERNARY ? simdOrNull(words) : null;
        this.quantiser = quantiserOrNull();
    }

    /** The SIMD query quantiser, or null (scalar loop) when the JVM runs without {@code jdk.incubator.vector}. */
    private static SimdQueryQuantiser quantiserOrNull() {
        try {
            return SimdQueryQuantiser.createOrNull();
        } catch (LinkageError vectorApiMissing) {
            return null;
        }
    }

    /** The SIMD kernel, or null (scalar loop) when the JVM runs without {@code jdk.incubator.vector}. */
    private static SimdTernaryDot simdOrNull(int words) {
        try {
            return SimdTernaryDot.createOrNull(words);
        } catch (LinkageError vectorApiMissing) {
            return null;
        }
    }

    static int wordsFor(int dims) {
        return (dims + Long.SIZE - 1) / Long.SIZE;
    }

    /** Code size of a kind at a vector length. */
    static int codeBytes(Kind kind, int dims) {
        return HEADER_BYTES + kind.planes * wordsFor(dims) * Long.BYTES;
    }

    @Override
    public int codeBytes() {
        return codeBytes(kind, dims);
    }

    @Override
    public void encode(float[] v, byte[] dst, int offset) {
        float[] fromCenter = new float[dims];
        for (int i = 0; i < dims; i++) {
            fromCenter[i] = v[i] - center[i];
        }
        float[] residual = new float[dims];
        rotation.apply(fromCenter, residual, new float[dims]);
        Arrays.fill(dst, offset + HEADER_BYTES, offset + codeBytes(), (byte) 0);
        float threshold = kind == Kind.TERNARY ? ternaryThreshold(residual) : 0f;
        double dotWithSymbols = 0;
        double normSq = 0;
        int support = 0;
        for (int i = 0; i < dims; i++) {
            float r = residual[i];
            float a = Math.abs(r);
            normSq += (double) r * r;
            if (kind == Kind.ONE_BIT) {
                dotWithSymbols += a;
                support++;
                if (r >= 0) {
                    setBit(dst, offset, 0, i);
                }
            } else if (a >= threshold && a > 0f) {
                dotWithSymbols += a;
                support++;
                setBit(dst, offset, r > 0 ? 0 : 1, i);
            }
        }
        float scoreScale = dotWithSymbols == 0 ? 0f : (float) (normSq / dotWithSymbols);
        float reconstructionScale = support == 0 ? 0f : (float) (dotWithSymbols / support);
        Bytes.putFloat(dst, offset, scoreScale);
        Bytes.putFloat(dst, offset + 4, (float) normSq);
        Bytes.putFloat(dst, offset + 8, reconstructionScale);
    }

    /**
     * The magnitude above which a dimension gets a non-zero symbol. Keeping the m largest magnitudes with the
     * scale set to their mean leaves a squared error of {@code |x|^2 - (sum of the m largest)^2 / m}, so the best
     * m maximises {@code prefixSum(m)^2 / m}.
     */
    private float ternaryThreshold(float[] residual) {
        float[] magnitudes = new float[dims];
        for (int i = 0; i < dims; i++) {
            magnitudes[i] = Math.abs(residual[i]);
        }
        Arrays.sort(magnitudes);
        double prefix = 0;
        double best = -1;
        float threshold = Float.POSITIVE_INFINITY;
        for (int m = 1; m <= dims; m++) {
            float a = magnitudes[dims - m];
            prefix += a;
            double gain = prefix * prefix / m;
            if (gain > best) {
                best = gain;
                threshold = a;
            }
        }
        return threshold;
    }

    /** Byte {@code dim / 8} of a plane holds bit {@code dim % 8}: the little-endian word order. */
    private int planeByte(int offset, int plane, int dim) {
        return offset + HEADER_BYTES + plane * words * Long.BYTES + dim / Byte.SIZE;
    }

    private void setBit(byte[] dst, int offset, int plane, int dim) {
        int at = planeByte(offset, plane, dim);
        dst[at] = (byte) (dst[at] | (1 << (dim % Byte.SIZE)));
    }

    private boolean bit(byte[] src, int offset, int plane, int dim) {
        return (src[planeByte(offset, plane, dim)] >>> (dim % Byte.SIZE) & 1) != 0;
    }

    @Override
    public void decode(byte[] src, int offset, float[] out) {
        float scale = Bytes.getFloat(src, offset + 8);
        float[] rotated = new float[dims];
        for (int i = 0; i < dims; i++) {
            float symbol;
            if (kind == Kind.ONE_BIT) {
                symbol = bit(src, offset, 0, i) ? 1f : -1f;
            } else {
                symbol = bit(src, offset, 0, i) ? 1f : bit(src, offset, 1, i) ? -1f : 0f;
            }
            rotated[i] = scale * symbol;
        }
        rotation.applyInverse(rotated, out, new float[dims]);
        for (int i = 0; i < dims; i++) {
            out[i] += center[i];
        }
    }

    @Override
    public CodeScorer newScorer() {
        return new PlaneScorer();
    }

    /**
     * One search thread's scorer: the rotated query (minus the center for L2), its squared distance to the
     * center, its dot product with the center, and its quantised bit planes, word-interleaved
     * ({@code planes[w * QUERY_BITS + j]} is bit {@code j} of the coordinates of word {@code w}).
     */
    private final class PlaneScorer implements CodeScorer {

        private final float[] rotatedQuery = new float[dims];
        private final float[] unrotated = new float[dims];
        private final float[] scratch = new float[dims];
        private final long[] queryPlanes = new long[words * QUERY_BITS];
        /** The same planes one after another, each padded with zero words for {@link SimdTernaryDot}. */
        private final long[] paddedPlanes = simd == null ? new long[0] : new long[simd.paddedWords() * QUERY_BITS];
        private float residualNormSq;
        private float queryDotCenter;
        private float low;
        private float step;
        /** Sum of the quantised coordinates, for 1-bit codes whose zero bits stand for -1. */
        private long quantisedSum;

        @Override
        public void setQuery(float[] query) {
            float normSq = 0;
            float dotCenter = 0;
            boolean l2 = metric.metric() == Metric.L2;
            for (int i = 0; i < dims; i++) {
                float r = query[i] - center[i];
                normSq += r * r;
                dotCenter += query[i] * center[i];
                unrotated[i] = l2 ? r : query[i];
            }
            rotation.apply(unrotated, rotatedQuery, scratch);
            residualNormSq = normSq;
            queryDotCenter = dotCenter;
            quantise();
        }

        private void quantise() {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float q : rotatedQuery) {
                min = Math.min(min, q);
                max = Math.max(max, q);
            }
            int levels = (1 << QUERY_BITS) - 1;
            low = min;
            step = max > min ? (max - min) / levels : 0f;
            float inverse = step == 0f ? 0f : 1f / step;
            quantisedSum = quantiser != null
                    ? quantiser.quantise(rotatedQuery, dims, min, inverse, levels, QUERY_BITS, queryPlanes)
                    : quantiseScalar(min, inverse, levels);
            if (simd != null) {
                int padded = simd.paddedWords();
                for (int w = 0; w < words; w++) {
                    for (int j = 0; j < QUERY_BITS; j++) {
                        paddedPlanes[j * padded + w] = queryPlanes[w * QUERY_BITS + j];
                    }
                }
            }
        }

        private long quantiseScalar(float min, float inverse, int levels) {
            long sum = 0;
            for (int w = 0; w < words; w++) {
                long p0 = 0;
                long p1 = 0;
                long p2 = 0;
                long p3 = 0;
                int end = Math.min(Long.SIZE, dims - w * Long.SIZE);
                for (int b = 0; b < end; b++) {
                    // (q - min) / step >= 0, so adding a half and truncating rounds to nearest
                    int u = Math.min(levels, (int) ((rotatedQuery[w * Long.SIZE + b] - min) * inverse + 0.5f));
                    sum += u;
                    p0 |= (long) (u & 1) << b;
                    p1 |= (long) (u >>> 1 & 1) << b;
                    p2 |= (long) (u >>> 2 & 1) << b;
                    p3 |= (long) (u >>> 3 & 1) << b;
                }
                int q = w * QUERY_BITS;
                queryPlanes[q] = p0;
                queryPlanes[q + 1] = p1;
                queryPlanes[q + 2] = p2;
                queryPlanes[q + 3] = p3;
            }
            return sum;
        }

        @Override
        public float distance(byte[] block, int offset) {
            float scale = Bytes.getFloat(block, offset);
            float normSq = Bytes.getFloat(block, offset + 4);
            float scaledDot = scale * symbolDot(block, offset + HEADER_BYTES);
            return switch (metric.metric()) {
                case L2 -> residualNormSq - 2f * scaledDot + normSq;
                case COSINE -> 1f - (scaledDot + queryDotCenter);
                case INNER_PRODUCT -> -(scaledDot + queryDotCenter);
            };
        }

        /** {@code q.t} from the planes at {@code block[codes..]}. */
        private float symbolDot(byte[] block, int codes) {
            return kind == Kind.TERNARY ? ternaryDot(block, codes) : oneBitDot(block, codes);
        }

        private float ternaryDot(byte[] block, int codes) {
            if (simd != null) {
                return simd.dot(block, codes, paddedPlanes, QUERY_BITS, low, step);
            }
            int minusPlane = codes + words * Long.BYTES;
            long symbolSum = 0;
            long weighted = 0;
            for (int w = 0; w < words; w++) {
                long plus = Bytes.getLong(block, codes + w * Long.BYTES);
                long minus = Bytes.getLong(block, minusPlane + w * Long.BYTES);
                symbolSum += Long.bitCount(plus) - Long.bitCount(minus);
                int q = w * QUERY_BITS;
                long q0 = queryPlanes[q];
                long q1 = queryPlanes[q + 1];
                long q2 = queryPlanes[q + 2];
                long q3 = queryPlanes[q + 3];
                weighted += (Long.bitCount(plus & q0) - Long.bitCount(minus & q0))
                        + 2 * (Long.bitCount(plus & q1) - Long.bitCount(minus & q1))
                        + 4 * (Long.bitCount(plus & q2) - Long.bitCount(minus & q2))
                        + 8 * (Long.bitCount(plus & q3) - Long.bitCount(minus & q3));
            }
            return low * symbolSum + step * weighted;
        }

        /** With {@code t = 2 s - 1} over the first {@code dims} bits: {@code sum(t u) = 2 sum(s u) - sum(u)}. */
        private float oneBitDot(byte[] block, int codes) {
            long plusCount = 0;
            long weighted = 0;
            for (int w = 0; w < words; w++) {
                long plus = Bytes.getLong(block, codes + w * Long.BYTES);
                plusCount += Long.bitCount(plus);
                int q = w * QUERY_BITS;
                weighted += Long.bitCount(plus & queryPlanes[q])
                        + 2L * Long.bitCount(plus & queryPlanes[q + 1])
                        + 4L * Long.bitCount(plus & queryPlanes[q + 2])
                        + 8L * Long.bitCount(plus & queryPlanes[q + 3]);
            }
            return low * (2 * plusCount - dims) + step * (2 * weighted - quantisedSum);
        }
    }
}
