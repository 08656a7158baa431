package org.focalloss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layers show in the folders and arrows point one way: notebook → explorer/charts → curves → core;
 * experiment → batch → core (the experiment is its own module later: JDK, core and batch only).
 * Checked on the sources' imports (and fully qualified references).
 */
class LayeringTest {

    private static final Path SRC = Path.of("src", "main", "java", "org", "focalloss");

    /** package → what it must not reference. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "core", List.of("org.knowm", "tech.tablesaw", "picocli", "org.focalloss.batch", "org.focalloss.curves",
                    "org.focalloss.charts", "org.focalloss.explorer", "org.focalloss.notebook", "org.focalloss.cli",
                    "org.dflib", "io.github.spencerpark", "jdk.incubator"),
            "batch", List.of("org.knowm", "tech.tablesaw", "picocli", "org.focalloss.curves", "org.focalloss.charts",
                    "org.focalloss.explorer", "org.focalloss.notebook", "org.focalloss.cli"),
            "experiment", List.of("org.knowm", "tech.tablesaw", "picocli", "org.focalloss.curves",
                    "org.focalloss.charts", "org.focalloss.explorer", "org.focalloss.notebook", "org.focalloss.cli",
                    "org.dflib", "io.github.spencerpark", "jdk.incubator"),
            "curves", List.of("org.knowm", "picocli", "org.focalloss.charts", "org.focalloss.explorer",
                    "org.focalloss.notebook", "org.focalloss.cli"),
            "charts", List.of("picocli", "org.focalloss.explorer", "org.focalloss.notebook", "org.focalloss.cli"),
            "explorer", List.of("org.knowm", "picocli", "org.focalloss.charts", "org.focalloss.notebook",
                    "org.focalloss.cli"),
            "notebook", List.of("picocli", "org.focalloss.cli", "org.dflib", "io.github.spencerpark"),
            "cli", List.of("org.focalloss.notebook"));

    static Stream<String> packages() {
        return FORBIDDEN.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void packageDependsOnlyOnLowerLayers(String pkg) throws IOException {
        List<String> violations = new ArrayList<>();
        Pattern reference = Pattern.compile("\\b((?:org|tech|picocli|io|jdk)\\.[a-z][\\w.]*)");
        try (Stream<Path> files = Files.walk(SRC.resolve(pkg))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                // comments and string literals do not count: the notebook glue names the kernels' classes only
                // as strings, for reflection, and must not compile against them
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
                Matcher m = reference.matcher(code);
                while (m.find()) {
                    String ref = m.group(1);
                    for (String bad : FORBIDDEN.get(pkg)) {
                        if (ref.startsWith(bad) && !(pkg.equals("notebook") && ref.startsWith("org.focalloss.notebook"))) {
                            violations.add(f.getFileName() + " → " + ref);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void everyLayerHasItsFolder(String pkg) {
        assertTrue(Files.isDirectory(SRC.resolve(pkg)), pkg);
    }
}
