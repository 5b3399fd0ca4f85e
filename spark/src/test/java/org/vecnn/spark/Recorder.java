package org.vecnn.spark;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.nn.EpochResult;
import org.vecnn.nn.TrainingListener;

/** Records what a training listener hears, and on which thread. */
final class Recorder implements TrainingListener {
    final List<Double> losses = new ArrayList<>();
    final List<String> batches = new ArrayList<>();
    final List<EpochResult> epochs = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void onBatch(int epoch, int batch, int batchCount, double loss) {
        losses.add(loss);
        batches.add(epoch + ":" + batch + "/" + batchCount);
        threads.add(Thread.currentThread());
    }

    @Override
    public void onEpoch(EpochResult result) {
        epochs.add(result);
        threads.add(Thread.currentThread());
    }

    double[] lossArray() {
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
