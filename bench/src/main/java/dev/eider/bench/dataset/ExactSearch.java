package dev.eider.bench.dataset;

import java.util.Arrays;
import java.util.stream.IntStream;

/** Brute-force k nearest neighbours: the ground-truth oracle and the exact baseline. */
public final class ExactSearch {
    private final float[][] base;
    private final BenchMetric metric;

    public ExactSearch(float[][] base, BenchMetric metric) {
        this.base = base;
        this.metric = metric;
    }

    /** Row numbers of the {@code k} closest base rows, closest first; ties go to the lower row number. */
    public int[] topK(float[] query, int k) {
        int size = Math.min(k, base.length);
        int[] ids = new int[size];
        float[] distances = new float[size];
        Arrays.fill(distances, Float.POSITIVE_INFINITY);
        for (int row = 0; row < base.length; row++) {
            float distance = metric.distance(query, base[row]);
            if (distance < distances[size - 1]) {
                insertSorted(ids, distances, row, distance);
            }
        }
        return ids;
    }

    /** Ground truth for every query, computed on all cores. */
    public int[][] topKAll(float[][] queries, int k) {
        return IntStream.range(0, queries.length).parallel().mapToObj(q -> topK(queries[q], k)).toArray(int[][]::new);
    }

    private static void insertSorted(int[] ids, float[] distances, int row, float distance) {
        int position = distances.length - 1;
        while (position > 0 && distances[position - 1] > distance) {
            distances[position] = distances[position - 1];
            ids[position] = ids[position - 1];
            position--;
        }
        distances[position] = distance;
        ids[position] = row;
    }
}
