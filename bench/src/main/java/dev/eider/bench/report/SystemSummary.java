package dev.eider.bench.report;

import dev.eider.bench.system.BuildReport;

/**
 * Per-system figures that do not depend on L or threads.
 *
 * @param cacheBytes block cache capacity given to the system (0 when it has none)
 */
public record SystemSummary(String system, BuildReport build, long peakHeapBytes, long peakRssBytes, long cacheBytes) {
}
