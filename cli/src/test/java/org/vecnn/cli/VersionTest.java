package org.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vecnn --version} says the version the build was made with (Maven passes it as project.version). */
class VersionTest {
    @Test
    void versionComesFromTheBuild() {
        String expected = System.getProperty("vecnn.project.version");
        assertThat(expected).as("surefire passes vecnn.project.version").isNotBlank();
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString().trim()).isEqualTo("vecnn " + expected);
        assertThat(BuildVersion.version()).isEqualTo(expected).doesNotContain("${");
    }
}
