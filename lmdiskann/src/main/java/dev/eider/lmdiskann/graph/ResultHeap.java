package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.Neighbor;
import dev.eider.lmdiskann.vector.VectorMetric;
import java.util.ArrayList;
import java.util.List;

/** Exactly scored results: a max-heap on distance holding the best {@code capacity} (grows when unbounded). */
final class ResultHeap {

    private int[] ids = new int[64];
    private float[] distances = new float[64];
    private long[] rowKeys = new long[64];
    private int size;
    private int capacity;

    void reset(int newCapacity) {
        capacity = newCapacity;
        size = 0;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size >= capacity;
    }

    /** The farthest kept distance (only meaningful when not empty). */
    float worst() {
        return distances[0];
    }

    void offer(int id, float distance, long rowKey) {
        if (size < capacity) {
            if (size == ids.length) {
                int n = size * 2;
                ids = java.util.Arrays.copyOf(ids, n);
                distances = java.util.Arrays.copyOf(distances, n);
                rowKeys = java.util.Arrays.copyOf(rowKeys, n);
            }
            int i = size++;
            set(i, id, distance, rowKey);
            siftUp(i);
        } else if (distance < distances[0]) {
            set(0, id, distance, rowKey);
            siftDown(0);
        }
    }

    private void set(int i, int id, float distance, long rowKey) {
        ids[i] = id;
        distances[i] = distance;
        rowKeys[i] = rowKey;
    }

    private void swap(int a, int b) {
        int id = ids[a];
        float d = distances[a];
        long k = rowKeys[a];
        set(a, ids[b], distances[b], rowKeys[b]);
        set(b, id, d, k);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (distances[parent] >= distances[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int largest = left + 1 < size && distances[left + 1] > distances[left] ? left + 1 : left;
            if (distances[i] >= distances[largest]) {
                return;
            }
            swap(i, largest);
            i = largest;
        }
    }

    /** The nearest {@code limit} results, nearest first, with user-facing distances; empties the heap. */
    List<Neighbor> drain(int limit, VectorMetric metric) {
        while (size > limit) {
            pop();
        }
        Neighbor[] out = new Neighbor[size];
        for (int i = size - 1; i >= 0; i--) {
            out[i] = new Neighbor(rowKeys[0], ids[0], metric.toUser(distances[0]));
            pop();
        }
        return new ArrayList<>(List.of(out));
    }

    private void pop() {
        size--;
        if (size > 0) {
            set(0, ids[size], distances[size], rowKeys[size]);
            siftDown(0);
        }
    }
}
