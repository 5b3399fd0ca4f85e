package org.vecnn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes {@code vecnn bench mlp}'s figures as a bar chart (XChart), an HTML page and the JSON. */
final class MlpBenchReport {
    static final String PNG = "mlp.png";
    static final String HTML = "mlp.html";
    static final String JSON = "mlp.json";

    private MlpBenchReport() {
    }

    /** Writes {@value #PNG}, {@value #HTML} and {@value #JSON} into {@code dir}; returns the page. */
    static Path write(MlpBenchCommand.Outcome outcome, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON), Json.of(outcome), StandardCharsets.UTF_8);
        BitmapEncoder.saveBitmap(chart(outcome), dir.resolve(PNG).toString(), BitmapEncoder.BitmapFormat.PNG);
        String text = MlpBenchCommand.text(outcome);
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>vecnn bench mlp</title></head>"
                + "<body style=\"font-family:sans-serif\"><h1>vecnn: MLP training and inference against NumPy</h1>"
                + "<p>Made by <code>vecnn bench mlp</code>. Bars are medians; the table gives the spread "
                + "(interquartile range and min-max over the epochs or predictions).</p>"
                + "<img src=\"" + PNG + "\" alt=\"samples per second per backend\"><pre>" + escape(text) + "</pre>"
                + "<p><a href=\"index.html\">vecnn bench</a> (loops against vectorized code), if it was run here</p>"
                + "</body></html>";
        Path page = dir.resolve(HTML);
        Files.writeString(page, html, StandardCharsets.UTF_8);
        return page;
    }

    private static CategoryChart chart(MlpBenchCommand.Outcome o) {
        List<String> names = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> predict = new ArrayList<>();
        if (o.numpy.present) {
            names.add("NumPy " + o.numpy.numpyVersion);
            train.add(o.numpy.train.median);
            predict.add(o.numpy.predict.median);
        }
        for (MlpBench.Result r : o.backends) {
            names.add(r.backend + (Double.isNaN(r.trainRatio) ? "" : String.format(Locale.ROOT, " (%s / %s of NumPy)",
                    BenchRun.ratio(r.trainRatio), BenchRun.ratio(r.predictRatio))) + (r.reduced ? " *" : ""));
            train.add(r.train.median);
            predict.add(r.predict.median);
        }
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(600)
                .title(o.workload + ": samples/s, median of " + o.epochs + " (higher is better; * fewer samples)")
                .xAxisTitle("backend (training / inference ratio to NumPy, same run)").yAxisTitle("samples per second")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(10);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.addSeries("training (fit, one epoch)", names, train);
        chart.addSeries("inference (predict, all samples)", names, predict);
        return chart;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
