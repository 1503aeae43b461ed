package dev.eider.bench.report;

import dev.eider.bench.run.Measurement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Matches Eider with each peer at equal recall: for every thread count, the first (smallest) L at which each side
 * reaches the target recall; their QPS ratio is the figure to quote, as raw QPS at different recalls means little.
 */
final class Comparison {
    static final String EIDER = "eider";

    private final BenchReport report;

    Comparison(BenchReport report) {
        this.report = report;
    }

    List<RatioLine> ratios() {
        List<RatioLine> lines = new ArrayList<>();
        Optional<SystemSummary> eider = summary(EIDER);
        if (eider.isEmpty()) {
            return lines;
        }
        List<Integer> threadCounts = report.rows().stream().map(row -> row.measurement().threads()).distinct().sorted().toList();
        for (SystemSummary peer : report.systems()) {
            if (peer.system().equals(EIDER)) {
                continue;
            }
            double buildRatio = buildRatio(eider.get(), peer);
            double buildCpuRatio = peer.build().buildCpuSeconds() / eider.get().build().buildCpuSeconds();
            for (int threads : threadCounts) {
                lines.add(new RatioLine(peer.system(), threads, firstAtTarget(EIDER, threads),
                        firstAtTarget(peer.system(), threads), buildRatio,
                        peer.build().buildCpuSeconds() > 0 ? buildCpuRatio : Double.NaN));
            }
        }
        return lines;
    }

    private static double buildRatio(SystemSummary eider, SystemSummary peer) {
        double peerRate = peer.build().vectorsPerSecond();
        return peerRate > 0 ? eider.build().vectorsPerSecond() / peerRate : Double.NaN;
    }

    private Optional<SystemSummary> summary(String system) {
        return report.systems().stream().filter(summary -> summary.system().equals(system)).findFirst();
    }

    private Optional<Measurement> firstAtTarget(String system, int threads) {
        return report.rows().stream()
                .map(ResultRow::measurement)
                .filter(m -> m.system().equals(system) && m.threads() == threads && m.recall() >= report.targetRecall())
                .min(Comparator.comparingInt(Measurement::searchL));
    }
}
