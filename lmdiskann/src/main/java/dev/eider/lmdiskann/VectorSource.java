package dev.eider.lmdiskann;

/**
 * The vectors an index is built from, addressed by position 0..size-1. Implementations may stream from disk
 * or a database; {@link #read} may be called from several threads at once and more than once per position.
 */
public interface VectorSource {

    int size();

    int dimensions();

    /** The caller's key of row {@code i} (for the SQL adapter: the table's integer primary key). */
    long rowKey(int i);

    /** Copies vector {@code i} into {@code into} (length {@link #dimensions()}). */
    void read(int i, float[] into);

    /** A source over vectors already on the heap; row keys are given by {@code rowKeys}. */
    static VectorSource of(float[][] vectors, long[] rowKeys) {
        if (vectors.length != rowKeys.length) {
            throw new IllegalArgumentException(
                    vectors.length + " vectors but " + rowKeys.length + " row keys: they must match");
        }
        int dims = vectors.length == 0 ? 0 : vectors[0].length;
        return new VectorSource() {
            @Override public int size() { return vectors.length; }
            @Override public int dimensions() { return dims; }
            @Override public long rowKey(int i) { return rowKeys[i]; }
            @Override public void read(int i, float[] into) { System.arraycopy(vectors[i], 0, into, 0, dims); }
        };
    }

    /** A source over vectors already on the heap whose row keys are their positions. */
    static VectorSource of(float[][] vectors) {
        long[] keys = new long[vectors.length];
        java.util.Arrays.setAll(keys, i -> i);
        return of(vectors, keys);
    }
}
