package org.focalloss.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.focalloss.core.FocalLoss;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.WorkedExample;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Charts are checked through their data: series, axis titles, ranges and descriptions, not pixels. */
class ChartDataTest {

    private static List<String> seriesNames(XYChart chart) {
        return new ArrayList<>(chart.getSeriesMap().keySet());
    }

    @Test
    void figureOneHasTheFivePaperGammas() {
        Figure f = FocalCharts.figure1();
        XYChart chart = (XYChart) f.chart();
        assertEquals(List.of("γ = 0 (CE)", "γ = 0.5", "γ = 1", "γ = 2", "γ = 5"), f.labels());
        assertEquals("p_t (probability of the true class)", f.xAxisTitle());
        assertEquals("loss", f.yAxisTitle());
        assertEquals(5.0, chart.getStyler().getYAxisMax(), 0);
        assertTrue(chart.getStyler().isLegendVisible());
        assertTrue(f.description().contains("γ = 0, 0.5, 1, 2 and 5"), f.description());
        assertTrue(f.description().contains("FL with γ = 2 is 0.001054"), f.description());
    }

    @Test
    void focalLossChartDrawsCrossEntropyUnderneathWithTheSameData() {
        XYChart chart = (XYChart) FocalCharts.focalLoss(2).chart();
        assertEquals(List.of("CE", "γ = 2"), seriesNames(chart));
        XYSeries fl = chart.getSeriesMap().get("γ = 2");
        double[] x = fl.getXData();
        double[] y = fl.getYData();
        for (int i = 0; i < x.length; i++) {
            double expected = FocalLoss.loss(Math.max(x[i], 1e-10), 2);
            if (expected > 5) {
                assertTrue(Double.isNaN(y[i]), "value above the ceiling must be a break at p_t = " + x[i]);
            } else {
                assertEquals(expected, y[i], 1e-12);
            }
        }
    }

    @Test
    void modulatorChartIsOnAFixedUnitAxis() {
        XYChart chart = (XYChart) FocalCharts.modulator(2).chart();
        assertEquals(0.0, chart.getStyler().getYAxisMin(), 0);
        assertEquals(1.0, chart.getStyler().getYAxisMax(), 0);
        assertEquals("(1 − p_t)^γ", chart.getYAxisTitle());
        assertEquals(List.of("γ = 2"), seriesNames(chart));
    }

    @Test
    void gradientChartShowsFiniteValuesForEveryGamma() {
        XYChart chart = (XYChart) FocalCharts.gradients(0.5, 2).chart();
        assertEquals(List.of("CE", "γ = 0.5", "γ = 2"), seriesNames(chart));
        assertEquals(ChartStyle.REFERENCE, chart.getSeriesMap().get("CE").getLineColor());
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getYData()) {
                assertTrue(Double.isFinite(v) && v <= 0 && v >= chart.getStyler().getYAxisMin(), s.getName());
            }
        }
        assertEquals("dFL/dx_t", chart.getYAxisTitle());
    }

    @Test
    void appendixFiguresPlotAgainstXt() {
        XYChart fig5 = (XYChart) FocalCharts.focalStar().chart();
        assertEquals(List.of("CE", "FL, γ = 2", "FL*, γ = 2, β = 1", "FL*, γ = 4, β = 0"), seriesNames(fig5));
        assertEquals("x_t = y·x", fig5.getXAxisTitle());
        XYChart fig6 = (XYChart) FocalCharts.focalStarGradients().chart();
        assertEquals("d loss / d x", fig6.getYAxisTitle());
        assertEquals(4, fig6.getSeriesMap().size());
    }

    @Test
    void probabilityBarsHighlightTheTrueClass() {
        Figure f = FocalCharts.probabilities(WorkedExample.HARD.result());
        CategoryChart chart = (CategoryChart) f.chart();
        assertEquals(List.of("other classes", "true class"), new ArrayList<>(chart.getSeriesMap().keySet()));
        List<? extends Number> truth = new ArrayList<>(chart.getSeriesMap().get("true class").getYData());
        assertEquals(0.0, truth.get(0).doubleValue(), 0);
        assertEquals(WorkedExample.HARD.result().pt(), truth.get(1).doubleValue(), 1e-15);
        assertTrue(f.description().contains("class 1 (true) 0.073033"), f.description());
        assertTrue(f.title().contains("p_t = 0.073033"));
    }

    @Test
    void badChartArgumentsAreNamed() {
        assertEquals("gamma = -1.0 is out of range [0, ∞)",
                assertThrows(InvalidArgumentException.class, () -> FocalCharts.focalLoss(-1)).getMessage());
        assertEquals("gammas are empty: give at least one γ, e.g. 2",
                assertThrows(InvalidArgumentException.class, () -> FocalCharts.figure1(new double[0])).getMessage());
    }
}
