package dev.eider.lmdiskann.quant;

import dev.eider.lmdiskann.disk.Bytes;
import dev.eider.lmdiskann.vector.VectorMetric;

/** No compression: codes are the float32 vectors, so the "approximate" distance is exact. */
final class FloatCodec implements NeighborCodec {

    private final VectorMetric metric;
    private final int dims;

    FloatCodec(VectorMetric metric, int dims) {
        this.metric = metric;
        this.dims = dims;
    }

    @Override
    public int codeBytes() {
        return 4 * dims;
    }

    @Override
    public void encode(float[] v, byte[] dst, int offset) {
        Bytes.putFloats(dst, offset, v, 0, dims);
    }

    @Override
    public void decode(byte[] src, int offset, float[] out) {
        Bytes.getFloats(src, offset, out, 0, dims);
    }

    @Override
    public CodeScorer newScorer() {
        return new CodeScorer() {
            private final float[] vector = new float[dims];
            private float[] query;

            @Override
            public void setQuery(float[] q) {
                query = q;
            }

            @Override
            public float distance(byte[] block, int offset) {
                Bytes.getFloats(block, offset, vector, 0, dims);
                return metric.distance(query, 0, vector, 0, dims);
            }
        };
    }
}
