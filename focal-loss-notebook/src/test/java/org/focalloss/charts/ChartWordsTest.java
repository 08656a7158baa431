package org.focalloss.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Words must not contradict the figures: titles claim the paper's figure only for the paper's
 * parameters, every legend entry is a visible, distinct curve, and the description names each series
 * with the colour and line it is drawn in.
 */
class ChartWordsTest {

    private static final Random RANDOM = new Random(20170807);

    @Test
    void onlyThePapersGammaSetIsTitledFigureOne() {
        assertEquals("Focal loss against p_t (paper, Fig. 1)", FocalCharts.figure1().title());
        assertEquals("Focal loss against p_t for γ = 0, 0.25, 3 and 7", FocalCharts.figure1(0, 0.25, 3, 7).title());
        assertFalse(FocalCharts.figure1(0, 0.5, 1, 2).title().contains("paper"));
        assertFalse(FocalCharts.figure1(5, 2, 1, 0.5, 0).title().contains("paper"), "another order is another figure");
        assertFalse(PtChart.builder().gammas(0, 0.5, 1, 2, 5).crossEntropy(false).yCeiling(8).build().title()
                .contains("paper"), "another y range is not the paper's figure");
        assertFalse(PtChart.builder().gammas(0, 0.5, 1, 2, 5).crossEntropy(false).alpha(0.25).build().title()
                .contains("paper"), "an α-weighted loss is not the paper's figure");
    }

    @RepeatedTest(20)
    void aTitleClaimsThePapersFigureOnlyForThePapersParameters() {
        int n = 1 + RANDOM.nextInt(6);
        double[] gammas = java.util.stream.DoubleStream.generate(() -> RANDOM.nextInt(4) == 0
                ? FocalCharts.FIGURE1_GAMMAS[RANDOM.nextInt(5)] : RANDOM.nextInt(50) / 10.0).distinct().limit(n).toArray();
        Figure f = FocalCharts.figure1(gammas);
        assertEquals(java.util.Arrays.equals(gammas, FocalCharts.FIGURE1_GAMMAS), f.title().contains("paper"),
                f.title());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.focalloss.charts.AllCharts#charts")
    void everyLegendEntryIsADistinctVisibleSeries(String name, Supplier<Figure> chart) {
        Figure f = chart.get();
        List<String> labels = f.labels();
        assertEquals(labels.size(), new HashSet<>(labels).size(), "duplicate label in " + labels);
        Set<Integer> colors = new HashSet<>();
        for (Color c : f.colors()) {
            assertTrue(colors.add(c.getRGB()), "two series share the colour " + ChartStyle.colorName(c) + ": " + labels);
        }
        List<double[]> data = yData(f);
        for (int i = 0; i < data.size(); i++) {
            assertTrue(visiblePoints(f, data.get(i)) >= 2, labels.get(i) + " has no visible point");
            for (int j = 0; j < i; j++) {
                assertFalse(sameCurve(data.get(i), data.get(j)),
                        labels.get(i) + " lies exactly on " + labels.get(j) + ", so one of them cannot be seen");
            }
        }
        // a series labelled as cross-entropy is the only one that is cross-entropy
        long ce = labels.stream().filter(l -> l.equals("CE") || l.endsWith("(CE)")).count();
        assertTrue(ce <= 1, "cross-entropy is listed " + ce + " times: " + labels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.focalloss.charts.AllCharts#charts")
    void theDescriptionNamesEachSeriesWithItsDrawnStyle(String name, Supplier<Figure> chart) {
        Figure f = chart.get();
        List<String> labels = f.labels();
        List<Color> colors = f.colors();
        String legend = f.legend();
        assertTrue(f.description().endsWith(legend), f.description());
        for (int i = 0; i < labels.size(); i++) {
            assertTrue(legend.contains(labels.get(i) + ", "), legend);
            String style = legend.substring(legend.indexOf(labels.get(i) + ", ") + labels.get(i).length() + 2);
            assertTrue(style.contains(ChartStyle.colorName(colors.get(i))), labels.get(i) + ": " + style);
        }
        assertFalse(f.description().contains("dashed"), "no chart draws dashed lines");
        // after restyling, the words follow the drawing
        Color[] grey = new Color[labels.size()];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = new Color(0x10 + i, 0x20, 0x30);
        }
        f.colors(grey);
        assertTrue(f.legend().contains(String.format("#%06x", grey[0].getRGB() & 0xFFFFFF)), f.legend());
        assertNotEquals(legend, f.legend());
    }

    @Test
    void aRepeatedGammaIsOneLineNotATablesawError() {
        assertEquals("gamma = 1.0 is given twice: each curve needs its own γ",
                org.junit.jupiter.api.Assertions.assertThrows(org.focalloss.core.InvalidArgumentException.class,
                        () -> FocalCharts.figure1(0, 1, 1)).getMessage());
    }

    @Test
    void crossEntropyIsDrawnOnceAndCanBeSeen() {
        Figure g = FocalCharts.gradients(0, 0.5, 1, 2, 5);
        assertEquals(List.of("γ = 0 (CE)", "γ = 0.5", "γ = 1", "γ = 2", "γ = 5"), g.labels());
        Figure l = FocalCharts.focalLoss(0);
        assertEquals(List.of("γ = 0 (CE)"), l.labels());
        assertEquals("Focal loss, γ = 0", l.title());
        // with α ≠ 1 the γ = 0 curve is α·CE, not CE: CE is drawn on its own and γ = 0 is not called CE
        Figure a = PtChart.builder().gammas(0, 2).alpha(0.25).build();
        assertEquals(List.of("CE", "γ = 0", "γ = 2"), a.labels());
    }

    @Test
    void theLossChartsLegendSaysWhatNotebookOneShows() {
        assertEquals("Legend: CE, thin black line; γ = 2, orange line.", FocalCharts.focalLoss(2).legend());
    }

    private static List<double[]> yData(Figure f) {
        List<double[]> out = new ArrayList<>();
        if (f.chart() instanceof XYChart xy) {
            for (XYSeries s : xy.getSeriesMap().values()) {
                out.add(s.getYData());
            }
        } else {
            for (CategorySeries s : ((CategoryChart) f.chart()).getSeriesMap().values()) {
                out.add(s.getYData().stream().mapToDouble(Number::doubleValue).toArray());
            }
        }
        return out;
    }

    private static int visiblePoints(Figure f, double[] y) {
        Double lo = f.chart() instanceof XYChart xy ? xy.getStyler().getYAxisMin()
                : ((CategoryChart) f.chart()).getStyler().getYAxisMin();
        Double hi = f.chart() instanceof XYChart xy ? xy.getStyler().getYAxisMax()
                : ((CategoryChart) f.chart()).getStyler().getYAxisMax();
        int n = 0;
        for (double v : y) {
            boolean bar = f.chart() instanceof CategoryChart;
            if (Double.isFinite(v) && (lo == null || v >= lo) && (hi == null || v <= hi) && (!bar || v > 0)) {
                n++;
            }
        }
        return f.chart() instanceof CategoryChart ? 2 * n : n;
    }

    private static boolean sameCurve(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            boolean bothMissing = Double.isNaN(a[i]) && Double.isNaN(b[i]);
            if (!bothMissing && !(Math.abs(a[i] - b[i]) <= 1e-12 * Math.max(1, Math.abs(a[i])))) {
                return false;
            }
        }
        return true;
    }
}
