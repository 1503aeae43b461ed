package dev.eider.bench.run;

/**
 * What one pass of the queries measured for one system, search list size and thread count.
 *
 * @param blocksPerQuery node blocks a search touched (cache, journal or file) per query (NaN when not counted)
 * @param cpuMillisPerQuery CPU time the query threads spent per query: unlike QPS it barely moves when other
 *                          processes compete for the cores
 * @param diskReadsPerQuery blocks read from the index file (cache misses) per query (NaN when not counted)
 * @param cacheHitRatio  block cache hits over lookups during the pass (NaN when not available)
 */
public record Measurement(String system, int searchL, int threads, int queries, double recall, double qps,
                          double p50Millis, double p99Millis, double cpuMillisPerQuery, double blocksPerQuery, double diskReadsPerQuery,
                          double cacheHitRatio) {
}
