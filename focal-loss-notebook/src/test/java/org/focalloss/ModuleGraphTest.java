package org.focalloss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The layering between modules is the Maven module graph: Maven refuses cycles and javac refuses an import
 * whose module is not a dependency. What remains to check is that each module declares exactly the
 * dependencies its layer allows, read from the poms: core → nothing; experiment → core; notebook → core,
 * experiment, Tablesaw, XChart; cli → notebook, core, picocli; djl → core, DJL's api. Test-scope
 * dependencies do not count. A module in the parent's
 * {@code <modules>} without an entry here fails, and so does an entry without a module.
 */
class ModuleGraphTest {

    /** The project root, seen from this module's directory (surefire's working directory). */
    private static final Path ROOT = Path.of("..");

    /** module → its allowed non-test dependencies, "groupId:artifactId", "(optional)" appended if optional. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "focal-loss-core", Set.of(),
            "focal-loss-experiment", Set.of("org.focalloss:focal-loss-core"),
            // the experiment's charts and tables live here, so the notebooks (and the CLI's jar) have it
            "focal-loss-notebook", Set.of("org.focalloss:focal-loss-core", "org.focalloss:focal-loss-experiment",
                    "tech.tablesaw:tablesaw-core", "org.knowm.xchart:xchart"),
            "focal-loss-cli", Set.of("org.focalloss:focal-loss-notebook", "org.focalloss:focal-loss-core",
                    "info.picocli:picocli",
                    // shaded into the runnable jar only, so that SLF4J prints no warning; not passed on
                    "org.slf4j:slf4j-nop (optional)"),
            // the engine and native jars are test scope: the application picks its engine
            "focal-loss-djl", Set.of("org.focalloss:focal-loss-core", "ai.djl:api"),
            // the DJL step benchmark compiles against the adapter and DJL's api (provided: not in benchmarks.jar)
            "focal-loss-benchmarks", Set.of("org.focalloss:focal-loss-core", "org.focalloss:focal-loss-experiment",
                    "org.openjdk.jmh:jmh-core", "org.focalloss:focal-loss-djl", "ai.djl:api"));

    static Stream<String> modules() throws Exception {
        return childElements(childElement(pom(ROOT), "modules"), "module").stream().map(Node::getTextContent)
                .map(String::trim);
    }

    @Test
    void everyModuleOfTheParentHasAnEntryAndEveryEntryAModule() throws Exception {
        assertEquals(new TreeSet<>(ALLOWED.keySet()), modules().collect(TreeSet::new, Set::add, Set::addAll));
    }

    @Test
    void theParentPassesNoDependenciesOnToItsModules() throws Exception {
        Element parent = pom(ROOT);
        assertEquals(null, childElement(parent, "dependencies"), "<dependencies> in the parent pom");
        assertEquals(null, childElement(parent, "profiles"), "<profiles> in the parent pom");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleDeclaresExactlyTheDependenciesItsLayerAllows(String module) throws Exception {
        Element project = pom(ROOT.resolve(module));
        assertEquals(null, childElement(project, "profiles"), module + ": <profiles> could add dependencies");
        Set<String> declared = new TreeSet<>();
        for (Element d : childElements(childElement(project, "dependencies"), "dependency")) {
            if ("test".equals(text(d, "scope"))) {
                continue;
            }
            declared.add(text(d, "groupId") + ":" + text(d, "artifactId")
                    + ("true".equals(text(d, "optional")) ? " (optional)" : ""));
        }
        assertEquals(new TreeSet<>(ALLOWED.getOrDefault(module, Set.of("<no entry in ModuleGraphTest.ALLOWED>"))),
                declared, module);
    }

    private static Element pom(Path dir) throws Exception {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new AssertionError(pom + " does not exist");
        }
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    private static Element childElement(Element parent, String name) {
        List<Element> found = childElements(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> childElements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element e = childElement(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
