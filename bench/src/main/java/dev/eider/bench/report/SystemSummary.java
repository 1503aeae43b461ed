package dev.eider.bench.report;

import dev.eider.bench.system.BuildReport;

/**
 * Per-system figures that do not depend on L or threads.
 *
 * @param retainedHeapBytes live heap (after a full GC) the open, searched system adds to the harness's own
 * @param cacheBytes        block cache capacity given to the system (0 when it has none)
 */
public record SystemSummary(String system, BuildReport build, long peakHeapBytes, long retainedHeapBytes,
                            long peakRssBytes, long cacheBytes) {
}
