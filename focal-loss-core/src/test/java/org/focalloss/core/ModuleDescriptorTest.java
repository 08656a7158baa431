package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the class path; this one loads the compiled classes (target/classes, which the jar packs
 * as they are) as the named module {@code org.focalloss.core} in a fresh module layer, so the descriptor is
 * exercised: its name, its exports, no mandatory dependency, and the one-line API working from inside it.
 * scripts/test's consumer step runs the built jar with {@code java -p} as well.
 */
class ModuleDescriptorTest {

    private static final Path CLASSES = Path.of("target", "classes");

    private static ModuleDescriptor descriptor() {
        return ModuleFinder.of(CLASSES).find("org.focalloss.core").orElseThrow(
                () -> new AssertionError("no module org.focalloss.core in " + CLASSES)).descriptor();
    }

    @Test
    void exportsTheCoreAndBatchPackagesOnly() {
        Set<String> exports = descriptor().exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("org.focalloss.batch", "org.focalloss.core"), exports);
    }

    @Test
    void requiresNothingButJavaBaseAndTheVectorApiOnlyStatically() {
        Set<String> requires = new TreeSet<>();
        for (ModuleDescriptor.Requires r : descriptor().requires()) {
            boolean isStatic = r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC);
            requires.add(r.name() + (isStatic ? " static" : ""));
        }
        assertEquals(Set.of("java.base", "jdk.incubator.vector static"), requires);
    }

    @Test
    @Tag("fast-path") // also in the scalar-fallback run, where the scalar kernels must be chosen
    void theOneLineApiAndTheBatchKernelsRunInsideTheNamedModule() throws Exception {
        Configuration cf = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(CLASSES), ModuleFinder.of(), Set.of("org.focalloss.core"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader("org.focalloss.core");

        Class<?> focalLoss = loader.loadClass("org.focalloss.core.FocalLoss");
        assertEquals("org.focalloss.core", focalLoss.getModule().getName());
        double loss = (double) focalLoss.getMethod("loss", double.class, double.class).invoke(null, 0.9, 2.0);
        // FL(0.9; γ = 2) = −(1 − 0.9)² ln 0.9 = 0.01 · 0.105360515…
        assertEquals(0.01 * -Math.log(0.9), loss, 1e-15);

        // the Vector kernels are found by reflection inside the module: with the incubator module in the boot
        // layer (surefire's --add-modules), `requires static` gives the read edge and the vector path is chosen
        String fastPath = (String) loader.loadClass("org.focalloss.batch.SigmoidBatch").getMethod("fastPath")
                .invoke(null);
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !Boolean.getBoolean("focalloss.scalar");
        assertTrue(fastPath.startsWith(vector ? "vector" : "scalar"), fastPath);
    }
}
