package dev.eider.lmdiskann.graph;

import java.util.Arrays;

/**
 * Prune candidates of one writer step: unique node ids, their (exact or decoded) vectors side by side for
 * {@link RobustPrune}, and, where known, the neighbor code each one would be stored with.
 */
final class Candidates {

    private final int dims;
    private final int codeBytes;
    private final IntHashSet members = new IntHashSet(256);
    private int[] ids = new int[256];
    private float[] vectors;
    private byte[] codes;
    private int count;

    Candidates(int dims, int codeBytes) {
        this.dims = dims;
        this.codeBytes = codeBytes;
        this.vectors = new float[ids.length * dims];
        this.codes = new byte[ids.length * codeBytes];
    }

    void reset() {
        count = 0;
        members.clear();
    }

    /** Keeps {@code id} out of this round (the node being pruned). */
    void exclude(int id) {
        members.add(id);
    }

    int count() {
        return count;
    }

    int[] ids() {
        return ids;
    }

    float[] vectors() {
        return vectors;
    }

    /** Adds a candidate whose code is not known yet; false if it is already present or excluded. */
    boolean add(int id, float[] vector) {
        if (!members.add(id)) {
            return false;
        }
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
            vectors = Arrays.copyOf(vectors, ids.length * dims);
            codes = Arrays.copyOf(codes, ids.length * codeBytes);
        }
        System.arraycopy(vector, 0, vectors, count * dims, dims);
        ids[count++] = id;
        return true;
    }

    /** Adds a candidate with the code stored at {@code source[offset..]}. */
    boolean add(int id, float[] vector, byte[] source, int offset) {
        if (!add(id, vector)) {
            return false;
        }
        System.arraycopy(source, offset, codes, (count - 1) * codeBytes, codeBytes);
        return true;
    }

    /** Position of {@code id} among the candidates. */
    int indexOf(int id) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        throw new IllegalStateException("node " + id + " is not a prune candidate");
    }

    /** Copies candidate {@code i}'s vector into {@code into}. */
    void vector(int i, float[] into) {
        System.arraycopy(vectors, i * dims, into, 0, dims);
    }

    byte[] codes() {
        return codes;
    }

    int codeOffset(int i) {
        return i * codeBytes;
    }
}
