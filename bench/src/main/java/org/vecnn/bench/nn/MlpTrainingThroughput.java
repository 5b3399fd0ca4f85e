package org.vecnn.bench.nn;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;

/**
 * Runs {@link MlpTrainingBenchmark} on every available backend in one run and prints training samples per
 * second per backend. Arguments are JMH's own (e.g. {@code -wi 1 -i 2} for a quicker run) and override the
 * benchmark's annotations.
 */
public final class MlpTrainingThroughput {
    private MlpTrainingThroughput() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        List<String> backends = Backends.report().stream().peek(s -> System.out.println("backend " + s))
                .filter(BackendStatus::available).map(BackendStatus::name).collect(Collectors.toList());
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(MlpTrainingBenchmark.class.getName() + ".trainOneEpoch")
                .param("backend", backends.toArray(new String[0]))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("MLP 784-256-10 ReLU/softmax, cross-entropy, SGD, batch " + MlpTrainingBenchmark.BATCH
                + ", float32: training samples per second");
        for (RunResult result : results) {
            System.out.println(String.format(Locale.ROOT, "  %-10s %,12.0f ± %,.0f",
                    result.getParams().getParam("backend"), result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()));
        }
    }
}
