package dev.eider.adapter.index;

import java.time.Instant;

/**
 * The run-time figures of one index scan, as {@code sys.index_searches} shows them.
 *
 * @param time                 when the scan finished
 * @param index                the index name
 * @param plannedStrategy      the strategy the cost model chose when the statement was planned
 * @param runStrategy          the strategy the scan actually used (the run time may switch once it
 *                             knows the allowed set's size, or fall back to exact search)
 * @param graphStrategy        what the graph search itself did, or null when it was not searched
 * @param k                    rows asked for (LIMIT plus OFFSET), or null for a radius scan
 * @param searchL              the beam width used
 * @param allowedRows          rows the sibling filter allowed, or null when no allowed set was built
 * @param nodesVisited         graph nodes expanded or scored exactly
 * @param blocksFromDisk       node blocks read from the graph file
 * @param cacheHits            node blocks served by the block cache
 * @param distanceComputations exact plus approximate distance evaluations
 * @param rows                 rows the scan returned
 * @param millis               wall-clock milliseconds of the scan
 */
public record IndexSearch(Instant time, String index, String plannedStrategy, String runStrategy,
    String graphStrategy, Integer k, int searchL, Long allowedRows, long nodesVisited,
    long blocksFromDisk, long cacheHits, long distanceComputations, long rows, double millis) {}
