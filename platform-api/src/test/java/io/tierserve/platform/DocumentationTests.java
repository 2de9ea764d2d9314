package io.tierserve.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's documentation stands alone: nothing refers to files outside it, every cited
 * section of {@code docs/algorithms.md} exists, every relative link resolves, and the README stays
 * short.
 */
class DocumentationTests {

    private static final Path ROOT = Path.of("..");
    private static final Set<String> TEXT = Set.of("java", "md", "yml", "yaml", "xml", "sh", "html", "js", "sql");
    // applied Flyway migrations are never edited: their text is part of their checksum
    private static final Path MIGRATIONS = Path.of("db", "src", "main", "resources", "db", "migration");
    private static final Pattern ALGORITHMS_CITATION = Pattern.compile("docs/algorithms\\.md#([a-z0-9-]+)");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void noFileRefersToNotesOutsideTheRepository() throws IOException {
        List<String> outside = List.of(
                "../" + "shared",
                "ALGORITHMS" + ".md",
                "DESIGN" + ".md",
                "STYLE" + ".md",
                "ENVIRONMENT" + ".md",
                "MEASURE" + ".md");
        List<String> found = new ArrayList<>();
        for (Path file : textFiles()) {
            if (ROOT.relativize(file).startsWith(MIGRATIONS)) {
                continue;
            }
            String text = Files.readString(file);
            for (String reference : outside) {
                if (text.contains(reference)) {
                    found.add(ROOT.relativize(file) + ": " + reference);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyCitedSectionOfTheAlgorithmsDocumentExists() throws IOException {
        Set<String> anchors = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/algorithms.md"))) {
            if (line.startsWith("## ")) {
                anchors.add(anchor(line.substring(3)));
            }
        }
        Set<String> cited = new TreeSet<>();
        List<String> dangling = new ArrayList<>();
        for (Path file : textFiles()) {
            Matcher m = ALGORITHMS_CITATION.matcher(Files.readString(file));
            while (m.find()) {
                cited.add(m.group(1));
                if (!anchors.contains(m.group(1))) {
                    dangling.add(ROOT.relativize(file) + ": #" + m.group(1));
                }
            }
        }
        assertThat(dangling)
                .as("citations of sections that docs/algorithms.md lacks")
                .isEmpty();
        assertThat(cited).as("the code cites the algorithms document").hasSizeGreaterThan(8);
    }

    @Test
    void everyRelativeLinkInTheMarkdownResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : textFiles()) {
            if (!file.toString().endsWith(".md")) {
                continue;
            }
            Matcher m = LINK.matcher(Files.readString(file));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http") || target.startsWith("#") || target.startsWith("mailto:")) {
                    continue;
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                if (!Files.exists(file.getParent().resolve(path))) {
                    broken.add(ROOT.relativize(file) + ": " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theReadmeIsShortAndEveryModuleHasOne() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(150);
        for (String module : List.of(
                "db",
                "test-support",
                "policy-algorithms",
                "policy-service",
                "inference-workers",
                "platform-api",
                "web-ui",
                "deploy")) {
            assertThat(ROOT.resolve(module).resolve("README.md")).exists();
        }
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    private static List<Path> textFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        Path relative = ROOT.relativize(file);
                        for (Path part : relative) {
                            String name = part.toString();
                            if (name.equals("target")
                                    || name.equals(".git")
                                    || name.equals("data")
                                    || name.equals("node_modules")) {
                                return false;
                            }
                        }
                        String name = file.getFileName().toString();
                        int dot = name.lastIndexOf('.');
                        return dot > 0 && TEXT.contains(name.substring(dot + 1)) || name.equals("run");
                    })
                    .toList();
        }
    }
}
