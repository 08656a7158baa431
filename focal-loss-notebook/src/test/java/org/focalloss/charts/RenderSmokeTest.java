package org.focalloss.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.focalloss.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every chart renders to a readable PNG of its size and to an SVG that names its title. */
class RenderSmokeTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.focalloss.charts.AllCharts#charts")
    void rendersToPngAndSvg(String name, Supplier<Figure> chart, @TempDir Path dir) throws Exception {
        Figure f = chart.get();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(f.toPng()));
        assertEquals(f.width(), png.getWidth());
        assertEquals(f.height(), png.getHeight());
        BufferedImage sharp = ImageIO.read(new ByteArrayInputStream(f.toPng(2)));
        assertEquals(2 * f.width(), sharp.getWidth());
        assertEquals(2 * f.height(), sharp.getHeight());
        String svg = f.toSvg();
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg"), name);
        // text as text: the title and every legend label are <text>, and the document stays small
        assertTrue(svg.contains(">" + f.title() + "</text>"), name);
        for (String label : f.labels()) {
            assertTrue(svg.contains(">" + label + "</text>"), label);
        }
        assertTrue(svg.length() < 40_000, name + ": " + svg.length() + " characters");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertFalse(f.description().isBlank());
        Path p = f.save(dir.resolve(name + ".png"));
        Path s = f.save(dir.resolve(name + ".svg"));
        assertTrue(Files.size(p) > 1000 && Files.size(s) > 1000);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(x -> x.getFileName().toString().endsWith(".part")), "temporary file left");
        }
        if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)),
                    "a saved chart is readable like any file, not private like a temporary one");
        }
    }

    @Test
    void unsupportedExtensionIsRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("fig.jpg");
        assertEquals("output file \"fig.jpg\" has an unsupported type: use a name ending in .png or .svg",
                assertThrows(InvalidArgumentException.class, () -> FocalCharts.figure1().save(target)).getMessage());
        assertFalse(Files.exists(target));
    }
}
