package org.vecnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's and docs' code blocks are the sources the build compiles and runs. A block preceded by
 * {@code <!-- example: PATH -->} must equal, line for line (common indentation removed), the part of PATH between
 * {@code tag::readme[]} and {@code end::readme[]}, or the whole file without such tags; {@code @project.version@}
 * in a file stands for the version. Edit the source, then copy it into the page.
 */
class ReadmeExamplesTest {
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- example: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void everyMarkedBlockIsItsSource() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = BLOCK.matcher(Files.readString(page).replace("\r\n", "\n"));
            while (m.find()) {
                Path source = ROOT.resolve(m.group(1));
                assertThat(source).as(page.getFileName() + " names a source that exists").isRegularFile();
                assertThat(normalize(m.group(2)))
                        .as(page.getFileName() + "'s block from " + m.group(1) + " (copy the source into the page)")
                        .isEqualTo(normalize(excerpt(source)));
                checked.add(m.group(1));
            }
        }
        assertThat(checked).as("the README's examples are all checked").contains(
                "examples/src/main/java/org/vecnn/examples/FirstExample.java",
                "examples/src/main/java/org/vecnn/examples/Lesson.java",
                "examples/src/main/java/org/vecnn/examples/MlpExample.java",
                "consumer-it/src/it/consumer-app/pom.xml");
    }

    @Test
    void theLessonIsNineLines() throws IOException {
        String lesson = excerpt(ROOT.resolve("examples/src/main/java/org/vecnn/examples/Lesson.java"));
        assertThat(normalize(lesson).split("\n")).hasSize(9);
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String excerpt(Path source) throws IOException {
        String text = Files.readString(source).replace("\r\n", "\n")
                .replace("@project.version@", System.getProperty("vecnn.project.version"));
        List<String> lines = List.of(text.split("\n"));
        int begin = indexOfTag(lines, "tag::readme[]");
        int end = indexOfTag(lines, "end::readme[]");
        if (begin < 0) {
            return text;
        }
        assertThat(end).as(source + ": end::readme[] after tag::readme[]").isGreaterThan(begin);
        return String.join("\n", lines.subList(begin + 1, end));
    }

    private static int indexOfTag(List<String> lines, String tag) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(tag)) {
                return i;
            }
        }
        return -1;
    }

    /** Without trailing spaces, trailing blank lines or the indentation all lines share. */
    static String normalize(String block) {
        List<String> lines = block.lines().map(String::stripTrailing).collect(Collectors.toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}
