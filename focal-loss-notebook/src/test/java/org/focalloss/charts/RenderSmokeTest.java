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
import org.focalloss.core.WorkedExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every chart renders to a readable PNG of its size and to an SVG that names its title. */
class RenderSmokeTest {

    static Stream<Arguments> charts() {
        return Stream.of(
                Arguments.of("focalLoss", (Supplier<Figure>) () -> FocalCharts.focalLoss(2)),
                Arguments.of("figure1", (Supplier<Figure>) FocalCharts::figure1),
                Arguments.of("modulator", (Supplier<Figure>) () -> FocalCharts.modulator(0, 0.5, 1, 2, 5)),
                Arguments.of("gradients", (Supplier<Figure>) () -> FocalCharts.gradients(0, 0.5, 1, 2, 5)),
                Arguments.of("focalStar", (Supplier<Figure>) FocalCharts::focalStar),
                Arguments.of("focalStarGradients", (Supplier<Figure>) FocalCharts::focalStarGradients),
                Arguments.of("probabilities",
                        (Supplier<Figure>) () -> FocalCharts.probabilities(WorkedExample.EASY.result())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void rendersToPngAndSvg(String name, Supplier<Figure> chart, @TempDir Path dir) throws Exception {
        Figure f = chart.get();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(f.toPng()));
        assertEquals(f.chart().getWidth(), png.getWidth());
        assertEquals(f.chart().getHeight(), png.getHeight());
        String svg = f.toSvg();
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg"), name);
        assertFalse(f.description().isBlank());
        Path p = f.save(dir.resolve(name + ".png"));
        Path s = f.save(dir.resolve(name + ".svg"));
        assertTrue(Files.size(p) > 1000 && Files.size(s) > 1000);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(x -> x.getFileName().toString().endsWith(".part")), "temporary file left");
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
