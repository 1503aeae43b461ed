package dev.eider.bench.run;

import java.util.Arrays;

/** Percentiles of per-query latencies (nearest-rank). */
public final class Latencies {
    private final long[] sortedNanos;

    public Latencies(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latencies measured");
        }
        sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    /** The latency below which {@code percent}% of the queries finished, in milliseconds. */
    public double percentileMillis(double percent) {
        int rank = (int) Math.ceil(percent / 100 * sortedNanos.length);
        return sortedNanos[Math.clamp(rank - 1, 0, sortedNanos.length - 1)] / 1e6;
    }
}
