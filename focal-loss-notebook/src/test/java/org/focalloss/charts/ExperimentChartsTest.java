package org.focalloss.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.experiment.AveragePrecision;
import org.focalloss.experiment.DetectionData;
import org.focalloss.experiment.LossCdf;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The experiment's charts, checked on their data model (series, points, descriptions), not pixels. */
class ExperimentChartsTest {

    private static final DetectionData.DataSet DATA = DetectionData.generate(
            DetectionData.Config.defaults().withSize(20_000, 20_000));

    @Test
    void dataSetDrawsEveryPositiveAndHardNegativeAndTheRequestedSampleOfEasyOnes() {
        Figure f = ExperimentCharts.dataSet(DATA, 1_000);
        Map<String, XYSeries> series = ((XYChart) f.chart()).getSeriesMap();
        assertEquals(3, series.size());
        int[] sizes = series.values().stream().mapToInt(s -> s.getXData().length).toArray();
        assertArrayEquals(new int[] {1_000, 200, 20}, sizes);   // easy drawn first, then hard, then positives
        assertTrue(f.description().contains("20 positives in 6 small clusters"), f.description());
    }

    @Test
    void precisionRecallDrawsEachCurveAsStepsWithItsApInTheDescription() {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5};
        boolean[] y = {true, false, true, false, false};
        AveragePrecision.Curve c = AveragePrecision.curve(scores, y);
        Map<String, AveragePrecision.Curve> curves = new LinkedHashMap<>();
        curves.put("model", c);
        Figure f = ExperimentCharts.precisionRecall(curves);
        XYSeries s = ((XYChart) f.chart()).getSeriesMap().get("model");
        assertEquals(2 * c.size(), s.getXData().length);
        assertEquals(0.0, s.getXData()[0], 0);
        assertEquals(1.0, s.getYData()[0], 0);
        assertTrue(f.description().contains("model (AP 0.833)"), f.description());
        assertThrows(InvalidArgumentException.class, () -> ExperimentCharts.precisionRecall(Map.of()));
    }

    @Test
    void lossCdfHasOneCurveFromZeroToOnePerGamma() {
        double[] logits = {-3, -2, -1, 0.5, 2, -5, -6, 1};
        boolean[] y = {false, false, false, true, true, false, false, true};
        List<LossCdf> curves = List.of(LossCdf.of(logits, y, false, 0), LossCdf.of(logits, y, false, 2));
        Figure f = ExperimentCharts.lossCdf(curves, false);
        Map<String, XYSeries> series = ((XYChart) f.chart()).getSeriesMap();
        assertEquals(List.of("γ = 0", "γ = 2"), List.copyOf(series.keySet()));
        for (XYSeries s : series.values()) {
            assertEquals(0.0, s.getYData()[0], 0);
            assertEquals(1.0, s.getYData()[s.getYData().length - 1], 0);
        }
    }

    @Test
    void sweepAddsTheCeilingAndRefusesSeriesOfTheWrongLength() {
        Map<String, double[]> lines = new LinkedHashMap<>();
        lines.put("CE", new double[] {0.1, 0.2});
        Figure f = ExperimentCharts.sweep("t", "γ", new double[] {0, 2}, lines, 0.8);
        assertEquals(2, ((XYChart) f.chart()).getSeriesMap().size());
        assertTrue(f.description().contains("CE 0.100, 0.200; Bayes-optimal AP 0.800"), f.description());
        lines.put("FL", new double[] {0.3});
        assertThrows(InvalidArgumentException.class,
                () -> ExperimentCharts.sweep("t", "γ", new double[] {0, 2}, lines, Double.NaN));
    }
}
