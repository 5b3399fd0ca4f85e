package org.vecnn.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's generator of float64 twins, tools/Twins.java, run as the root pom runs it. */
class TwinsGeneratorTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theBuildsTwinStartsWithItsStamp() throws IOException {
        Path twin = Path.of("target/generated-sources/float64-twins/org/vecnn/backend/ejml/Dense64.java");
        assertThat(Files.readAllLines(twin, StandardCharsets.UTF_8).get(0)).isEqualTo(
                "// Generated from backend-ejml/src/main/java/org/vecnn/backend/ejml/Dense32.java by tools/Twins.java;"
                        + " do not edit.");
    }

    @Test
    void replacesTheKeysAndKeepsCommentLinesThatSpeakOfBoth() throws Exception {
        template("p/Float32Thing.java", """
                package p;
                /** The float32 thing. */
                /** 16 registers for float32, 24 for float64. */
                final class Float32Thing {
                    float half = 0.5f;
                    String s = "// float32 in a string";
                }
                """);
        rules("template p/Float32*.java", "key \\bFloat32 Float64", "key \\bfloat\\b double", "key \\bfloat32\\b float64",
                "key \\b(\\d+(?:\\.\\d*)?)[fF]\\b $1");
        Result result = run();
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(Files.readString(dir.resolve("out/p/Float64Thing.java"))).isEqualTo("""
                // Generated from p/Float32Thing.java by tools/Twins.java; do not edit.
                package p;
                /** The float64 thing. */
                /** 16 registers for float32, 24 for float64. */
                final class Float64Thing {
                    double half = 0.5;
                    String s = "// float64 in a string";
                }
                """);
    }

    @Test
    void failsWhenAFloat32TokenIsLeftInATwin() throws Exception {
        template("p/Float32Thing.java", """
                package p;
                /** The float32 thing. */
                final class Float32Thing {
                    double half = 0.5f;
                }
                """);
        rules("template p/Float32*.java", "key \\bFloat32 Float64", "key \\bfloat32\\b float64");
        Result result = run();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("p/Float32Thing.java:4: '0.5f' is left in its float64 twin");
    }

    @Test
    void failsWhenATemplateGlobMatchesNothingOrTheNameStaysTheSame() throws Exception {
        template("p/Thing.java", "package p;\nfinal class Thing {\n}\n");
        rules("template p/Thing.java", "template p/Missing*.java", "key \\bFloat32 Float64");
        Result result = run();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("template p/Missing*.java matches no file")
                .contains("the keys leave its name unchanged");
    }

    private void template(String path, String text) throws IOException {
        Path file = dir.resolve("src").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void rules(String... lines) throws IOException {
        Files.write(dir.resolve("rules.txt"), List.of(lines));
    }

    private record Result(int exit, String output) {
    }

    private Result run() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), ROOT.resolve("tools/Twins.java").toString(),
                dir.resolve("src").toString(), dir.resolve("rules.txt").toString(), dir.resolve("src").toString(),
                dir.resolve("out").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the generator finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
