package dev.eider.lmdiskann.graph;

/**
 * The beam: at most L candidates kept sorted by distance, each marked once expanded. Inserting finds its place by
 * binary search and shifts the tail, and the cursor remembers where the closest unexpanded candidate may be.
 */
final class CandidatePool {

    private int[] ids;
    private float[] distances;
    private boolean[] expanded;
    private int capacity;
    private int size;
    private int cursor;

    CandidatePool(int capacity) {
        ensureCapacity(capacity);
    }

    void reset(int newCapacity) {
        ensureCapacity(newCapacity);
        capacity = newCapacity;
        size = 0;
        cursor = 0;
    }

    private void ensureCapacity(int c) {
        if (ids == null || ids.length < c + 1) {
            ids = new int[c + 1];
            distances = new float[c + 1];
            expanded = new boolean[c + 1];
        }
        capacity = c;
    }

    int size() {
        return size;
    }

    int id(int i) {
        return ids[i];
    }

    float distance(int i) {
        return distances[i];
    }

    /** Candidates at this distance or farther are not kept. */
    float bound() {
        return size < capacity ? Float.POSITIVE_INFINITY : distances[size - 1];
    }

    /** Would a candidate at this distance be kept? */
    boolean accepts(float distance) {
        return size < capacity || distance < distances[size - 1];
    }

    /** Inserts in distance order, dropping the farthest beyond capacity. */
    void insert(int id, float distance) {
        if (!accepts(distance)) {
            return;
        }
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (distances[mid] <= distance) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        int at = low;
        int moved = Math.min(size, capacity - 1) - at;
        if (moved > 0) {
            System.arraycopy(ids, at, ids, at + 1, moved);
            System.arraycopy(distances, at, distances, at + 1, moved);
            System.arraycopy(expanded, at, expanded, at + 1, moved);
        }
        ids[at] = id;
        distances[at] = distance;
        expanded[at] = false;
        size = Math.min(size + 1, capacity);
        if (at < cursor) {
            cursor = at;
        }
    }

    /** Index of the closest candidate not yet expanded, marking it expanded; -1 when all are. */
    int pollClosestUnexpanded() {
        while (cursor < size && expanded[cursor]) {
            cursor++;
        }
        if (cursor >= size) {
            return -1;
        }
        expanded[cursor] = true;
        return cursor;
    }
}
