package org.vecnn.examples;

import java.nio.file.Path;
import org.vecnn.Backends;
import org.vecnn.digits.GeneratedDigits;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.EpochResult;
import org.vecnn.nn.Evaluation;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.TrainingListener;
import org.vecnn.nn.TrainingReport;

/**
 * The README's network: a 784-256-10 MLP trained on generated digits, evaluated, saved and loaded again.
 * The model file goes to the directory given as the first argument (default: the working directory).
 */
public final class MlpExample {
    private MlpExample() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        // tag::readme[]
        GeneratedDigits.Images images = GeneratedDigits.generate(3000, 1);        // vecnn-digits: built in, no download
        Dataset.Split digits = Dataset.classification(images.pixels(), 784, images.labels(), 10).split(0.8, 2);
        Mlp net = Mlp.builder()
            .input(784)
            .dense(256, Activation.RELU)
            .dense(10, Activation.SOFTMAX)
            .loss(Loss.CROSS_ENTROPY)
            .optimizer(Optimizer.adam(0.001))       // or Optimizer.sgd(lr), Optimizer.momentum(lr, 0.9), .withWeightDecay(λ)
            .seed(42)                               // the initial weights; the same on every backend and dtype
            .dtype(DType.FLOAT32)                   // the default
            .build(Backends.get());
        TrainingListener progress = new TrainingListener() {   // onBatch and onEpoch, both optional
            @Override public void onEpoch(EpochResult epoch) { System.out.println(epoch); }
        };
        TrainingReport report = net.fit(digits.train(),
            Fit.epochs(10).batchSize(128).shuffle(7).validation(digits.test()).listener(progress));
        System.out.println(report);                 // loss and accuracy per epoch, seconds, samples/s
        Evaluation test = net.evaluate(digits.test());
        int[] classes = net.predictClasses(digits.test().features(net.backend(), net.dtype()));
        net.save(dir.resolve("digits.vecnn"));
        Mlp again = Mlp.load(dir.resolve("digits.vecnn"), Backends.get());
        // end::readme[]
        System.out.printf("test accuracy %.3f on %d digits; %d predictions; reloaded predicts the same: %b%n",
                test.accuracy(), classes.length, classes.length,
                java.util.Arrays.equals(classes, again.predictClasses(digits.test().features(again.backend(), again.dtype()))));
    }
}
