package dev.eider.bench.report;

import java.util.List;

/**
 * Everything one run measured, ready for the writers.
 *
 * @param settings one line describing the run (k, query count, cache size, build threads ...)
 * @param notes    caveats a reader must know (recomputed ground truth, process-wide RSS peak ...)
 */
public record BenchReport(String dataset, String metric, int k, double targetRecall, String settings,
                          List<SystemSummary> systems, List<ResultRow> rows, List<String> notes) {

    public List<RatioLine> ratios() {
        return new Comparison(this).ratios();
    }
}
