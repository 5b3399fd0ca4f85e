package org.vecnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.digits.GeneratedDigits;
import org.vecnn.tck.Environment;

/** Each example program runs to the end and prints what the README says it prints. */
class ExamplesTest {
    @TempDir
    Path tmp;

    @Test
    void firstExamplePrintsTheDenseLayersOutput() throws Exception {
        assertThat(run(() -> FirstExample.main(new String[0]))).isEqualTo("vector: [4.5, 4.5, 10.5, 10.5]\n");
    }

    @Test
    void lessonFindsTheLoopAndTheVectorizedFormEqual() throws Exception {
        assertThat(run(() -> Lesson.main(new String[0])))
                .matches("loop \\d+\\.\\d ms, vectorized \\d+\\.\\d\\d ms, same: true\n");
    }

    @Test
    void mlpExampleTrainsSavesAndReloads() throws Exception {
        Environment.require(GeneratedDigits.unavailableReason());
        String out = run(() -> MlpExample.main(new String[] {tmp.toString()}));
        assertThat(tmp.resolve("digits.vecnn")).isRegularFile();
        assertThat(out).contains("reloaded predicts the same: true").contains("600 predictions");
        double accuracy = Double.parseDouble(out.replaceAll("(?s).*test accuracy ([0-9.]+) .*", "$1"));
        assertThat(accuracy).as("held-out accuracy after 10 epochs").isGreaterThan(0.85);
    }

    interface Program {
        void run() throws Exception;
    }

    private static String run(Program program) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(saved);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        saved.print(out);
        return out.replace(System.lineSeparator(), "\n");
    }
}
