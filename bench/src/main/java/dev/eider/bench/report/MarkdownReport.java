package dev.eider.bench.report;

import dev.eider.bench.run.Measurement;
import dev.eider.bench.system.BuildReport;
import java.util.Locale;
import java.util.Optional;

/** Renders a {@link BenchReport} as Markdown tables: search rows, build and memory, Eider's ratios to each peer. */
public final class MarkdownReport {
    private static final double MIB = 1024.0 * 1024.0;

    private MarkdownReport() {
    }

    public static String render(BenchReport report) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(report.dataset()).append(" (").append(report.metric()).append(", recall@")
                .append(report.k()).append(")\n\n").append(report.settings()).append("\n\n");
        searchTable(report, out);
        buildTable(report, out);
        ratioTable(report, out);
        if (!report.notes().isEmpty()) {
            out.append("Notes:\n");
            report.notes().forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static void searchTable(BenchReport report, StringBuilder out) {
        out.append("| system | L | threads | recall@").append(report.k())
                .append(" | QPS | p50 ms | p99 ms | CPU ms/query | blocks/query | disk reads/query | cache hit |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ResultRow row : report.rows()) {
            Measurement m = row.measurement();
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %.0f | %.3f | %.3f | %.3f | %s | %s | %s |%n",
                    m.system(), m.searchL() > 0 ? Integer.toString(m.searchL()) : "-", m.threads(), m.recall(), m.qps(),
                    m.p50Millis(), m.p99Millis(), m.cpuMillisPerQuery(), optional(m.blocksPerQuery(), "%.1f"), optional(m.diskReadsPerQuery(), "%.1f"),
                    optional(m.cacheHitRatio(), "%.3f")));
        }
        out.append('\n');
    }

    private static void buildTable(BenchReport report, StringBuilder out) {
        out.append("| system | build s | build CPU s | vectors/s | index MiB | cache MiB | retained heap MiB"
                        + " | peak heap MiB | peak RSS MiB | index |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (SystemSummary s : report.systems()) {
            BuildReport b = s.build();
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %.0f | %.1f | %s | %.1f | %.0f | %.0f | %s |%n",
                    s.system(), b.buildSeconds(), optional(b.buildCpuSeconds(), "%.1f"), b.vectorsPerSecond(),
                    b.indexBytes() / MIB, s.cacheBytes() > 0 ? String.format(Locale.ROOT, "%.1f", s.cacheBytes() / MIB) : "-",
                    s.retainedHeapBytes() / MIB, s.peakHeapBytes() / MIB, s.peakRssBytes() / MIB,
                    b.reused() ? "reopened" : "built"));
        }
        out.append('\n');
    }

    private static void ratioTable(BenchReport report, StringBuilder out) {
        if (report.ratios().isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, "Eider vs peers at the first L reaching recall >= %.2f:%n%n",
                report.targetRecall()));
        out.append("| peer | threads | Eider L | Eider recall | Eider QPS | peer L | peer recall | peer QPS"
                + " | QPS ratio (Eider/peer) | CPU/query ratio (peer/Eider) | build vectors/s ratio (Eider/peer)"
                + " | build CPU ratio (peer/Eider) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RatioLine line : report.ratios()) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", line.peer(), line.threads(),
                    side(line.eider()), side(line.peerAtTarget()),
                    optional(line.qpsRatio(), "%.2f") + " | " + optional(line.cpuRatio(), "%.2f") + " | "
                            + optional(line.buildThroughputRatio(), "%.2f") + " | " + optional(line.buildCpuRatio(), "%.2f")));
        }
        out.append('\n');
    }

    private static String side(Optional<Measurement> m) {
        return m.map(x -> String.format(Locale.ROOT, "%s | %.4f | %.0f", x.searchL() > 0 ? x.searchL() : "-",
                x.recall(), x.qps())).orElse("not reached | - | -");
    }

    private static String optional(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
