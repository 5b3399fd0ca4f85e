package org.vecnn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler;

/** Writes a bench run as PNG charts of speed-up per backend (XChart), an HTML page and the JSON. */
final class BenchReport {
    private BenchReport() {
    }

    /** Writes {@code index.html}, {@code bench.json} and one {@code speedup-DTYPE.png} per dtype; returns the page. */
    static Path write(List<BenchRun.Result> results, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bench.json"), Json.of(results), StandardCharsets.UTF_8);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>vecnn bench</title>"
                + "<style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}</style>"
                + "</head><body><h1>vecnn: loops against vectorized code</h1>"
                + "<p>Speed-up = the loops backend's median time divided by the median time here, measured in the same "
                + "run after warm-up. Every workload is compared with the same workload on loops, except <b>"
                + escape(Workloads.VECTORIZED) + "</b>, which is compared with <b>" + escape(Workloads.PER_SAMPLE)
                + "</b> on loops: one vectorized call against a backend call per sample. A speed-up marked ? is not "
                + "to be trusted: the interquartile range of its time or of its baseline's exceeds "
                + Math.round(Spread.UNSTEADY * 100) + "% of the median.</p>");
        for (String dtype : distinct(results, r -> r.dtype)) {
            String png = "speedup-" + dtype + ".png";
            BitmapEncoder.saveBitmap(chart(results, dtype), dir.resolve(png).toString(), BitmapEncoder.BitmapFormat.PNG);
            html.append("<h2>").append(dtype).append("</h2><img src=\"").append(png).append("\" alt=\"speed-up ")
                    .append(dtype).append("\">");
        }
        html.append("<h2>All measurements</h2><table><tr><th>workload</th><th>dtype</th><th>backend</th>"
                + "<th>median ms</th><th>IQR ms</th><th>min-max ms</th><th>runs</th><th>speed-up</th>"
                + "<th>against loops running</th></tr>");
        for (BenchRun.Result r : results) {
            html.append(String.format("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s-%s</td><td>%s-%s</td>"
                            + "<td>%d</td><td>%s</td><td>%s</td></tr>", escape(r.workload), r.dtype, r.backend,
                    BenchRun.millis(r.medianMillis), BenchRun.millis(r.q1Millis), BenchRun.millis(r.q3Millis),
                    BenchRun.millis(r.minMillis), BenchRun.millis(r.maxMillis), r.repeats, BenchRun.markedRatio(r).trim(),
                    escape(r.baselineWorkload.equals(r.workload) ? "the same workload" : r.baselineWorkload)));
        }
        html.append("</table>");
        html.append(otherCharts(dir));
        html.append("</body></html>");
        Path page = dir.resolve("index.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        return page;
    }

    /** The charts other commands left in the same directory: {@code bench mlp}'s and {@code train}'s. */
    static String otherCharts(Path dir) {
        StringBuilder html = new StringBuilder();
        if (Files.exists(dir.resolve(MlpBenchReport.PNG))) {
            html.append("<h2>MLP training and inference against NumPy (<code>vecnn bench mlp</code>)</h2>")
                    .append("<p><a href=\"").append(MlpBenchReport.HTML).append("\">the figures</a></p><img src=\"")
                    .append(MlpBenchReport.PNG).append("\" alt=\"MLP samples per second\">");
        }
        if (Files.exists(dir.resolve(TrainCommand.CHART))) {
            html.append("<h2>Training (<code>vecnn train</code>, <code>vecnn demo</code>)</h2><img src=\"")
                    .append(TrainCommand.CHART).append("\" alt=\"loss and accuracy per epoch\">");
        }
        return html.toString();
    }

    private static CategoryChart chart(List<BenchRun.Result> results, String dtype) {
        List<BenchRun.Result> ofType = results.stream().filter(r -> r.dtype.equals(dtype)).collect(Collectors.toList());
        List<String> workloads = distinct(ofType, r -> r.workload);
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(600)
                .title("Speed-up over loops (same workload on loops; vectorized forward: the per-sample loop on loops), "
                        + dtype + ", log scale")
                .xAxisTitle("workload").yAxisTitle("times faster than loops").build();
        // Bars start at zero, which a log axis cannot show: speed-ups span 0.5x to 1000x, so points on a log axis.
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(20);
        for (String backend : distinct(ofType, r -> r.backend)) {
            List<Double> speedups = new ArrayList<>();
            for (String workload : workloads) {
                speedups.add(ofType.stream().filter(r -> r.backend.equals(backend) && r.workload.equals(workload))
                        .mapToDouble(r -> r.speedup).findFirst().orElse(Double.NaN));
            }
            chart.addSeries(backend, workloads, speedups);
        }
        return chart;
    }

    private static List<String> distinct(List<BenchRun.Result> results, java.util.function.Function<BenchRun.Result, String> key) {
        Set<String> seen = new LinkedHashSet<>();
        results.forEach(r -> seen.add(key.apply(r)));
        return new ArrayList<>(seen);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
