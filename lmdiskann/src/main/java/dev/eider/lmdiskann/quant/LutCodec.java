package dev.eider.lmdiskann.quant;

import dev.eider.lmdiskann.disk.Bytes;
import dev.eider.lmdiskann.vector.VectorMetric;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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
    private final boolean sixteenLaneSimd;

    LutCodec(VectorMetric metric, float[] center, Kind kind) {
        this.metric = metric;
        this.center = center.clone();
        this.kind = kind;
        this.dims = center.length;
        this.dimsPerByte = 8 / kind.bits;
        this.packedBytes = (dims + dimsPerByte - 1) / dimsPerByte;
        this.rotation = new RandomRotation(dims);
        this.sixteenLaneSimd = sixteenLaneSimd();
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
        return kind == Kind.TERNARY && sixteenLaneSimd ? new TernaryMaskScorer() : newTableScorer();
    }

    /** The portable scorer, which {@link #newScorer} replaces with masked SIMD additions where it can. */
    CodeScorer newTableScorer() {
        return new TableScorer();
    }

    /** True when the Vector API is present and 16 floats wide (AVX-512), unless {@code eider.simd=false}. */
    private static boolean sixteenLaneSimd() {
        if (!Boolean.parseBoolean(System.getProperty("eider.simd", "true"))) {
            return false;
        }
        try {
            return FloatVector.SPECIES_PREFERRED.length() >= 16;
        } catch (LinkageError vectorApiMissing) {
            return false;
        }
    }

    /**
     * The query's part of every estimate: the rotated query (minus the center for L2), its squared distance to
     * the center and its dot product with the center; subclasses supply the dot product with a code's symbols.
     */
    private abstract class RotatedQueryScorer implements CodeScorer {

        /** The rotated query, zero past {@code dims} up to a whole number of code bytes. */
        final float[] rotatedQuery;
        private final float[] unrotated = new float[dims];
        private final float[] scratch = new float[dims];
        private float residualNormSq;
        private float queryDotCenter;

        RotatedQueryScorer(int paddedDims) {
            rotatedQuery = new float[paddedDims];
        }

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
            rotation.apply(unrotated, rotatedQuery, scratch);
            residualNormSq = normSq;
            queryDotCenter = dotCenter;
            prepare();
        }

        /** Precomputes what {@link #symbolDot} needs from {@link #rotatedQuery}. */
        abstract void prepare();

        /** The dot product of the rotated query with the symbols at {@code block[codes..]}. */
        abstract float symbolDot(byte[] block, int codes);

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
    }

    /** Per-query lookup tables; reused across the queries of one search thread. */
    private final class TableScorer extends RotatedQueryScorer {

        private final float[] table = new float[packedBytes * 256];
        private final float[] lowNibble = new float[16];
        private final float[] highNibble = new float[16];

        TableScorer() {
            super(packedBytes * dimsPerByte);
        }

        @Override
        void prepare() {
            for (int j = 0; j < packedBytes; j++) {
                nibbleTable(j * dimsPerByte, lowNibble);
                nibbleTable(j * dimsPerByte + dimsPerByte / 2, highNibble);
                int base = j * 256;
                for (int high = 0; high < 16; high++) {
                    float h = highNibble[high];
                    int row = base + (high << 4);
                    for (int low = 0; low < 16; low++) {
                        table[row + low] = lowNibble[low] + h;
                    }
                }
            }
        }

        /**
         * The partial dot products of the half byte of symbols starting at dimension {@code firstDim} for all 16
         * values of the half byte; a byte's table entry is then the sum of its two halves' entries, 256 additions
         * per byte instead of one sum over all its dimensions for each of its 256 values.
         */
        private void nibbleTable(int firstDim, float[] into) {
            int dimsPerNibble = dimsPerByte / 2;
            int mask = (1 << kind.bits) - 1;
            for (int pattern = 0; pattern < 16; pattern++) {
                float sum = 0;
                for (int k = 0; k < dimsPerNibble; k++) {
                    sum += rotatedQuery[firstDim + k] * kind.symbolValues[(pattern >>> (k * kind.bits)) & mask];
                }
                into[pattern] = sum;
            }
        }

        @Override
        float symbolDot(byte[] block, int codes) {
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
            return (s0 + s1) + (s2 + s3);
        }
    }

    /**
     * Ternary scoring without tables on 16 float lanes: a little-endian word of code bytes holds 32 symbols, two
     * bits each, the low bit set for +1 and the high bit for -1 (symbol 3 never occurs). Laying the rotated query
     * out as {@code q0, -q0, q1, -q1, ...} makes bit {@code b} of a word select the signed term of word position
     * {@code b}, so a word is four masked additions with its bits as the masks; the 6 KiB of signed query stay in
     * L1 where a 256-entry table per code byte would not.
     */
    private final class TernaryMaskScorer extends RotatedQueryScorer {

        private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_512;
        private static final int SYMBOLS_PER_WORD = 32;

        private final int fullWords = packedBytes / Long.BYTES;
        private final int words = (packedBytes + Long.BYTES - 1) / Long.BYTES;
        private final float[] signedQuery = new float[words * Long.SIZE];

        TernaryMaskScorer() {
            super((packedBytes + Long.BYTES - 1) / Long.BYTES * SYMBOLS_PER_WORD);
        }

        @Override
        void prepare() {
            for (int i = 0; i < rotatedQuery.length; i++) {
                signedQuery[2 * i] = rotatedQuery[i];
                signedQuery[2 * i + 1] = -rotatedQuery[i];
            }
        }

        @Override
        float symbolDot(byte[] block, int codes) {
            FloatVector acc0 = FloatVector.zero(LANES);
            FloatVector acc1 = FloatVector.zero(LANES);
            FloatVector acc2 = FloatVector.zero(LANES);
            FloatVector acc3 = FloatVector.zero(LANES);
            int w = 0;
            for (; w < fullWords; w++) {
                long word = Bytes.getLong(block, codes + w * Long.BYTES);
                int at = w * Long.SIZE;
                acc0 = addSelected(acc0, word, at, 0);
                acc1 = addSelected(acc1, word, at, 1);
                acc2 = addSelected(acc2, word, at, 2);
                acc3 = addSelected(acc3, word, at, 3);
            }
            if (w < words) {
                long word = tailWord(block, codes);
                int at = w * Long.SIZE;
                acc0 = addSelected(acc0, word, at, 0);
                acc1 = addSelected(acc1, word, at, 1);
                acc2 = addSelected(acc2, word, at, 2);
                acc3 = addSelected(acc3, word, at, 3);
            }
            return acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        }

        /** Adds to {@code acc} the signed query terms that quarter {@code quarter} of {@code word} selects. */
        private FloatVector addSelected(FloatVector acc, long word, int at, int quarter) {
            int first = quarter * LANES.length();
            return acc.add(FloatVector.fromArray(LANES, signedQuery, at + first),
                    VectorMask.fromLong(LANES, (word >>> first) & 0xFFFF));
        }

        /** The last, partial word of a code, zero (symbol 0) past its end. */
        private long tailWord(byte[] block, int codes) {
            long word = 0;
            for (int b = fullWords * Long.BYTES; b < packedBytes; b++) {
                word |= (block[codes + b] & 0xFFL) << ((b - fullWords * Long.BYTES) * Byte.SIZE);
            }
            return word;
        }
    }
}
