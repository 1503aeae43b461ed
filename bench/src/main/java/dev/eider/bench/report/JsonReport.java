package dev.eider.bench.report;

import dev.eider.bench.run.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link BenchReport} as JSON for scripts: run metadata and one flat object per row. Numbers that were
 * not measured are {@code null}.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(BenchReport report) {
        List<String> rows = new ArrayList<>();
        for (ResultRow row : report.rows()) {
            Measurement m = row.measurement();
            SystemSummary s = row.summary();
            rows.add("    {" + String.join(", ",
                    field("system", text(m.system())),
                    field("dataset", text(row.dataset())),
                    field("L", Integer.toString(m.searchL())),
                    field("threads", Integer.toString(m.threads())),
                    field("queries", Integer.toString(m.queries())),
                    field("recall", number(m.recall())),
                    field("qps", number(m.qps())),
                    field("p50_ms", number(m.p50Millis())),
                    field("p99_ms", number(m.p99Millis())),
                    field("cpu_ms_per_query", number(m.cpuMillisPerQuery())),
                    field("build_s", number(s.build().buildSeconds())),
                    field("build_cpu_s", number(s.build().buildCpuSeconds())),
                    field("build_vectors_per_s", number(s.build().vectorsPerSecond())),
                    field("index_reused", Boolean.toString(s.build().reused())),
                    field("index_bytes", Long.toString(s.build().indexBytes())),
                    field("cache_bytes", Long.toString(s.cacheBytes())),
                    field("peak_heap_bytes", Long.toString(s.peakHeapBytes())),
                    field("retained_heap_bytes", Long.toString(s.retainedHeapBytes())),
                    field("peak_rss_bytes", Long.toString(s.peakRssBytes())),
                    field("blocks_per_query", number(m.blocksPerQuery())),
                    field("disk_reads_per_query", number(m.diskReadsPerQuery())),
                    field("cache_hit_ratio", number(m.cacheHitRatio()))) + "}");
        }
        List<String> notes = report.notes().stream().map(JsonReport::text).toList();
        return "{\n"
                + "  " + field("dataset", text(report.dataset())) + ",\n"
                + "  " + field("metric", text(report.metric())) + ",\n"
                + "  " + field("k", Integer.toString(report.k())) + ",\n"
                + "  " + field("settings", text(report.settings())) + ",\n"
                + "  " + field("notes", "[" + String.join(", ", notes) + "]") + ",\n"
                + "  \"rows\": [\n" + String.join(",\n", rows) + "\n  ]\n}\n";
    }

    private static String field(String name, String json) {
        return text(name) + ": " + json;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    static String text(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
