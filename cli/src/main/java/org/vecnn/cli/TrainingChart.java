package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.vecnn.nn.EpochResult;

/** Loss and accuracy per epoch as a PNG (XChart). */
final class TrainingChart {
    private TrainingChart() {
    }

    static Path write(List<EpochResult> epochs, String title, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<Integer> x = epochs.stream().map(EpochResult::epoch).collect(Collectors.toList());
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("epoch")
                .yAxisTitle("loss / accuracy").build();
        chart.addSeries("training loss", x, values(epochs, EpochResult::trainLoss));
        add(chart, "training accuracy", x, values(epochs, EpochResult::trainAccuracy));
        add(chart, "validation loss", x, values(epochs, EpochResult::validationLoss));
        add(chart, "validation accuracy", x, values(epochs, EpochResult::validationAccuracy));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    private static void add(XYChart chart, String name, List<Integer> x, List<Double> y) {
        if (y.stream().noneMatch(v -> v.isNaN())) {
            chart.addSeries(name, x, y);
        }
    }

    private static List<Double> values(List<EpochResult> epochs, java.util.function.ToDoubleFunction<EpochResult> f) {
        return epochs.stream().map(e -> f.applyAsDouble(e)).collect(Collectors.toList());
    }
}
