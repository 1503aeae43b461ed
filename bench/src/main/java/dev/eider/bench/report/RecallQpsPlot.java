package dev.eider.bench.report;

import dev.eider.bench.run.Measurement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The classic ANN trade-off plot: one line per system and thread count, recall on x, QPS (log scale) on y. */
public final class RecallQpsPlot {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 650;

    private RecallQpsPlot() {
    }

    public static void write(BenchReport report, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(report.dataset() + " (" + report.metric() + "): recall@" + report.k() + " vs QPS")
                .xAxisTitle("recall@" + report.k()).yAxisTitle("queries per second (log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        for (Map.Entry<String, List<Measurement>> series : seriesOf(report).entrySet()) {
            double[] recall = series.getValue().stream().mapToDouble(Measurement::recall).toArray();
            double[] qps = series.getValue().stream().mapToDouble(Measurement::qps).toArray();
            XYSeries line = chart.addSeries(series.getKey(), recall, qps);
            if (recall.length == 1) {
                line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                line.setMarker(SeriesMarkers.DIAMOND);
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static Map<String, List<Measurement>> seriesOf(BenchReport report) {
        Map<String, List<Measurement>> series = new LinkedHashMap<>();
        for (ResultRow row : report.rows()) {
            Measurement m = row.measurement();
            String name = m.system() + ", " + m.threads() + (m.threads() == 1 ? " thread" : " threads");
            series.computeIfAbsent(name, key -> new ArrayList<>()).add(m);
        }
        return series;
    }
}
