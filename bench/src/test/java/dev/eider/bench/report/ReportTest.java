package dev.eider.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.bench.run.Measurement;
import dev.eider.bench.system.BuildReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final SystemSummary EIDER = new SystemSummary("eider", new BuildReport(10, 16, 1000, 4096, false), 1, 5, 2, 409);
    private static final SystemSummary LUCENE = new SystemSummary("lucene", new BuildReport(20, 40, 1000, 2048, true), 3, 6, 4, 0);

    private static ResultRow row(SystemSummary summary, int searchL, double recall, double qps) {
        return new ResultRow("toy", new Measurement(summary.system(), searchL, 1, 100, recall, qps, 0.5, 1.5, 1000 / qps,
                summary == EIDER ? 12.5 : Double.NaN, summary == EIDER ? 2.5 : Double.NaN,
                summary == EIDER ? 0.8 : Double.NaN), summary);
    }

    private static BenchReport report() {
        List<ResultRow> rows = new ArrayList<>();
        rows.add(row(EIDER, 10, 0.90, 5000));
        rows.add(row(EIDER, 20, 0.96, 3000));
        rows.add(row(EIDER, 40, 0.99, 1500));
        rows.add(row(LUCENE, 10, 0.94, 4000));
        rows.add(row(LUCENE, 20, 0.95, 2000));
        rows.add(row(LUCENE, 40, 0.97, 1000));
        return new BenchReport("toy", "l2", 10, 0.95, "toy settings", List.of(EIDER, LUCENE), rows, List.of("a \"note\""));
    }

    @Test
    void ratiosCompareTheFirstLReachingTheTargetOnEachSide() {
        RatioLine line = report().ratios().getFirst();

        assertThat(line.peer()).isEqualTo("lucene");
        assertThat(line.eider()).get().extracting(Measurement::searchL).isEqualTo(20);
        assertThat(line.peerAtTarget()).get().extracting(Measurement::searchL).isEqualTo(20);
        assertThat(line.qpsRatio()).isEqualTo(1.5);
        assertThat(line.cpuRatio()).isEqualTo(1.5);
        assertThat(line.buildThroughputRatio()).isEqualTo(2.0);
        assertThat(line.buildCpuRatio()).isEqualTo(2.5);
    }

    @Test
    void aSideThatNeverReachesTheTargetHasNoQpsRatio() {
        BenchReport strict = new BenchReport("toy", "l2", 10, 0.98, "", report().systems(), report().rows(), List.of());

        RatioLine line = strict.ratios().getFirst();

        assertThat(line.peerAtTarget()).isEmpty();
        assertThat(line.qpsRatio()).isNaN();
        assertThat(MarkdownReport.render(strict)).contains("not reached");
    }

    @Test
    void markdownHasOneLinePerMeasurementAndTheRatio() {
        String markdown = MarkdownReport.render(report());

        assertThat(markdown.lines().filter(line -> line.startsWith("| eider | ")).count()).isEqualTo(4);
        assertThat(markdown).contains("| eider | 20 | 1 | 0.9600 | 3000 | 0.500 | 1.500 | 0.333 | 12.5 | 2.5 | 0.800 |")
                .contains("| lucene | 1 | 20 | 0.9600 | 3000 | 20 | 0.9500 | 2000 | 1.50 | 1.50 | 2.00 | 2.50 |")
                .contains("| lucene | 20.0 | 40.0 | 50 | 0.0 | - | 0.0 | 0 | 0 | reopened |");
    }

    @Test
    void jsonHasEveryRowWithNullForUnmeasuredFigures() {
        String json = JsonReport.render(report());

        assertThat(json).contains("\"notes\": [\"a \\\"note\\\"\"]");
        assertThat(json.lines().filter(line -> line.contains("\"system\": ")).count()).isEqualTo(6);
        assertThat(json).contains("\"system\": \"lucene\", \"dataset\": \"toy\", \"L\": 40")
                .contains("\"blocks_per_query\": null")
                .contains("\"blocks_per_query\": 12.5000")
                .contains("\"index_bytes\": 4096")
                .contains("\"peak_heap_bytes\": 3")
                .contains("\"retained_heap_bytes\": 6")
                .contains("\"build_cpu_s\": 40.0000");
    }

    @Test
    void plotIsAReadablePng(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("plot.png");

        RecallQpsPlot.write(report(), png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(650);
    }
}
