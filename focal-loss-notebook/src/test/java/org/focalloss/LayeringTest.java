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
 * The package arrows inside a module, which the module graph cannot see (between modules, Maven and javac
 * enforce them: see {@link ModuleGraphTest}). Inside focal-loss-notebook: notebook → explorer/charts → curves
 * → core, exercises → core; inside focal-loss-core: core ↛ batch and no Vector API; the CLI never uses the notebook glue.
 * Checked on the sources' imports (and fully qualified references).
 */
class LayeringTest {

    /** The project root, seen from this module's directory (surefire's working directory). */
    private static final Path ROOT = Path.of("..");

    /** module/package → what it must not reference. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "focal-loss-core/core", List.of("org.focalloss.batch", "jdk.incubator"),
            "focal-loss-experiment/experiment", List.of("jdk.incubator"),
            "focal-loss-notebook/curves", List.of("org.knowm", "org.focalloss.charts", "org.focalloss.explorer",
                    "org.focalloss.notebook"),
            "focal-loss-notebook/charts", List.of("org.focalloss.explorer", "org.focalloss.notebook"),
            "focal-loss-notebook/explorer", List.of("org.knowm", "org.focalloss.charts", "org.focalloss.notebook"),
            "focal-loss-notebook/notebook", List.of("org.dflib", "io.github.spencerpark"),
            // the self-checks compute from core alone and print: no tables, charts, widgets or kernel glue
            "focal-loss-notebook/exercises", List.of("org.knowm", "tech.tablesaw", "org.focalloss.curves",
                    "org.focalloss.charts", "org.focalloss.explorer", "org.focalloss.notebook",
                    "org.focalloss.experiment"),
            "focal-loss-cli/cli", List.of("org.focalloss.notebook"));

    static Stream<String> packages() {
        return FORBIDDEN.keySet().stream().sorted();
    }

    private static Path folder(String modulePackage) {
        String[] parts = modulePackage.split("/");
        return ROOT.resolve(Path.of(parts[0], "src", "main", "java", "org", "focalloss", parts[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void packageDependsOnlyOnLowerLayers(String modulePackage) throws IOException {
        String pkg = "org.focalloss." + modulePackage.split("/")[1];
        List<String> violations = new ArrayList<>();
        Pattern reference = Pattern.compile("\\b((?:org|tech|picocli|io|jdk)\\.[a-z][\\w.]*)");
        try (Stream<Path> files = Files.walk(folder(modulePackage))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                // comments and string literals do not count: the notebook glue names the kernels' classes only
                // as strings, for reflection, and must not compile against them
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
                Matcher m = reference.matcher(code);
                while (m.find()) {
                    String ref = m.group(1);
                    for (String bad : FORBIDDEN.get(modulePackage)) {
                        if (ref.startsWith(bad) && !ref.startsWith(pkg)) {
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
    void everyLayerHasItsFolder(String modulePackage) {
        assertTrue(Files.isDirectory(folder(modulePackage)), modulePackage);
    }
}
