package dev.eider.lmdiskann.graph;

import java.util.Arrays;

/** Min-heap of (node, approximate distance): the exploration frontier of filtered and radius searches. */
final class ExploreHeap {

    private int[] ids = new int[256];
    private float[] distances = new float[256];
    private int size;

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int peekId() {
        return ids[0];
    }

    float peekDistance() {
        return distances[0];
    }

    void push(int id, float distance) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            distances = Arrays.copyOf(distances, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (distances[parent] <= distance) {
                break;
            }
            ids[i] = ids[parent];
            distances[i] = distances[parent];
            i = parent;
        }
        ids[i] = id;
        distances[i] = distance;
    }

    void pop() {
        size--;
        if (size == 0) {
            return;
        }
        int id = ids[size];
        float distance = distances[size];
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                break;
            }
            int smallest = left + 1 < size && distances[left + 1] < distances[left] ? left + 1 : left;
            if (distances[smallest] >= distance) {
                break;
            }
            ids[i] = ids[smallest];
            distances[i] = distances[smallest];
            i = smallest;
        }
        ids[i] = id;
        distances[i] = distance;
    }
}
