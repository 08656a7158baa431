package org.focalloss.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.focalloss.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowm.xchart.XYChart;

/** The second tier: restyling a figure without XChart, checked on the chart's model. */
class FigureStyleTest {

    @Test
    void titleAxisTitlesLabelsAndColoursChangeTheModel() {
        Figure f = FocalCharts.focalLoss(2);
        assertSame(f, f.title("FL against CE").xAxisTitle("p").yAxisTitle("loss per example")
                .labels("cross-entropy", "focal loss").colors("#000", "#0072B2"));
        assertEquals("FL against CE", f.title());
        assertEquals("p", f.xAxisTitle());
        assertEquals("loss per example", f.yAxisTitle());
        assertEquals(List.of("cross-entropy", "focal loss"), f.labels());
        assertEquals(List.of(Color.BLACK, new Color(0x0072B2)), f.colors());
        // what XChart draws: the legend label and line colour of each series
        XYChart chart = (XYChart) f.chart();
        assertEquals("focal loss", chart.getSeriesMap().get("γ = 2").getLabel());
        assertEquals(new Color(0x0072B2), chart.getSeriesMap().get("γ = 2").getLineColor());
        assertEquals("Legend: cross-entropy, thin black line; focal loss, blue line.", f.legend());
        assertTrue(f.toSvg().contains(">focal loss</text>"));
    }

    @Test
    void sizeAndScaleSetTheDisplaySizeAndThePixels() throws Exception {
        Figure f = FocalCharts.figure1().size(960, 540).scale(2);
        assertEquals(960, f.width());
        assertEquals(540, f.height());
        assertEquals(2.0, f.scale());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(f.toPng()));
        assertEquals(1920, png.getWidth());
        assertEquals(1080, png.getHeight());
        BufferedImage one = ImageIO.read(new ByteArrayInputStream(f.toPng(1)));
        assertEquals(960, one.getWidth());
        assertTrue(f.toSvg().contains("width=\"960\" height=\"540\" viewBox=\"0 0 960 540\""));
    }

    @ParameterizedTest(name = "{0} × {1}: text and lines × {2}")
    @CsvSource({"720, 440, 1", "480, 260, 1", "1440, 880, 2", "1440, 440, 1", "2160, 1320, 3"})
    void textLinesAndTickSpacingGrowWithTheSize(int w, int h, double k) {
        Figure f = FocalCharts.focalLoss(2).size(w, h);
        f.toImage(1);
        XYChart chart = (XYChart) f.chart();
        assertEquals(13 * k, chart.getStyler().getLegendFont().getSize2D(), 1e-4);
        assertEquals(15 * k, chart.getStyler().getChartTitleFont().getSize2D(), 1e-4);
        assertEquals(Math.round(74 * k), chart.getStyler().getYAxisTickMarkSpacingHint());
        assertEquals(2.2 * k, chart.getSeriesMap().get("γ = 2").getLineStyle().getLineWidth(), 1e-4);
        assertEquals(1.5 * k, chart.getSeriesMap().get("CE").getLineStyle().getLineWidth(), 1e-4);
        assertEquals(List.of(1.5f, 2.2f), f.lineWidths(), "the base widths stay");
    }

    @Test
    void ticksAreRoundAndWrittenWithALeadingZero() {
        XYChart chart = (XYChart) FocalCharts.modulator(2).chart();
        assertEquals("0.##", chart.getStyler().getYAxisDecimalPattern());
        assertEquals("0.##", chart.getStyler().getXAxisDecimalPattern());
        for (double[] range : new double[][] {{0, 5}, {0, 1}, {-1.2, 0}, {0, 8}}) {
            for (double n : new double[] {3, 5.6, 11.3}) {
                double[] ticks = SvgWriter.ticks(range[0], range[1], n);
                double step = ticks[1] - ticks[0];
                double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
                assertTrue(List.of(1.0, 2.0, 2.5, 5.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-9),
                        "step " + step);
                assertTrue(ticks[0] >= range[0] - 1e-9 && ticks[ticks.length - 1] <= range[1] + 1e-9);
            }
        }
    }

    @Test
    void badStylingIsOneLineNamingTheValue() {
        Figure f = FocalCharts.focalLoss(2);
        assertEquals("labels has 1 value(s) but the chart has 2 series (CE, γ = 2)",
                assertThrows(InvalidArgumentException.class, () -> f.labels("FL")).getMessage());
        assertEquals("label \"FL\" is given twice: two series with one name cannot be told apart",
                assertThrows(InvalidArgumentException.class, () -> f.labels("FL", "FL")).getMessage());
        assertEquals("label 2 is empty: give every series a name",
                assertThrows(InvalidArgumentException.class, () -> f.labels("CE", " ")).getMessage());
        assertEquals("color = \"orange\" is not a hex colour (expected e.g. #E69F00)",
                assertThrows(InvalidArgumentException.class, () -> f.colors("orange", "#000")).getMessage());
        assertEquals("scale = 0.0 is out of range [0.5, 8]",
                assertThrows(InvalidArgumentException.class, () -> f.scale(0)).getMessage());
        assertEquals("width = 50 is out of range [100, ∞)",
                assertThrows(InvalidArgumentException.class, () -> f.size(50, 400)).getMessage());
        assertEquals("the image would have 32000 × 19200 = 614,400,000 pixels, more than 40,000,000:"
                + " lower the size or the scale",
                assertThrows(InvalidArgumentException.class, () -> f.size(4000, 2400).scale(8)).getMessage());
        assertEquals(List.of("CE", "γ = 2"), f.labels(), "a refused change changes nothing");
    }
}
