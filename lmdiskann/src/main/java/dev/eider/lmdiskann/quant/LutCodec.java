package dev.eider.lmdiskann.quant;

import dev.eider.lmdiskann.disk.Bytes;
import dev.eider.lmdiskann.vector.VectorMetric;
import java.util.Arrays;

/**
 * Ternary (2 bits per dimension) and 1-bit codes of a vector's offset from the index center, randomly rotated
 * ({@link RandomRotation}): the approximation is {@code center + R^T (scale * t)} with {@code t} in {-1, 0, +1}
 * (ternary) or {-1, +1} (1-bit). Below, {@code x'} is the rotated offset and {@code q} the rotated query.
 *
 * <p>Layout: float score scale, float {@code |x - center|^2}, float reconstruction scale, then the packed symbols,
 * lowest bits first. Two scales because the two uses want different ones: the reconstruction {@code s * t} that
 * is closest to {@code x' = x - center} has {@code s = (x'.t) / |t|^2}, but it shrinks every dot product by the
 * angle between {@code x'} and {@code t}, which differs from code to code and so scrambles rankings; scoring
 * instead estimates {@code q.x'} as {@code (q.t) * |x'|^2 / (x'.t)}, exact when {@code q} lies along
 * {@code x'} (the estimator of RaBitQ), and uses the exact {@code |x'|^2} in L2.
 * Scoring never decodes: per query, a table holds for every code byte position and each of its 256 values the
 * dot product of those dimensions with the symbols (of {@code query - center} for L2, of the query otherwise); a
 * code's dot product with {@code t} is then one table lookup per code byte, from which L2, cosine and inner
 * product follow with the stored scale and norm.
 */
final class LutCodec implements NeighborCodec {

    static final int HEADER_BYTES = 12;

    enum Kind {
        /** Symbols 0 -> 0, 1 -> +1, 2 -> -1. */
        TERNARY(2, new float[] {0f, 1f, -1f, 0f}),
        /** Symbols 0 -> -1, 1 -> +1. */
        ONE_BIT(1, new float[] {-1f, 1f});

        final int bits;
        final float[] symbolValues;

        Kind(int bits, float[] symbolValues) {
            this.bits = bits;
            this.symbolValues = symbolValues;
        }
    }

    private final VectorMetric metric;
    private final float[] center;
    private final Kind kind;
    private final int dims;
    private final int dimsPerByte;
    private final int packedBytes;
    private final RandomRotation rotation;

    LutCodec(VectorMetric metric, float[] center, Kind kind) {
        this.metric = metric;
        this.center = center.clone();
        this.kind = kind;
        this.dims = center.length;
        this.dimsPerByte = 8 / kind.bits;
        this.packedBytes = (dims + dimsPerByte - 1) / dimsPerByte;
        this.rotation = new RandomRotation(dims);
    }

    @Override
    public int codeBytes() {
        return HEADER_BYTES + packedBytes;
    }

    @Override
    public void encode(float[] v, byte[] dst, int offset) {
        float[] fromCenter = new float[dims];
        for (int i = 0; i < dims; i++) {
            fromCenter[i] = v[i] - center[i];
        }
        float[] residual = new float[dims];
        rotation.apply(fromCenter, residual, new float[dims]);
        Arrays.fill(dst, offset + HEADER_BYTES, offset + HEADER_BYTES + packedBytes, (byte) 0);
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
                    putSymbol(dst, offset, i, 1);
                }
            } else if (a >= threshold && a > 0f) {
                dotWithSymbols += a;
                support++;
                putSymbol(dst, offset, i, r > 0 ? 1 : 2);
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

    private void putSymbol(byte[] dst, int offset, int dim, int symbol) {
        int at = offset + HEADER_BYTES + dim / dimsPerByte;
        dst[at] = (byte) (dst[at] | (symbol << ((dim % dimsPerByte) * kind.bits)));
    }

    @Override
    public void decode(byte[] src, int offset, float[] out) {
        float scale = Bytes.getFloat(src, offset + 8);
        int mask = (1 << kind.bits) - 1;
        float[] rotated = new float[dims];
        for (int i = 0; i < dims; i++) {
            int b = src[offset + HEADER_BYTES + i / dimsPerByte] & 0xFF;
            int symbol = (b >>> ((i % dimsPerByte) * kind.bits)) & mask;
            rotated[i] = scale * kind.symbolValues[symbol];
        }
        rotation.applyInverse(rotated, out, new float[dims]);
        for (int i = 0; i < dims; i++) {
            out[i] += center[i];
        }
    }

    @Override
    public CodeScorer newScorer() {
        return new TableScorer();
    }

    /** Per-query lookup tables; reused across the queries of one search thread. */
    private final class TableScorer implements CodeScorer {

        private final float[] table = new float[packedBytes * 256];
        private final float[] tableSource = new float[packedBytes * dimsPerByte];
        private final float[] unrotated = new float[dims];
        private final float[] scratch = new float[dims];
        private final float[] contribution = new float[dimsPerByte << kind.bits];
        private float residualNormSq;
        private float queryDotCenter;

        @Override
        public void setQuery(float[] query) {
            float normSq = 0;
            float dotCenter = 0;
            boolean l2 = metric.metric() == dev.eider.lmdiskann.Metric.L2;
            for (int i = 0; i < dims; i++) {
                float r = query[i] - center[i];
                normSq += r * r;
                dotCenter += query[i] * center[i];
                unrotated[i] = l2 ? r : query[i];
            }
            rotation.apply(unrotated, tableSource, scratch);
            residualNormSq = normSq;
            queryDotCenter = dotCenter;
            int symbols = 1 << kind.bits;
            int mask = symbols - 1;
            for (int j = 0; j < packedBytes; j++) {
                for (int k = 0; k < dimsPerByte; k++) {
                    float q = tableSource[j * dimsPerByte + k];
                    for (int s = 0; s < symbols; s++) {
                        contribution[k * symbols + s] = q * kind.symbolValues[s];
                    }
                }
                int base = j * 256;
                for (int pattern = 0; pattern < 256; pattern++) {
                    float sum = 0;
                    for (int k = 0; k < dimsPerByte; k++) {
                        sum += contribution[k * symbols + ((pattern >>> (k * kind.bits)) & mask)];
                    }
                    table[base + pattern] = sum;
                }
            }
        }

        @Override
        public float distance(byte[] block, int offset) {
            float scale = Bytes.getFloat(block, offset);
            float normSq = Bytes.getFloat(block, offset + 4);
            int codes = offset + HEADER_BYTES;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = 0;
            for (; j + 3 < packedBytes; j += 4) {
                s0 += table[(j << 8) | (block[codes + j] & 0xFF)];
                s1 += table[((j + 1) << 8) | (block[codes + j + 1] & 0xFF)];
                s2 += table[((j + 2) << 8) | (block[codes + j + 2] & 0xFF)];
                s3 += table[((j + 3) << 8) | (block[codes + j + 3] & 0xFF)];
            }
            for (; j < packedBytes; j++) {
                s0 += table[(j << 8) | (block[codes + j] & 0xFF)];
            }
            float scaledDot = scale * ((s0 + s1) + (s2 + s3));
            return switch (metric.metric()) {
                case L2 -> residualNormSq - 2f * scaledDot + normSq;
                case COSINE -> 1f - (scaledDot + queryDotCenter);
                case INNER_PRODUCT -> -(scaledDot + queryDotCenter);
            };
        }
    }
}
