import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one generator of the build's float64 twins: Java sources written once for float32 (the templates, which
 * compile as they are) and copied at generate-sources with their type keys replaced, as the JDK's gen-src.sh
 * does for the Vector API. A JEP 330 single-file program (run with {@code java tools/Twins.java}), so the build
 * needs nothing installed; the root pom's {@code float64-twins} executions run it.
 *
 * <p>Arguments: the repository root, the module's rules file, the module's source root, the output folder. The
 * rules file has one rule a line ({@code #} starts a comment):
 * <pre>
 * template org/vecnn/backend/ejml/Dense32.java     a glob under the source root
 * key      \bfloat\b double                         a Java regular expression and its replacement, applied in order
 * forbid   FMatrixRMaj|FDRM                          a float32 token no twin may keep (besides the built-in ones)
 * </pre>
 * The keys also name the twin ({@code FloatGemm.java} becomes {@code DoubleGemm.java}). Every twin starts with
 * "// Generated from TEMPLATE by tools/Twins.java; do not edit."
 *
 * <p>Checked, failing the build: a template glob that matches nothing, a twin whose name the keys leave unchanged,
 * and a float32 token left in a twin: {@link #BUILT_IN_FORBIDDEN} and the module's {@code forbid} rules. One
 * exception, for prose: a comment line that already names the float64 side of a key (a literal replacement)
 * speaks of both dtypes ("16 registers for float32, 24 for float64") and is copied unchanged.
 */
public final class Twins {

    /** float32 tokens no float64 twin may keep: the type, its dtype names, its literals, half-mapped names. */
    static final String BUILT_IN_FORBIDDEN =
            "\\bfloat\\b|\\bfloat32\\b|\\bFLOAT32\\b|\\b\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?[fF]\\b"
                    + "|double32|double64|Double32|DOUBLE32|DOUBLE64";

    static final String GENERATOR = "tools/Twins.java";

    record Key(Pattern pattern, String replacement) {
        /** The text this key writes, when it is literal (no group reference). */
        String literalReplacement() {
            return replacement.contains("$") || replacement.contains("\\") ? null : replacement;
        }
    }

    record Rules(List<String> templates, List<Key> keys, Pattern forbidden) {
        static Rules read(Path file) throws IOException {
            List<String> templates = new ArrayList<>();
            List<Key> keys = new ArrayList<>();
            StringBuilder forbidden = new StringBuilder(BUILT_IN_FORBIDDEN);
            int number = 0;
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+", 3);
                switch (words[0]) {
                    case "template" -> {
                        require(words.length == 2, file, number, "template takes one glob");
                        templates.add(words[1]);
                    }
                    case "key" -> {
                        require(words.length == 3, file, number, "key takes a regular expression and a replacement");
                        keys.add(new Key(Pattern.compile(words[1]), words[2]));
                    }
                    case "forbid" -> {
                        require(words.length == 2, file, number, "forbid takes one regular expression");
                        forbidden.append('|').append(Pattern.compile(words[1]).pattern());
                    }
                    default -> throw new IllegalArgumentException(
                            file + ":" + number + ": unknown rule '" + words[0] + "' (template, key or forbid)");
                }
            }
            require(!templates.isEmpty(), file, number, "no template rule");
            require(!keys.isEmpty(), file, number, "no key rule");
            return new Rules(templates, keys, Pattern.compile(forbidden.toString()));
        }

        private static void require(boolean condition, Path file, int line, String message) {
            if (!condition) {
                throw new IllegalArgumentException(file + ":" + line + ": " + message);
            }
        }
    }

    /** A stretch of source: code, or one line of a comment. */
    record Segment(String text, boolean comment) {
    }

    private Twins() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java tools/Twins.java REPOSITORY_ROOT RULES_FILE SOURCE_ROOT OUTPUT_FOLDER");
            System.exit(2);
        }
        try {
            int written = generate(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            System.out.println("Twins: " + written + " float64 twin(s) from " + args[1] + " in " + args[3]);
        } catch (IllegalArgumentException e) {
            System.err.println("Twins: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes every twin the rules ask for into {@code output} (a twin whose text is unchanged keeps its file and
     * time, so the compiler sees nothing new) and deletes any other file there; returns how many twins.
     */
    static int generate(Path root, Path rulesFile, Path sources, Path output) throws IOException {
        Rules rules = Rules.read(rulesFile);
        int written = 0;
        Set<Path> produced = new HashSet<>();
        List<String> errors = new ArrayList<>();
        for (String glob : rules.templates()) {
            List<Path> templates = matching(sources, glob);
            if (templates.isEmpty()) {
                errors.add(rulesFile + ": template " + glob + " matches no file under " + sources);
            }
            for (Path template : templates) {
                Path relative = sources.relativize(template);
                String name = relative.getFileName().toString();
                String twinName = replaceAll(name, rules.keys());
                if (twinName.equals(name)) {
                    errors.add(template + ": the keys leave its name unchanged, so its twin would replace it");
                    continue;
                }
                String stampPath = root.toAbsolutePath().normalize()
                        .relativize(template.toAbsolutePath().normalize()).toString().replace('\\', '/');
                String twin = twin(Files.readString(template, StandardCharsets.UTF_8), rules, stampPath, errors);
                Path target = output.resolve(relative).resolveSibling(twinName);
                Files.createDirectories(target.getParent());
                if (!Files.isRegularFile(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(twin)) {
                    Files.writeString(target, twin, StandardCharsets.UTF_8);
                }
                produced.add(target.toAbsolutePath().normalize());
                written++;
            }
        }
        deleteAllBut(output, produced);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "float64 twins not generated (" + errors.size() + " problem(s)):\n  " + String.join("\n  ", errors));
        }
        return written;
    }

    /** The twin of one template's text, stamped; every float32 token left in it is added to {@code errors}. */
    static String twin(String template, Rules rules, String stampPath, List<String> errors) {
        StringBuilder out = new StringBuilder("// Generated from ").append(stampPath).append(" by ")
                .append(GENERATOR).append("; do not edit.\n");
        int line = 1;
        for (Segment segment : segments(template)) {
            String text = segment.text();
            String masked;
            if (segment.comment() && speaksOfBoth(text, rules.keys())) {
                masked = text;
                for (Key key : rules.keys()) {
                    masked = key.pattern().matcher(masked).replaceAll(" ");
                }
            } else {
                text = replaceAll(text, rules.keys());
                masked = text;
            }
            Matcher left = rules.forbidden().matcher(masked);
            while (left.find()) {
                int at = line + count(masked, left.start());
                errors.add(stampPath + ":" + at + ": '" + left.group() + "' is left in its float64 twin"
                        + " (add a key or reword the template)");
            }
            line += count(segment.text(), segment.text().length());
            out.append(text);
        }
        return out.toString();
    }

    /** Whether a comment line already names the float64 side of a key: such a line is true of both twins. */
    private static boolean speaksOfBoth(String line, List<Key> keys) {
        for (Key key : keys) {
            String replacement = key.literalReplacement();
            if (replacement != null && !replacement.isEmpty()
                    && Pattern.compile("\\b" + Pattern.quote(replacement)).matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    private static int count(String text, int end) {
        int lines = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String replaceAll(String text, List<Key> keys) {
        for (Key key : keys) {
            text = key.pattern().matcher(text).replaceAll(key.replacement());
        }
        return text;
    }

    /**
     * The source cut into code and comment lines: string, character and text-block literals stay code, so a
     * {@code "//"} in a string starts no comment.
     */
    static List<Segment> segments(String source) {
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(source, i);
            } else if (c == '/' && i + 1 < n && (source.charAt(i + 1) == '/' || source.charAt(i + 1) == '*')) {
                add(segments, source.substring(start, i), false);
                boolean block = source.charAt(i + 1) == '*';
                int end;
                if (block) {
                    int close = source.indexOf("*/", i + 2);
                    end = close < 0 ? n : close + 2;
                } else {
                    int eol = source.indexOf('\n', i);
                    end = eol < 0 ? n : eol;
                }
                int lineStart = i;
                for (int j = i; j < end; j++) {
                    if (source.charAt(j) == '\n') {
                        add(segments, source.substring(lineStart, j + 1), true);
                        lineStart = j + 1;
                    }
                }
                add(segments, source.substring(lineStart, end), true);
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        add(segments, source.substring(start), false);
        return segments;
    }

    private static int skipLiteral(String source, int i) {
        char quote = source.charAt(i);
        if (quote == '"' && source.startsWith("\"\"\"", i)) {
            int close = source.indexOf("\"\"\"", i + 3);
            return close < 0 ? source.length() : close + 3;
        }
        int j = i + 1;
        while (j < source.length() && source.charAt(j) != quote && source.charAt(j) != '\n') {
            j += source.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(j + 1, source.length());
    }

    private static void add(List<Segment> segments, String text, boolean comment) {
        if (!text.isEmpty()) {
            segments.add(new Segment(text, comment));
        }
    }

    private static List<Path> matching(Path sources, String glob) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(sources.relativize(p)))
                    .sorted()
                    .toList();
        }
    }

    private static void deleteAllBut(Path output, Set<Path> kept) throws IOException {
        if (!Files.exists(output)) {
            return;
        }
        try (Stream<Path> files = Files.walk(output)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(p -> !kept.contains(p.toAbsolutePath().normalize()))
                    .filter(p -> !Files.isDirectory(p) || isEmpty(p))
                    .forEach(p -> {
                        try {
                            Files.delete(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
