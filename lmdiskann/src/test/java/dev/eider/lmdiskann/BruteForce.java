package dev.eider.lmdiskann;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/** The oracle: exact distances in double precision, written independently of the index's kernels. */
final class BruteForce {

    private BruteForce() {
    }

    static double distance(Metric metric, float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        double l2 = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
            double d = (double) a[i] - b[i];
            l2 += d * d;
        }
        return switch (metric) {
            case L2 -> Math.sqrt(l2);
            case COSINE -> na == 0 || nb == 0 ? 1.0 : 1.0 - dot / Math.sqrt(na * nb);
            case INNER_PRODUCT -> -dot;
        };
    }

    /** Ids (row positions) of the k nearest rows among those passing {@code keep}. */
    static int[] topK(Metric metric, float[][] base, float[] query, int k, IntPredicate keep) {
        return IntStream.range(0, base.length).filter(keep).boxed()
                .sorted(Comparator.comparingDouble(i -> distance(metric, query, base[i])))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** Ids of every row within {@code radius}. */
    static int[] within(Metric metric, float[][] base, float[] query, double radius) {
        return IntStream.range(0, base.length).filter(i -> distance(metric, query, base[i]) <= radius).toArray();
    }

    /** Fraction of {@code truth} found in {@code found}. */
    static double recall(int[] truth, long[] found) {
        if (truth.length == 0) {
            return 1.0;
        }
        long hits = Arrays.stream(truth).filter(t -> Arrays.stream(found).anyMatch(f -> f == t)).count();
        return (double) hits / truth.length;
    }
}
