package dev.eider.bench.run;

/** Recall@k: the share of the true k nearest neighbours that a search returned. */
public final class Recall {
    private Recall() {
    }

    /** |found[:k] ∩ truth[:k]| / k for one query. */
    public static double atK(int[] found, int[] truth, int k) {
        if (truth.length < k) {
            throw new IllegalArgumentException("ground truth has " + truth.length + " neighbours, recall@" + k + " needs " + k);
        }
        int hits = 0;
        int returned = Math.min(k, found.length);
        for (int i = 0; i < returned; i++) {
            for (int j = 0; j < k; j++) {
                if (found[i] == truth[j]) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / k;
    }

    /** Mean recall@k over queries {@code 0 .. results.length - 1}. */
    public static double mean(int[][] results, int[][] groundTruth, int k) {
        double sum = 0;
        for (int q = 0; q < results.length; q++) {
            sum += atK(results[q], groundTruth[q], k);
        }
        return sum / results.length;
    }
}
